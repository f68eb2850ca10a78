import { randomUUID } from 'node:crypto';
import type { Core, Inbound } from '../../core/index.js';

export interface ConsoleChatOptions {
  /** Group chat name; without one it is each person's private chat with the bot. */
  readonly chat: string | undefined;
  /** The people typing; the first speaks unless a line starts with `<name>: `. */
  readonly users: readonly string[];
}

/**
 * The terminal as a chat: each line is a message from a console user, each reply a printed block.
 * A thin adapter like the Telegram and WhatsApp ones: it only turns lines into `Inbound`s.
 */
export function createConsoleChat(core: Core, options: ConsoleChatOptions) {
  const [firstUser] = options.users;
  if (!firstUser) throw new Error('at least one --user is needed');

  function speakerOf(line: string): { user: string; text: string } {
    const named = options.users.find((user) => line.toLowerCase().startsWith(`${user.toLowerCase()}:`));
    return named ? { user: named, text: line.slice(named.length + 1).trim() } : { user: firstUser!, text: line };
  }

  const idOf = (user: string) => user.trim().toLowerCase().replace(/\s+/g, ' ');

  return {
    /** The chat this terminal shows: the group, or the first user's private chat with the bot. */
    chatId: options.chat ?? `private:${idOf(firstUser)}`,
    async send(line: string): Promise<string[]> {
      const { user, text } = speakerOf(line);
      const userId = idOf(user);
      const message: Inbound = {
        chat: options.chat
          ? { channel: 'console', id: options.chat, kind: 'group', title: options.chat }
          : { channel: 'console', id: `private:${userId}`, kind: 'private' },
        sender: { id: userId, name: user.trim() },
        messageId: randomUUID(),
        text,
      };
      const replies = await core.handle(message);
      return replies.map((reply) => reply.text);
    },
  };
}
