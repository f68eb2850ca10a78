import type { Logger } from 'pino';
import { type ChannelName, type ChannelSender, type Notifier, PENGURUS, PRIVATE_CHAT, type Reply } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ChannelNotifier extends Notifier {
  /** Channels are created after the core; each registers its sender when it exists. */
  register(sender: ChannelSender): void;
}

/**
 * Sends notices through the channels' senders. A person is reached on every channel they are known on.
 * A failed or impossible send (no sender for the channel, a Telegram user who never started the bot) is
 * logged with the channel alone, never a name, chat id or text, and never fails the change behind it.
 */
export function createNotifier(read: PrismaClient, log: Logger): ChannelNotifier {
  const senders = new Map<ChannelName, ChannelSender>();

  async function sendTo(channel: string, chatId: string, replies: readonly Reply[]): Promise<void> {
    const sender = senders.get(channel as ChannelName);
    if (!sender) {
      log.debug({ channel }, 'notice not sent: no sender for the channel');
      return;
    }
    try {
      await sender.send(chatId, replies);
    } catch (error) {
      log.warn({ channel, error: (error as Error)?.name ?? 'unknown' }, 'notice not sent');
    }
  }

  async function toPeople(personIds: readonly number[], replies: readonly Reply[]): Promise<void> {
    if (personIds.length === 0) return;
    const identities = await read.identity.findMany({ where: { personId: { in: [...personIds] } }, orderBy: { id: 'asc' } });
    await Promise.all(
      identities.map((identity) => {
        const chat = PRIVATE_CHAT[identity.channel as ChannelName];
        return chat ? sendTo(identity.channel, chat(identity.externalId), replies) : undefined;
      }),
    );
  }

  return {
    register(sender) {
      senders.set(sender.channel, sender);
    },
    toPeople,
    async toPengurus(wksbmId, replies) {
      const [pengurus, chats] = await Promise.all([
        read.membership.findMany({ where: { wksbmId, role: { in: [...PENGURUS] } }, select: { personId: true } }),
        read.pengurusChat.findMany({ where: { wksbmId }, orderBy: { id: 'asc' } }),
      ]);
      await Promise.all([
        toPeople(pengurus.map((membership) => membership.personId), replies),
        ...chats.map((chat) => sendTo(chat.channel, chat.externalId, replies)),
      ]);
    },
  };
}
