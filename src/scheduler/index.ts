import type { Logger } from 'pino';
import type { ChannelSender, Clock } from '../core/index.js';
import type { Stores } from '../store/index.js';
import { createDispatcher } from './dispatcher.js';
import { createRateLimiter, TELEGRAM_LIMITS } from './rate-limit.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export { createDispatcher, DISPATCHER_DEFAULTS, type Dispatcher, type DispatcherOptions } from './dispatcher.js';
export { createRateLimiter, TELEGRAM_LIMITS, type RateLimiter, type WindowLimit } from './rate-limit.js';
export { createScheduler, type Scheduler } from './scheduler.js';

/**
 * The scheduler of one process: sends the due outbox messages of the channels it has senders for,
 * within Telegram's limits (the strictest of our channels, so they are used for all), and keeps rutin
 * series planned ahead. `chatId` narrows the sending to one chat (a console's own).
 */
export function startScheduler(
  stores: Pick<Stores, 'outbox' | 'planner'>,
  senders: readonly ChannelSender[],
  options: { clock: Clock; log: Logger; chatId?: string; pollMs?: number },
): Scheduler {
  const log = options.log.child({ module: 'scheduler' });
  const dispatcher = createDispatcher({
    outbox: stores.outbox,
    planner: stores.planner,
    senders,
    limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
    clock: options.clock,
    log,
    chatId: options.chatId,
  });
  const scheduler = createScheduler({
    dispatcher,
    planner: stores.planner,
    outbox: stores.outbox,
    clock: options.clock,
    log,
    pollMs: options.pollMs,
  });
  scheduler.start();
  return scheduler;
}
