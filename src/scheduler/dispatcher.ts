import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { ChannelName, ChannelSender, Clock, SchedulerPlanner, OutboxMessage, OutboxStore, Outcome } from '../core/index.js';
import { errorType, safeError } from '../log-safe.js';
import { defaultKinds, type KindRegistry, type Outgoing, type ProofRendering, type ReportRendering } from '../outbox/index.js';
import type { RateLimiter, Take } from './rate-limit.js';

export interface DispatcherOptions {
  /** Most messages claimed at once: about a second of sends, so the next batch is ready when the limit frees. */
  readonly batch: number;
  /** Most messages of one chat in a claim; they go one after the other. */
  readonly perChat: number;
  /** A claimed message waits this long at most for the rate limit; a longer wait hands it back. */
  readonly maxHoldMs: number;
  /**
   * How long a claim holds. While the claim is worked on, it is extended every third of this, so a
   * message waiting for the rate limit (a report's documents wait as long as needed) is never claimed
   * by another instance meanwhile; only a claimer that died lets it run out.
   */
  readonly leaseMs: number;
  /** Failed sends before a message is given up. */
  readonly maxAttempts: number;
  /** First retry delay; doubled each attempt up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

export const DISPATCHER_DEFAULTS: DispatcherOptions = {
  batch: 30,
  perChat: 3,
  maxHoldMs: 5_000,
  leaseMs: 60_000,
  maxAttempts: 8,
  backoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
};

export interface DispatcherDeps {
  readonly outbox: OutboxStore;
  /** Renders reminders when `kinds` is not given. */
  readonly planner: SchedulerPlanner;
  /** How each kind of message is rendered; the server's default kinds otherwise. */
  readonly kinds?: KindRegistry;
  /** Makes the LPJ's files for report messages when `kinds` is not given. */
  readonly reports?: ReportRendering;
  /** Reads proof photos for proof messages when `kinds` is not given. */
  readonly proofs?: ProofRendering;
  readonly senders: readonly ChannelSender[];
  /** The limits of channels without their own in `limiters`. */
  readonly limiter: RateLimiter;
  /** Each platform's own limits (Telegram's, WhatsApp's pace). */
  readonly limiters?: Partial<Record<ChannelName, RateLimiter>>;
  readonly clock: Clock;
  readonly log: Logger;
  /** Only this chat's messages: a console process delivers its own chat's. */
  readonly chatId?: string;
  readonly options?: Partial<DispatcherOptions>;
  /** Jitter source; tests pass a constant. */
  readonly random?: () => number;
  /** How a held message waits for the rate limit; resolves early when the dispatcher stops. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface Dispatcher {
  /** When the next message this dispatcher may claim falls due, or null when none waits. */
  nextDue(): Promise<Date | null>;
  /**
   * Claims a batch of due messages, sends each as the rate limits allow (one chat's in order), and
   * records each outcome. Returns how many it claimed. Several may run at once (the scheduler runs two):
   * while one waits for the limit to free, the next batch is already claimed and rendered.
   */
  runOnce(): Promise<number>;
  /**
   * Stops waiting: what is claimed and not yet sent is handed back at once for the next start (or
   * another instance), sends in flight are aborted after `graceMs`.
   */
  stop(graceMs?: number): void;
}

/** Thrown between the documents of one message when another instance took its claim meanwhile. */
class ClaimLost extends Error {}

/** What a send came to: an outcome to record, or `lost` (another instance took the claim: record nothing). */
type Attempt = Outcome | { readonly kind: 'lost' };

/** A claim being worked on: its lease is extended until `stop`, and a message another instance took is known. */
interface Hold {
  /** Whether the message is still this instance's to send; asks the database first when the lease may have run out. */
  owns(message: OutboxMessage): Promise<boolean>;
  stop(): void;
}

/** Telegram (grammY's GrammyError) and our loopback say how long to wait in `parameters.retry_after`. */
function retryAfterMs(error: unknown): number | null {
  const seconds = (error as { parameters?: { retry_after?: unknown } } | null)?.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : null;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = { ...DISPATCHER_DEFAULTS, ...deps.options };
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? abortableSleep;
  const kinds = deps.kinds ?? defaultKinds(deps.planner, deps.reports, deps.proofs);
  const senders = new Map(deps.senders.map((sender) => [sender.channel, sender]));
  const channels = [...senders.keys()];
  /** Aborted by `stop`: waits end, and the sends in flight a little later. */
  const stopping = new AbortController();
  const aborting = new AbortController();
  // Every send in flight listens to them.
  setMaxListeners(0, stopping.signal, aborting.signal);

  const limiterOf = (channel: ChannelName) => deps.limiters?.[channel] ?? deps.limiter;

  function backoff(attempts: number): number {
    const base = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** attempts);
    return Math.round(base * (0.8 + 0.4 * random()));
  }

  /** Waits for a send slot for this chat if that is soon; else says how long until one is free. */
  async function slotFor(limiter: RateLimiter, chatKey: string): Promise<Take> {
    for (;;) {
      const slot = limiter.take(chatKey, deps.clock.now().getTime());
      if (slot.ok || slot.waitMs > options.maxHoldMs || stopping.signal.aborted) return slot;
      await sleep(slot.waitMs, stopping.signal);
    }
  }

  /** Another send slot for a chat in the middle of one message (its documents): waits for it as long as needed. */
  async function nextSlot(limiter: RateLimiter, chatKey: string): Promise<Extract<Take, { ok: true }>> {
    for (;;) {
      if (stopping.signal.aborted) throw new Error('stopping');
      const slot = limiter.take(chatKey, deps.clock.now().getTime());
      if (slot.ok) return slot;
      await sleep(slot.waitMs, stopping.signal);
    }
  }

  /** Sends one message; `another` takes the next send slot before each further document. */
  async function send(sender: ChannelSender, chatId: string, message: Outgoing, sendKey: string, another: () => Promise<void>): Promise<void> {
    const signal = aborting.signal;
    switch (message.type) {
      case 'replies': {
        if (message.replies.length) await sender.send(chatId, message.replies, { quote: message.quote, signal, sendKey });
        for (const [index, document] of (message.documents ?? []).entries()) {
          if (index > 0 || message.replies.length) await another();
          await sender.sendDocument(chatId, document, { signal, sendKey: `${sendKey}\ndocument ${index}` });
        }
        return;
      }
      case 'edit':
        return sender.edit!(chatId, message.messageId, message.text, { signal });
      case 'press-answer':
        return sender.answerPress!(message.pressId, { text: message.text, alert: message.alert }, { signal });
    }
  }

  const handBack = (): Outcome => ({ kind: 'retry', at: deps.clock.now(), attempt: false, error: 'stopping' });

  // After a downtime: a reminder for a meeting that already started is useless, so it is dropped.
  const tooLate = (message: OutboxMessage) => message.notAfter !== null && deps.clock.now() >= message.notAfter;

  async function deliver(message: OutboxMessage, hold: Hold): Promise<Attempt> {
    if (stopping.signal.aborted) return handBack();
    if (tooLate(message)) return { kind: 'dropped', why: 'meeting started' };
    const rendered = await kinds.render(message.payload, deps.clock.now());
    if (!rendered.ok) return { kind: 'dropped', why: rendered.why };
    try {
      return await sendRendered(message, rendered.message, hold);
    } finally {
      await rendered.cleanup?.();
    }
  }

  async function sendRendered(message: OutboxMessage, outgoing: Outgoing, hold: Hold): Promise<Attempt> {
    const sender = senders.get(message.channel)!;
    if ((outgoing.type === 'edit' && !sender.edit) || (outgoing.type === 'press-answer' && !sender.answerPress)) {
      return { kind: 'dropped', why: `channel cannot ${outgoing.type}` };
    }
    // A press answer reaches one person and is not a chat message: it is not counted against the chat.
    const limited = outgoing.type !== 'press-answer';
    const chatKey = `${message.channel}:${message.chatId}`;
    const limiter = limiterOf(message.channel);
    const slot: Take = limited ? await slotFor(limiter, chatKey) : { ok: true, done: () => {} };
    const now = deps.clock.now();
    if (stopping.signal.aborted) {
      if (slot.ok) slot.done(now.getTime());
      return handBack();
    }
    if (!slot.ok) return { kind: 'retry', at: new Date(now.getTime() + slot.waitMs), attempt: false, error: 'rate limit' };
    if (tooLate(message)) {
      slot.done(now.getTime());
      return { kind: 'dropped', why: 'meeting started' };
    }
    // The wait for the slot can outlast the lease (a stall): the message may be another instance's now.
    if (!(await hold.owns(message))) {
      slot.done(deps.clock.now().getTime());
      return { kind: 'lost' };
    }
    let current = slot;
    try {
      const another = async () => {
        current.done(deps.clock.now().getTime());
        current = await nextSlot(limiter, chatKey);
        // So can the wait between its documents: then the rest is the other instance's to send.
        if (!(await hold.owns(message))) throw new ClaimLost();
      };
      await send(sender, message.chatId, outgoing, message.dedupeKey, another);
      return { kind: 'sent', at: deps.clock.now() };
    } catch (error) {
      if (error instanceof ClaimLost) return { kind: 'lost' };
      const wait = retryAfterMs(error);
      if (wait !== null) {
        // Too many requests: the platform names the wait. Not a failure of the message, so it is never
        // given up for it (a group over its allowance gets its replies late, never dropped).
        limiter.pause(chatKey, now.getTime() + wait);
        return { kind: 'retry', at: new Date(now.getTime() + wait), attempt: false, error: errorType(error) };
      }
      const attempts = message.attempts + 1;
      // The row keeps the platform's words for the operator; the log only the error's type and code.
      const text = String((error as Error)?.message ?? error).slice(0, 200);
      if (attempts >= options.maxAttempts) {
        deps.log.error({ outbox: message.id, channel: message.channel, error: errorType(error) }, 'outbox message given up');
        return { kind: 'failed', error: text };
      }
      deps.log.warn({ outbox: message.id, attempts, channel: message.channel, error: errorType(error) }, 'send failed, will retry');
      return { kind: 'retry', at: new Date(now.getTime() + backoff(message.attempts)), attempt: true, error: text };
    } finally {
      current.done(deps.clock.now().getTime());
    }
  }

  async function settle(message: OutboxMessage, outcome: Outcome): Promise<void> {
    const kept = await deps.outbox.settle(message, outcome);
    if (!kept) deps.log.warn({ outbox: message.id }, 'claim expired before the outcome was recorded');
  }

  /**
   * One chat's messages, in order: once one is not sent, the later ones wait behind it. Once one is lost
   * to another instance, so are the later ones (one lease covers them all): that instance sends them.
   */
  async function deliverChat(messages: readonly OutboxMessage[], hold: Hold): Promise<void> {
    let blocked = false;
    for (const message of messages) {
      let outcome: Attempt;
      if (blocked) {
        outcome = { kind: 'retry', at: deps.clock.now(), attempt: false, error: 'waits for an earlier message' };
      } else if (!(await hold.owns(message))) {
        return;
      } else {
        try {
          outcome = await deliver(message, hold);
        } catch (error) {
          // A bug or a database failure while rendering: keep the message for a later try.
          deps.log.error({ error: safeError(error), outbox: message.id }, 'rendering an outbox message failed');
          const at = new Date(deps.clock.now().getTime() + backoff(message.attempts));
          outcome = { kind: 'retry', at, attempt: true, error: 'render failed' };
        }
        if (outcome.kind === 'lost') return;
        blocked = outcome.kind === 'retry';
      }
      await settle(message, outcome);
    }
  }

  /**
   * Extends a claim's lease every third of it until stopped; a failed extension is tried at the next
   * beat. A message the extension no longer finds ours was claimed by another instance after our lease
   * ran out (a stall longer than the lease, a database out of reach): that instance sends it, so we never
   * do. Before a send, a lease not extended in time is checked first, as the beat may not have run yet.
   */
  function keepClaimed(claimed: readonly OutboxMessage[], claimedAt: Date): Hold {
    const claimToken = claimed[0]!.claimToken;
    const ids = claimed.map((message) => message.id);
    const lost = new Set<number>();
    let heldUntil = claimedAt.getTime() + options.leaseMs;
    let told = false;
    async function extend(): Promise<void> {
      const until = deps.clock.now().getTime() + options.leaseMs;
      const held = new Set(await deps.outbox.extend(claimToken, ids, new Date(until)));
      heldUntil = Math.max(heldUntil, until);
      // Settled messages are missing too: they are never asked about again.
      for (const id of ids) if (!held.has(id)) lost.add(id);
    }
    const beat = setInterval(() => {
      extend().catch((error: unknown) => deps.log.warn({ error: errorType(error) }, 'extending an outbox claim failed'));
    }, options.leaseMs / 3);
    return {
      async owns(message) {
        if (!lost.has(message.id) && deps.clock.now().getTime() >= heldUntil) {
          try {
            await extend();
          } catch (error) {
            // Not knowing is not owning: the lease runs out and the message is claimed again.
            deps.log.warn({ error: errorType(error) }, 'extending an outbox claim failed');
            return false;
          }
        }
        if (!lost.has(message.id)) return true;
        if (!told) deps.log.warn({ outbox: message.id }, 'outbox claim taken by another instance, leaving its messages to it');
        told = true;
        return false;
      },
      stop: () => clearInterval(beat),
    };
  }

  return {
    nextDue: () => deps.outbox.nextDue(channels, deps.clock.now(), deps.chatId),
    async runOnce() {
      if (stopping.signal.aborted) return 0;
      const claimedAt = deps.clock.now();
      const claimed = await deps.outbox.claim({
        channels,
        chatId: deps.chatId,
        now: claimedAt,
        limit: options.batch,
        perChat: options.perChat,
        leaseMs: options.leaseMs,
      });
      if (claimed.length === 0) return 0;
      const byChat = new Map<string, OutboxMessage[]>();
      for (const message of claimed) {
        const key = `${message.channel}:${message.chatId}`;
        byChat.set(key, [...(byChat.get(key) ?? []), message]);
      }
      const hold = keepClaimed(claimed, claimedAt);
      try {
        await Promise.all([...byChat.values()].map((messages) => deliverChat(messages, hold)));
      } finally {
        hold.stop();
      }
      return claimed.length;
    },
    stop(graceMs = 2_000) {
      stopping.abort();
      setTimeout(() => aborting.abort(), graceMs).unref();
    },
  };
}
