import { createHash } from 'node:crypto';
import { generateMessageIDV2, proto, type AnyMessageContent, type MiscMessageGenerationOptions, type WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { errorType } from '../../log-safe.js';
import type { OutgoingDocument, WhatsAppStore } from '../../core/index.js';
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
}

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
 * The WhatsApp message id of a send, made from its key (the outbox message's dedupe key): a message sent
 * again after a crash or a lost answer (sent, but not recorded as sent) has the id it had the first time,
 * so WhatsApp takes it as the same message and the recipient sees it once. Shaped like Baileys' own ids.
 */
function messageIdFor(sendKey: string): string {
  return `3EB0${createHash('sha256').update(sendKey).digest('hex').toUpperCase().slice(0, 18)}`;
}

/** The key of one part of a send (its second text, a document): the parts of one outbox message differ. */
export function partKey(sendKey: string | undefined, index: number): string | undefined {
  return sendKey === undefined || index === 0 ? sendKey : `${sendKey}\npart ${index}`;
}

export interface SendPart {
  /** The message the sent one quotes. */
  readonly quoted?: WAMessage;
  /** What names this send across its retries; without it the message gets a fresh id. */
  readonly sendKey?: string;
}

/**
 * Sends one WhatsApp message, one try, and records it for WhatsApp's retry requests (`getMessage`).
 * The pace (WhatsApp bans numbers that flood groups) and the retries are the outbox's: a retry loop
 * here could outlast the outbox's lease and let another instance send the message too.
 */
export function createOutgoing(options: OutgoingOptions) {
  return async function send(chatJid: string, content: AnyMessageContent, { quoted, sendKey }: SendPart = {}): Promise<void> {
    const socket = options.socket();
    if (!socket) throw new Error('WhatsApp is not connected');
    const messageId = sendKey === undefined ? generateMessageIDV2() : messageIdFor(sendKey);
    const sent = await socket.sendMessage(chatJid, content, { messageId, ...(quoted ? { quoted } : {}) });
    try {
      await options.store.saveSent({
        id: messageId,
        chatJid,
        replyTo: quoted?.key.id ? `${chatJid}:${quoted.key.id}` : null,
        content: sealContent(options.seal, messageId, sent?.message ?? fallbackContent(content)),
      });
    } catch (error) {
      // The message is out; only a retry request for it goes unanswered.
      options.log.error({ chat: chatJid, error: errorType(error) }, 'could not record a sent WhatsApp message');
    }
  };
}
