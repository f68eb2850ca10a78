import type { Logger } from 'pino';
import type { Clock, MonthlyReports, OutboxStore, SchedulerPlanner } from '../core/index.js';
import type { Dispatcher } from './dispatcher.js';

export interface SchedulerDeps {
  readonly dispatcher: Dispatcher;
  readonly planner: SchedulerPlanner;
  readonly outbox: Pick<OutboxStore, 'prune' | 'onWritten'>;
  /** The durable inbox, whose handled updates are deleted after a while. */
  readonly inbox?: { prune(before: Date): Promise<number> };
  /** Plans each WKSBM's monthly report into the outbox as the 1st of the month approaches. */
  readonly monthly?: Pick<MonthlyReports, 'plan'>;
  readonly clock: Clock;
  readonly log: Logger;
  /** Longest sleep when nothing is due: bounds how late a message planned by another process is seen. */
  readonly pollMs?: number;
  /** How often rutin series are topped up and settled outbox rows pruned. */
  readonly upkeepEveryMs?: number;
  /** Dispatch loops: two keep the next batch claimed and rendered while the current one waits for the limit. */
  readonly workers?: number;
}

export interface Scheduler {
  start(): void;
  /** Finishes the batches in hand, then resolves; nothing is claimed after it is called. */
  stop(): Promise<void>;
}

const SERIES_PER_TOP_UP = 100;
/** Sent, dropped and failed messages are kept this long for questions ("was the reminder sent?"), then deleted. */
const KEEP_SETTLED_MS = 30 * 24 * 60 * 60_000;
/**
 * Handled (or given up) inbox updates are kept a week, then deleted. Deleting one cannot make it apply
 * twice: Telegram hands an update out again only until a later getUpdates offset or a 200 confirms it
 * (offsets only move forward) and keeps unconfirmed ones for 24 hours at most, and a message that did
 * arrive again is still applied once, as its change is keyed by the message (InboundMessage), not by
 * the inbox row.
 */
const KEEP_HANDLED_UPDATES_MS = 7 * 24 * 60 * 60_000;

/**
 * The loops that send due outbox messages, keep rutin series and monthly reports planned ahead and prune
 * old outbox and inbox rows. Time-driven work lives
 * in the database, not in timers: the loops only wake up to look, so a restart, a second instance or
 * a crash loses nothing.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const pollMs = deps.pollMs ?? 1_000;
  const upkeepEveryMs = deps.upkeepEveryMs ?? 10 * 60_000;
  let running = false;
  let loops: Promise<void>[] = [];
  let unsubscribe = () => {};
  const sleepers = new Set<() => void>();

  /** The dispatch loops' sleeps, which a new outbox message cuts short (the upkeep's are not). */
  const dispatching = new Set<() => void>();

  const sleep = (ms: number, name: string) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        dispatching.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
      if (name !== 'upkeep') dispatching.add(wake);
    });

  async function idleMs(): Promise<number> {
    const next = await deps.dispatcher.nextDue();
    if (!next) return pollMs;
    return Math.min(pollMs, Math.max(10, next.getTime() - deps.clock.now().getTime()));
  }

  /** Runs `round` until stopped; a failing round is logged and tried again after a pause. */
  async function repeat(name: string, round: () => Promise<number>): Promise<void> {
    while (running) {
      try {
        const waitMs = await round();
        if (waitMs > 0 && running) await sleep(waitMs, name);
      } catch (error) {
        deps.log.error({ err: error, loop: name }, 'scheduler round failed');
        if (running) await sleep(pollMs, name);
      }
    }
  }

  const dispatch = async () => ((await deps.dispatcher.runOnce()) > 0 ? 0 : idleMs());
  const upkeep = async () => {
    const now = deps.clock.now();
    await deps.planner.topUp(now, SERIES_PER_TOP_UP);
    await deps.monthly?.plan(now);
    await deps.planner.planReminders(now);
    await deps.outbox.prune(new Date(now.getTime() - KEEP_SETTLED_MS));
    await deps.inbox?.prune(new Date(now.getTime() - KEEP_HANDLED_UPDATES_MS));
    return upkeepEveryMs;
  };

  return {
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: deps.workers ?? 2 }, (_, i) => repeat(`dispatch-${i}`, dispatch));
      // A reply written by this process is sent at once, not at the next poll.
      unsubscribe = deps.outbox.onWritten(() => {
        for (const wake of [...dispatching]) wake();
      });
      // Every instance does the upkeep: it is idempotent, so one more instance costs a read now and then.
      loops.push(repeat('upkeep', upkeep));
    },
    async stop() {
      running = false;
      unsubscribe();
      // What is claimed and waits for the rate limit goes back to the outbox at once.
      deps.dispatcher.stop();
      for (const wake of sleepers) wake();
      await Promise.all(loops);
    },
  };
}
