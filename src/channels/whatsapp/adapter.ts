import type { BaileysEventEmitter, BaileysEventMap, GroupMetadata, WAMessage, WAMessageKey, proto } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { type ChannelSender, type Core } from '../../core/index.js';
import type { WhatsAppStore } from '../../core/index.js';
import { createGroupCache } from './group-cache.js';
import { toInbound } from './inbound.js';
import { createKeyedQueue } from './keyed-queue.js';
import { createOutgoing, documentContent, openContent, type SendingSocket } from './outgoing.js';
import type { Seal } from './seal.js';
import { sharedText } from '../../core/index.js';

/** The part of a Baileys socket the adapter uses; `WASocket` has it, and so do the tests' fakes. */
export interface AdapterSocket extends SendingSocket {
  readonly ev: BaileysEventEmitter;
  groupMetadata(jid: string): Promise<GroupMetadata>;
  readonly signalRepository: { readonly lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
}

export interface WhatsAppAdapterDeps {
  readonly core: Core;
  readonly store: WhatsAppStore;
  readonly seal: Seal;
  readonly log: Logger;
  readonly sendIntervalMs: number;
  readonly sendJitterMs: number;
  readonly random?: () => number;
}

export interface WhatsAppAdapter {
  /** Reads this socket's messages and sends through it, until `detach` (a reconnect makes a new one). */
  attach(socket: AdapterSocket): void;
  detach(): void;
  /** Sends without a message to answer (reminders); resolves once WhatsApp accepted every text. */
  readonly sender: ChannelSender;
  /** Baileys' `getMessage`: what the bot sent, for a recipient's retry request. */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** Baileys' `cachedGroupMetadata`. */
  cachedGroupMetadata(jid: string): Promise<GroupMetadata | undefined>;
  /** Waits until every message received so far is handled and answered. */
  idle(): Promise<void>;
  /** Stops sending; what still waits is given up. */
  stop(): void;
}

/**
 * WhatsApp ⇄ core, and nothing more: each text message (live `notify`, or `append` for what came while
 * the bot was offline) becomes an `Inbound`, the core's replies go back quoting it. The core applies a
 * message at most once; the adapter adds that a message delivered again is not answered again.
 */
export function createWhatsAppAdapter(deps: WhatsAppAdapterDeps): WhatsAppAdapter {
  const { log } = deps;
  let socket: AdapterSocket | null = null;
  let unsubscribe: (() => void) | null = null;
  const groups = createGroupCache(async (jid) => {
    if (!socket) throw new Error('WhatsApp is not connected');
    return socket.groupMetadata(jid);
  }, log);
  const outgoing = createOutgoing({
    socket: () => socket,
    store: deps.store,
    seal: deps.seal,
    log,
    intervalMs: deps.sendIntervalMs,
    jitterMs: deps.sendJitterMs,
    random: deps.random,
  });
  const incoming = createKeyedQueue();
  /** Messages being answered right now: a second copy arriving meanwhile is not answered again. */
  const answering = new Set<string>();

  const lookup = {
    group: (jid: string) => groups.get(jid),
    pnForLid: async (lid: string) => (socket ? socket.signalRepository.lidMapping.getPNForLID(lid) : null),
  };

  async function handle(message: WAMessage): Promise<void> {
    const inbound = await toInbound(message, lookup);
    if (!inbound) return;
    const answerKey = `${inbound.chat.id}:${inbound.messageId}`;
    if (answering.has(answerKey) || (await deps.store.hasAnswered(answerKey))) {
      log.debug({ chat: inbound.chat.id, messageId: inbound.messageId }, 'WhatsApp message seen before, not answered again');
      return;
    }
    answering.add(answerKey);
    let texts: string[];
    let replyTo: string | undefined = answerKey;
    try {
      texts = (await deps.core.handle(inbound)).map((reply) => reply.text);
    } catch (error) {
      log.error({ chat: inbound.chat.id, messageId: inbound.messageId, err: error }, 'WhatsApp message failed');
      texts = [sharedText.serverError()];
      // Nothing was recorded, so a redelivery of this message may be tried again.
      replyTo = undefined;
    }
    if (texts.length === 0) {
      answering.delete(answerKey);
      return;
    }
    // Not awaited: the chat's next message is handled while this answer waits for its turn to be sent.
    outgoing
      .send({ chatJid: inbound.chat.id, texts, quoted: message, replyTo })
      .catch((error: unknown) => log.warn({ chat: inbound.chat.id, err: error }, 'WhatsApp answer not sent'))
      .finally(() => answering.delete(answerKey));
  }

  const onMessages = ({ messages, type }: BaileysEventMap['messages.upsert']) => {
    for (const message of messages) {
      const chatJid = message.key.remoteJid;
      if (!chatJid) continue;
      incoming
        .run(chatJid, () => handle(message))
        .catch((error: unknown) => log.error({ chat: chatJid, type, err: error }, 'WhatsApp message not handled'));
    }
  };
  const onParticipants = ({ id }: BaileysEventMap['group-participants.update']) => groups.forget(id);
  const onGroups = (updates: BaileysEventMap['groups.update']) => {
    for (const update of updates) if (update.id) groups.forget(update.id);
  };

  return {
    attach(next) {
      unsubscribe?.();
      socket = next;
      next.ev.on('messages.upsert', onMessages);
      next.ev.on('group-participants.update', onParticipants);
      next.ev.on('groups.update', onGroups);
      unsubscribe = () => {
        next.ev.off('messages.upsert', onMessages);
        next.ev.off('group-participants.update', onParticipants);
        next.ev.off('groups.update', onGroups);
      };
    },
    detach() {
      unsubscribe?.();
      unsubscribe = null;
      socket = null;
    },
    sender: {
      channel: 'whatsapp',
      async send(chatId, replies) {
        for (const reply of replies) await outgoing.sendNow(chatId, { text: reply.text });
      },
      sendDocument: (chatId, document) => outgoing.sendNow(chatId, documentContent(document)),
    },
    async getMessage(key) {
      if (!key.id) return undefined;
      const stored = await deps.store.sentContent(key.id);
      return stored === null ? undefined : openContent(deps.seal, key.id, stored);
    },
    cachedGroupMetadata: async (jid) => groups.peek(jid),
    async idle() {
      await incoming.idle();
      await outgoing.idle();
    },
    stop() {
      outgoing.stop();
    },
  };
}
