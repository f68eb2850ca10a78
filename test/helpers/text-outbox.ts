import { pino } from 'pino';
import type { ChannelSender } from '../../src/core/index.js';
import { createDispatcher, createRateLimiter, TELEGRAM_LIMITS } from '../../src/scheduler/index.js';
import type { World } from './world.js';

/** A text message the outbox delivered, with the chat it went to. */
export interface SentText {
  readonly chatId: string;
  readonly text: string;
}

/**
 * Sends everything due in a world's outbox through a console sender that keeps the texts, within
 * Telegram's limits as the server would. For tests of messages the bot sends on its own (reminders);
 * a document is a bug there.
 */
export function textOutbox(worldOf: () => World): { readonly sent: SentText[]; dispatchAll(): Promise<void> } {
  const sent: SentText[] = [];
  const sender: ChannelSender = {
    channel: 'console',
    async send(chatId, replies) {
      for (const reply of replies) sent.push({ chatId, text: reply.text });
    },
    async sendDocument() {
      throw new Error('this test expects text messages only');
    },
  };
  return {
    sent,
    async dispatchAll() {
      const world = worldOf();
      const dispatcher = createDispatcher({
        outbox: world.stores.outbox,
        planner: world.stores.planner,
        senders: [sender],
        limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
        clock: world.clock,
        log: pino({ level: 'silent' }),
        random: () => 0.5,
      });
      while ((await dispatcher.runOnce()) > 0);
    },
  };
}
