import type { ChannelSender, Reply } from '../../core/index.js';

/**
 * Messages the bot sends on its own (reminders) to the console chat that is open: printed like replies.
 * Buttons have no terminal form; the text already names their commands.
 */
export function createConsoleSender(write: (text: string) => void): ChannelSender {
  return {
    channel: 'console',
    async send(_chatId: string, replies: readonly Reply[]) {
      for (const reply of replies) write(`${reply.text}\n`);
    },
  };
}
