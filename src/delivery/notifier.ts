import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { type ChannelName, type ChannelSender, type Notifier, type OutboxStore, PENGURUS, privateChatsOf, type Reply } from '../core/index.js';
import { noticeKind } from '../outbox/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ChannelNotifier extends Notifier {
  /** A channel whose messages the outbox sends (Telegram, WhatsApp): its notices become outbox rows. */
  viaOutbox(channel: ChannelName): void;
  /** A channel that sends directly (the console prints to its terminal). */
  register(sender: ChannelSender): void;
}

/**
 * Notices to people and pengurus chats. A person is reached on every channel they are known on. On a
 * channel the outbox serves, a notice is an outbox row (sent within the platform's limits, retried,
 * kept across restarts); written right after the change it tells of, so a crash in between loses it.
 * A failed or impossible send (no sender for the channel, a Telegram user who never started the bot) is
 * logged with the channel alone, never a name, chat id or text, and never fails the change behind it.
 */
export function createNotifier(read: PrismaClient, log: Logger, outbox: Pick<OutboxStore, 'add'>): ChannelNotifier {
  const senders = new Map<ChannelName, ChannelSender>();
  const outboxChannels = new Set<ChannelName>();

  /** `subject` is the notice's, shared by every chat it goes to: a merge keeps one of a person's two. */
  async function sendTo(channel: string, chatId: string, replies: readonly Reply[], subject = `notice:${randomUUID()}`): Promise<void> {
    if (outboxChannels.has(channel as ChannelName)) {
      await outbox.add(
        replies.map((reply, index) => ({
          dedupeKey: `${subject}:${channel}:${chatId}#${index}`,
          channel: channel as ChannelName,
          chatId,
          subject,
          payload: noticeKind.make({ replies: [reply] }),
          dueAt: new Date(),
          notAfter: null,
        })),
      );
      return;
    }
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
    const identities = await read.identity.findMany({ where: { personId: { in: [...new Set(personIds)] } }, orderBy: { id: 'asc' } });
    // One private chat per person and channel: someone known by two identities (merged) is told once.
    const subject = `notice:${randomUUID()}`;
    await Promise.all(privateChatsOf(identities).map((chat) => sendTo(chat.channel, chat.chatId, replies, subject)));
  }

  return {
    viaOutbox(channel) {
      outboxChannels.add(channel);
    },
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
    async toGroups(wksbmId, replies) {
      const chats = await read.chat.findMany({ where: { wksbmId }, orderBy: { id: 'asc' } });
      await Promise.all(chats.map((chat) => sendTo(chat.channel, chat.externalId, replies)));
    },
  };
}
