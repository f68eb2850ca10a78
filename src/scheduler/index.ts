import { tmpdir } from 'node:os';
import type { Logger } from 'pino';
import type { ChannelName, ChannelSender, Clock } from '../core/index.js';
import type { Stores } from '../store/index.js';
import { createDispatcher, type DispatcherOptions } from './dispatcher.js';
import { createRateLimiter, TELEGRAM_LIMITS, telegramChatLimits, type RateLimiter } from './rate-limit.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export { createDispatcher, DISPATCHER_DEFAULTS, type Dispatcher, type DispatcherOptions } from './dispatcher.js';
export { createRateLimiter, TELEGRAM_LIMITS, telegramChatLimits, whatsappLimits, type RateLimiter, type WindowLimit } from './rate-limit.js';
export { createScheduler, type Scheduler } from './scheduler.js';

/**
 * The scheduler of one process, not started yet (the server starts it on the instance that owns the
 * jobs that run once; see ownership.ts): sends the due outbox messages of the channels it has senders for,
 * within Telegram's limits (the strictest of our channels, so they are used for all), and keeps rutin
 * series and monthly reports planned ahead. `chatId` narrows the sending to one chat (a console's own).
 */
export function createProcessScheduler(
  stores: Pick<Stores, 'outbox' | 'planner' | 'reports' | 'monthly' | 'proofs'> & Partial<Pick<Stores, 'inbox'>>,
  senders: readonly ChannelSender[],
  options: {
    clock: Clock;
    log: Logger;
    chatId?: string;
    pollMs?: number;
    /** Each platform's limits; Telegram's for the others. */
    limiters?: Partial<Record<ChannelName, RateLimiter>>;
    dispatch?: Partial<DispatcherOptions>;
  },
): Scheduler {
  const log = options.log.child({ module: 'scheduler' });
  const dispatcher = createDispatcher({
    outbox: stores.outbox,
    planner: stores.planner,
    reports: { reports: stores.reports, monthly: stores.monthly, filesDir: tmpdir() },
    proofs: { proofs: stores.proofs, filesDir: tmpdir() },
    senders,
    limiter: createRateLimiter(TELEGRAM_LIMITS.overall, telegramChatLimits),
    limiters: options.limiters,
    clock: options.clock,
    log,
    chatId: options.chatId,
    options: options.dispatch,
  });
  return createScheduler({
    dispatcher,
    planner: stores.planner,
    outbox: stores.outbox,
    inbox: stores.inbox,
    monthly: stores.monthly,
    clock: options.clock,
    log,
    pollMs: options.pollMs,
  });
}

/** Longer than any window of the platforms' limits (Telegram's 20 a minute per group). */
const LIMIT_MEMORY_MS = 61_000;

/**
 * Counts the sends of the last minute, made by whichever instance owned the sending before, against these
 * limiters: the instance taking the sending over keeps the limits for the bot as a whole.
 */
export async function countRecentSends(outbox: Pick<Stores['outbox'], 'recentSends'>, limiters: Partial<Record<ChannelName, RateLimiter>>, now: Date): Promise<void> {
  const channels = Object.keys(limiters) as ChannelName[];
  for (const send of await outbox.recentSends(channels, new Date(now.getTime() - LIMIT_MEMORY_MS))) {
    limiters[send.channel]?.record(`${send.channel}:${send.chatId}`, send.sentAt.getTime());
  }
}

/** The scheduler of one process, started (a console, a test). */
export function startScheduler(...args: Parameters<typeof createProcessScheduler>): Scheduler {
  const scheduler = createProcessScheduler(...args);
  scheduler.start();
  return scheduler;
}
