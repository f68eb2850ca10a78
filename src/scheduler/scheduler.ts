import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { MeetingPlanner } from '../store/meetings.js';
import type { Dispatcher } from './dispatcher.js';

export interface SchedulerDeps {
  readonly dispatcher: Dispatcher;
  readonly planner: MeetingPlanner;
  readonly clock: Clock;
  readonly log: Logger;
  /** Longest sleep when nothing is due: bounds how late a message planned by another process is seen. */
  readonly pollMs?: number;
  /** How often rutin series are topped up. */
  readonly topUpEveryMs?: number;
  /** Whether this instance plans series (the console's does not: the server's does). */
  readonly plansSeries?: boolean;
}

export interface Scheduler {
  start(): void;
  /** Finishes the batch in hand, then resolves; nothing is claimed after it is called. */
  stop(): Promise<void>;
}

const SERIES_PER_TOP_UP = 100;

/**
 * The loop that sends due outbox messages. Time-driven work lives in the database, not in timers:
 * the loop only wakes up to look, so a restart, a second instance or a crash loses nothing.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const pollMs = deps.pollMs ?? 1_000;
  const topUpEveryMs = deps.topUpEveryMs ?? 10 * 60_000;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastTopUp = -Infinity;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function idleMs(): Promise<number> {
    const blocked = deps.dispatcher.blockedForMs();
    if (blocked > 0) return blocked;
    const next = await deps.dispatcher.nextDue();
    if (!next) return pollMs;
    return Math.min(pollMs, Math.max(10, next.getTime() - deps.clock.now().getTime()));
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const now = deps.clock.now();
        if (deps.plansSeries !== false && now.getTime() - lastTopUp >= topUpEveryMs) {
          lastTopUp = now.getTime();
          await deps.planner.topUp(now, SERIES_PER_TOP_UP);
        }
        const handled = await deps.dispatcher.runOnce();
        if (handled === 0 && running) await sleep(await idleMs());
      } catch (error) {
        deps.log.error({ err: error }, 'scheduler round failed');
        if (running) await sleep(pollMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
