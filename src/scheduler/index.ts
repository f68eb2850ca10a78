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
 * The scheduler of one process: sends the due outbox messages of the channels it has senders for,
 * within Telegram's limits (the strictest of our channels, so they are used for all), and keeps rutin
 * series and monthly reports planned ahead. `chatId` narrows the sending to one chat (a console's own).
 */
export function startScheduler(
  stores: Pick<Stores, 'outbox' | 'planner' | 'reports' | 'monthly' | 'proofs'>,
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
  const scheduler = createScheduler({
    dispatcher,
    planner: stores.planner,
    outbox: stores.outbox,
    monthly: stores.monthly,
    clock: options.clock,
    log,
    pollMs: options.pollMs,
  });
  scheduler.start();
  return scheduler;
}
