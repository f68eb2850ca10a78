import type { BaileysEventEmitter, BaileysEventMap, GroupMetadata, WAMessage, WAMessageKey, proto } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { sharedText, type ChannelSender, type Clock, type Core, type WhatsAppStore } from '../../core/index.js';
import { createInboxWorker, type InboxWorkerOptions } from '../../inbox/worker.js';
import { errorType } from '../../log-safe.js';
import { replyKind } from '../../outbox/kinds/reply.js';
import type { InboxRow, InboxStore, OutboxDraft } from '../../store/inbox.js';
import { createGroupCache } from './group-cache.js';
import { identityPairs, isReadable, toInbound, type IdentityPair } from './inbound.js';
import { createOutgoing, documentContent, openContent, partKey, type SendingSocket } from './outgoing.js';
import type { Seal } from './seal.js';
import { inboxKeyOf, readStoredMessage, storeMessage } from './stored-message.js';

/** The part of a Baileys socket the adapter uses; `WASocket` has it, and so do the tests' fakes. */
export interface AdapterSocket extends SendingSocket {
  readonly ev: BaileysEventEmitter;
  groupMetadata(jid: string): Promise<GroupMetadata>;
  readonly signalRepository: { readonly lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
}

export interface WhatsAppAdapterDeps {
  readonly core: Core;
  readonly store: WhatsAppStore;
  readonly inbox: InboxStore;
  readonly clock: Clock;
  readonly seal: Seal;
  readonly log: Logger;
  readonly inboxOptions?: Partial<InboxWorkerOptions>;
}

export interface WhatsAppAdapter {
  /** Stores this socket's messages, handles them while it is connected, sends through it, until `detach`. */
  attach(socket: AdapterSocket): void;
  detach(): void;
  /** The outbox's sender for WhatsApp: answers (quoting what they answer), notices, reminders, documents. */
  readonly sender: ChannelSender;
  /** Baileys' `getMessage`: what the bot sent, for a recipient's retry request. */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** Baileys' `cachedGroupMetadata`. */
  cachedGroupMetadata(jid: string): Promise<GroupMetadata | undefined>;
  /** Waits until every message received so far is stored and, unless another process holds it, handled. */
  idle(): Promise<void>;
  /** Stops handling: what is being handled finishes (up to `graceMs`), the rest waits in the inbox. */
  stop(graceMs?: number): Promise<void>;
}

/** Storing a batch is tried this often (the database busy for a moment) before the batch is given up. */
const STORE_ATTEMPTS = 4;

/**
 * WhatsApp ⇄ core through the durable inbox. Each message the bot reads (live `notify`, or `append` for
 * what came while it was offline) is a row of the inbox before anything else is done with it; a worker
 * handles the rows, a chat's in order, and commits the answers to the outbox with the row. Baileys
 * delivering a message again (after a reconnect) finds its row: it is handled once and answered once.
 */
export function createWhatsAppAdapter(deps: WhatsAppAdapterDeps): WhatsAppAdapter {
  const { log } = deps;
  let socket: AdapterSocket | null = null;
  let unsubscribe: (() => void) | null = null;
  /** A worker stopped at a disconnect finishes before the next connection starts one. */
  let stopping: Promise<void> = Promise.resolve();
  const storing = new Set<Promise<void>>();
  const groups = createGroupCache(async (jid) => {
    if (!socket) throw new Error('WhatsApp is not connected');
    return socket.groupMetadata(jid);
  }, log);
  const send = createOutgoing({ socket: () => socket, store: deps.store, seal: deps.seal, log });
  const lookup = {
    group: (jid: string) => groups.get(jid),
    pnForLid: async (lid: string) => (socket ? socket.signalRepository.lidMapping.getPNForLID(lid) : null),
  };
  /** Pairs made one person by this process: checking again would only find them so. */
  const merged = new Set<string>();

  async function samePerson(pair: IdentityPair): Promise<void> {
    const key = `${pair.lid} ${pair.pn}`;
    if (merged.has(key)) return;
    const outcome = await deps.core.sameIdentity('whatsapp', pair.lid, pair.pn);
    if (outcome === 'merged') log.info('two WhatsApp identities of one person merged');
    if (outcome !== 'unknown') merged.add(key);
  }

  const reply = (chatJid: string, messageId: string, texts: readonly string[]): OutboxDraft[] =>
    // One row per message, so the outbox's pace counts each; the first quotes the message answered.
    texts.map((text, index) => ({
      channel: 'whatsapp',
      chatId: chatJid,
      payload: replyKind.make({ replies: [{ text }], ...(index === 0 ? { quote: { messageId } } : {}) }),
    }));

  const worker = createInboxWorker({
    store: deps.inbox,
    channel: 'whatsapp',
    clock: deps.clock,
    log,
    options: deps.inboxOptions,
    handler: {
      async handle(row: InboxRow) {
        const message = readStoredMessage(row.payload);
        // Before the core reads it, so the message is from the one person (with the roles of both).
        const pairs = await identityPairs(message, lookup);
        for (const pair of pairs) await samePerson(pair);
        const read = await toInbound(message, lookup);
        if (!read) return [];
        // A row claimed again may have been applied before (WhatsApp's receipt went out before it was
        // stored, a crash cut its handling short): the core answers what it changed then, nothing anew.
        const inbound = row.redelivered ? { ...read, redelivered: true } : read;
        const replies = await deps.core.handle(inbound);
        // Someone the core met for the first time just now exists under one identity: the other joins it.
        for (const pair of pairs) await samePerson(pair);
        // Into the chat the message came from (the answer quotes it from there), whatever the core calls it.
        return reply(message.key.remoteJid, inbound.messageId, replies.map((answer) => answer.text));
      },
      failed(row: InboxRow) {
        const { key } = readStoredMessage(row.payload);
        return reply(key.remoteJid, key.id, [sharedText.serverError()]);
      },
    },
  });

  /** Stores a batch, trying again while the database is busy; resolves once it is durable or given up. */
  async function store(messages: readonly (WAMessage & { key: { remoteJid: string; id: string } })[]): Promise<void> {
    const rows = messages.map((message) => ({
      key: inboxKeyOf(message.key),
      channel: 'whatsapp' as const,
      chatKey: `whatsapp:${message.key.remoteJid}`,
      payload: storeMessage(message),
    }));
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.inbox.receive(rows, deps.clock.now());
        worker.wake();
        return;
      } catch (error) {
        if (attempt >= STORE_ATTEMPTS) {
          log.error({ error: errorType(error), messages: rows.length }, 'WhatsApp messages could not be stored; they are lost');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  const onMessages = ({ messages }: BaileysEventMap['messages.upsert']) => {
    const readable = messages.filter(isReadable);
    if (readable.length === 0) return;
    const stored = store(readable);
    storing.add(stored);
    void stored.finally(() => storing.delete(stored));
  };
  const onMapping = (pair: BaileysEventMap['lid-mapping.update']) => {
    samePerson(pair).catch((error: unknown) => log.warn({ error: errorType(error) }, 'WhatsApp identities not merged; the next message tries again'));
  };
  const onParticipants = ({ id }: BaileysEventMap['group-participants.update']) => groups.forget(id);
  const onGroups = (updates: BaileysEventMap['groups.update']) => {
    for (const update of updates) if (update.id) groups.forget(update.id);
  };

  /** The message an answer quotes, from its inbox row (kept there; nothing of it is copied into the outbox). */
  async function quoted(chatJid: string, messageId: string): Promise<WAMessage | undefined> {
    const payload = await deps.inbox.payloadOf(inboxKeyOf({ remoteJid: chatJid, id: messageId }));
    return payload ? readStoredMessage(payload) : undefined;
  }

  return {
    attach(next) {
      unsubscribe?.();
      socket = next;
      next.ev.on('messages.upsert', onMessages);
      next.ev.on('lid-mapping.update', onMapping);
      next.ev.on('group-participants.update', onParticipants);
      next.ev.on('groups.update', onGroups);
      unsubscribe = () => {
        next.ev.off('messages.upsert', onMessages);
        next.ev.off('lid-mapping.update', onMapping);
        next.ev.off('group-participants.update', onParticipants);
        next.ev.off('groups.update', onGroups);
      };
      // Handling needs the connection (group metadata tells who is admin): rows wait while it is down.
      void stopping.then(() => {
        if (socket === next) worker.start();
      });
    },
    detach() {
      unsubscribe?.();
      unsubscribe = null;
      socket = null;
      stopping = worker.stop();
    },
    sender: {
      channel: 'whatsapp',
      async send(chatId, replies, options) {
        let quote = options?.quote ? await quoted(chatId, options.quote.messageId) : undefined;
        for (const [index, answer] of replies.entries()) {
          await send(chatId, { text: answer.text }, { quoted: quote, sendKey: partKey(options?.sendKey, index) });
          quote = undefined;
        }
      },
      sendDocument: (chatId, document, options) => send(chatId, documentContent(document), { sendKey: options?.sendKey }),
    },
    async getMessage(key) {
      if (!key.id) return undefined;
      const stored = await deps.store.sentContent(key.id);
      return stored === null ? undefined : openContent(deps.seal, key.id, stored);
    },
    cachedGroupMetadata: async (jid) => groups.peek(jid),
    async idle() {
      await Promise.all([...storing]);
      await stopping;
      // Until no round runs and no row that nobody holds is due (a row another process holds is its own).
      const due = async () => ((await deps.inbox.nextDue('whatsapp', deps.clock.now())) ?? Infinity) <= deps.clock.now();
      while (socket && (worker.busy() || (await due()))) {
        worker.wake();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop(graceMs) {
      unsubscribe?.();
      unsubscribe = null;
      await Promise.all([...storing]);
      await stopping;
      await worker.stop(graceMs);
      socket = null;
    },
  };
}
