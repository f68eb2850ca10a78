import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { LeaseStore } from './store/leases.js';

export type OwnerRole = 'owner' | 'standby' | 'stopped';

/**
 * Lease timing. An owner renews every `renewMs`; others take over once the lease has expired, so a dead
 * owner is replaced within `ttlMs + renewMs` (12 s). An owner that could not renew stops its job
 * `marginMs` before its lease can expire anywhere, so two instances never run the job at once.
 */
export interface LeaseTiming {
  readonly ttlMs: number;
  readonly renewMs: number;
  readonly marginMs: number;
}

export const LEASE_TIMING: LeaseTiming = { ttlMs: 10_000, renewMs: 2_000, marginMs: 3_000 };

/** How this instance names itself in leases and on /healthz. */
export const instanceId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface OwnershipOptions {
  readonly leases: LeaseStore;
  /** The job: 'telegram-polling', 'whatsapp'. */
  readonly name: string;
  readonly holder: string;
  readonly log: Logger;
  /** Starts the job; called when this instance becomes the owner. */
  start(): Promise<void> | void;
  /** Stops the job completely; called when ownership ends, before anyone else can take it. */
  stop(): Promise<void>;
  readonly timing?: LeaseTiming;
}

export interface Ownership {
  role(): OwnerRole;
  /** Stops the job if this instance runs it and gives the lease up, so another takes over at once. */
  close(): Promise<void>;
}

/**
 * Runs a job on exactly one of the instances sharing the database. The deadline is measured on this
 * process's monotonic clock from the moment a renewal was asked for, which is before the database set
 * the new expiry: the owner always stops before the database would let anyone else in.
 */
export function startOwnership(options: OwnershipOptions): Ownership {
  const { leases, name, holder, log } = options;
  const timing = options.timing ?? LEASE_TIMING;
  let role: OwnerRole = 'standby';
  let deadline = 0;
  let closing = false;
  const wake = new AbortController();
  // The role changes in callbacks; reading it through a function keeps TypeScript from narrowing it.
  const current = (): OwnerRole => role;
  // Starting and stopping the job never overlap.
  let turn: Promise<void> = Promise.resolve();
  const inTurn = (work: () => Promise<void> | void) => (turn = turn.then(work, work));

  const demote = (why: string) =>
    inTurn(async () => {
      if (role !== 'owner') return;
      role = closing ? 'stopped' : 'standby';
      log.warn({ job: name, why }, `${name}: no longer the owner`);
      await options.stop();
    });

  const promote = () =>
    inTurn(async () => {
      if (role !== 'standby' || closing) return;
      role = 'owner';
      log.info({ job: name, holder }, `${name}: this instance is the owner`);
      await options.start();
    });

  const watchdog = setInterval(() => {
    if (role === 'owner' && performance.now() > deadline) void demote('lease not renewed in time');
  }, 250);

  const loop = (async () => {
    while (!closing) {
      const askedAt = performance.now();
      try {
        const outcome = await leases.acquire(name, holder, timing.ttlMs);
        if (closing) break;
        if (outcome.held) {
          deadline = askedAt + timing.ttlMs - timing.marginMs;
          if (current() === 'standby') await promote();
        } else if (current() === 'owner') {
          await demote(`taken by ${outcome.holder}`);
        }
      } catch (error) {
        // The watchdog stops the job if this lasts; until then the lease still holds.
        log.warn({ job: name, err: error }, `${name}: cannot renew the lease`);
      }
      await sleep(timing.renewMs, undefined, { signal: wake.signal }).catch(() => undefined);
    }
  })();

  return {
    role: () => role,
    async close() {
      closing = true;
      clearInterval(watchdog);
      wake.abort();
      await loop;
      await demote('stopping');
      role = 'stopped';
      await leases.release(name, holder).catch((error: unknown) => log.warn({ job: name, err: error }, `${name}: cannot release the lease`));
    },
  };
}
