import { generateMessageIDV2, proto, type AnyMessageContent, type MiscMessageGenerationOptions, type WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { errorType } from '../../log-safe.js';
import { OutgoingStopped, type OutgoingDocument, type WhatsAppStore } from '../../core/index.js';
import { createKeyedQueue } from './keyed-queue.js';
import type { Seal } from './seal.js';

/** The part of a Baileys socket that sends. */
export interface SendingSocket {
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
}

export interface OutgoingOptions {
  /** The socket to send through now; null while (re)connecting. */
  readonly socket: () => SendingSocket | null;
  readonly store: WhatsAppStore;
  readonly seal: Seal;
  readonly log: Logger;
  /** Least time between two messages in one chat. */
  readonly intervalMs: number;
  /** Up to this much more, at random, so the bot does not send like a metronome. */
  readonly jitterMs: number;
  readonly random?: () => number;
}

export interface SendRequest {
  readonly chatJid: string;
  readonly texts: readonly string[];
  /** A file sent as a document message after the texts, read from disk by Baileys as it uploads. */
  readonly document?: OutgoingDocument;
  /** The message being answered; the first reply quotes it. */
  readonly quoted?: WAMessage;
  /** `<chat jid>:<message id>` of the message being answered, stored so it is never answered twice. */
  readonly replyTo?: string;
}

export interface Outgoing {
  /** Queues the texts in the chat's order; resolves once WhatsApp has accepted all of them. */
  send(request: SendRequest): Promise<void>;
  /**
   * One try at once, for the outbox's sender, which owns the pace and the retries (a retry loop here
   * could outlast the outbox's lease and let another instance send the message too).
   */
  sendNow(chatJid: string, content: AnyMessageContent): Promise<void>;
  idle(): Promise<void>;
  /** Gives up on what is still waiting (at shutdown); those sends reject. */
  stop(): void;
}

const RETRY_MAX_MS = 30_000;

/** A document message, read from disk by Baileys as it uploads. */
export function documentContent(document: OutgoingDocument): AnyMessageContent {
  return { document: { url: document.path }, fileName: document.fileName, mimetype: document.mimeType };
}

/** What is kept of a sent message when Baileys did not return it: its text, or a document's name. */
function fallbackContent(content: AnyMessageContent): proto.IMessage {
  if ('text' in content) return { conversation: content.text };
  return { documentMessage: { fileName: 'fileName' in content ? content.fileName : null } };
}

/** Seals a sent message's content for the table `getMessage` reads. */
export function sealContent(seal: Seal, id: string, content: proto.IMessage): string {
  return seal.seal(`message:${id}`, Buffer.from(proto.Message.encode(content).finish()).toString('base64'));
}

export function openContent(seal: Seal, id: string, stored: string): proto.IMessage {
  return proto.Message.decode(Buffer.from(seal.open(`message:${id}`, stored), 'base64'));
}

/**
 * Every message the WhatsApp channel sends goes through here: one queue per chat, paced at a
 * conservative rate with a little jitter (WhatsApp bans numbers that flood groups). Nothing is dropped:
 * a failed send (connection lost) is tried again, with the same message id so a send that did reach
 * WhatsApp is not shown twice, until it succeeds or the channel stops.
 */
export function createOutgoing(options: OutgoingOptions): Outgoing {
  const queue = createKeyedQueue();
  const lastSent = new Map<string, number>();
  const random = options.random ?? Math.random;
  const waiting = new Set<() => void>();
  let stopped = false;

  function pause(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (stopped) return reject(new OutgoingStopped());
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        reject(new OutgoingStopped());
      };
      const timer = setTimeout(() => {
        waiting.delete(wake);
        resolve();
      }, ms);
      waiting.add(wake);
    });
  }

  async function sendOne(chatJid: string, content: AnyMessageContent, quoted: WAMessage | undefined, replyTo: string | undefined) {
    const since = Date.now() - (lastSent.get(chatJid) ?? 0);
    const wait = options.intervalMs - since + Math.floor(random() * options.jitterMs);
    if (wait > 0) await pause(wait);
    const messageId = generateMessageIDV2();
    for (let attempt = 1; ; attempt++) {
      try {
        await deliver(chatJid, content, messageId, quoted, replyTo);
        break;
      } catch (error) {
        const delay = Math.min(RETRY_MAX_MS, 1000 * 2 ** (attempt - 1));
        options.log.warn({ chat: chatJid, attempt, delay, error: errorType(error) }, 'WhatsApp send failed, trying again');
        await pause(delay);
      }
    }
    lastSent.set(chatJid, Date.now());
  }

  /** One try: sends, then records what was sent for WhatsApp's retry requests. */
  async function deliver(chatJid: string, content: AnyMessageContent, messageId: string, quoted: WAMessage | undefined, replyTo: string | undefined) {
    const socket = options.socket();
    if (!socket) throw new Error('WhatsApp is not connected');
    const sent = await socket.sendMessage(chatJid, content, { messageId, ...(quoted ? { quoted } : {}) });
    try {
      await options.store.saveSent({
        id: messageId,
        chatJid,
        replyTo: replyTo ?? null,
        content: sealContent(options.seal, messageId, sent?.message ?? fallbackContent(content)),
      });
    } catch (error) {
      // The message is out; only a retry request for it or a redelivery of its question goes unanswered.
      options.log.error({ chat: chatJid, error: errorType(error) }, 'could not record a sent WhatsApp message');
    }
  }

  return {
    send({ chatJid, texts, document, quoted, replyTo }) {
      return queue.run(chatJid, async () => {
        for (const [index, text] of texts.entries()) await sendOne(chatJid, { text }, index === 0 ? quoted : undefined, replyTo);
        if (document) await sendOne(chatJid, documentContent(document), undefined, replyTo);
      });
    },
    sendNow: (chatJid, content) => deliver(chatJid, content, generateMessageIDV2(), undefined, undefined),
    idle: () => queue.idle(),
    stop() {
      stopped = true;
      for (const wake of [...waiting]) wake();
    },
  };
}
