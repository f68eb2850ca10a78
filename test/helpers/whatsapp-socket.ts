import {
  makeEventBuffer,
  proto,
  type AnyMessageContent,
  type GroupMetadata,
  type MessageUpsertType,
  type MiscMessageGenerationOptions,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import type { AdapterSocket } from '../../src/channels/whatsapp/adapter.js';

export interface SentRecord {
  readonly jid: string;
  readonly text: string;
  /** What was sent as Baileys took it (a text, or a document read from a path). */
  readonly content: AnyMessageContent;
  readonly options: MiscMessageGenerationOptions | undefined;
  readonly at: number;
}

/**
 * A socket without a WhatsApp server: its `ev` is Baileys' own event emitter (the one a real socket
 * has), sends are recorded, and group metadata and LID mappings come from what the test sets.
 */
export function createFakeSocket() {
  const ev = makeEventBuffer(pino({ level: 'silent' }));
  const sent: SentRecord[] = [];
  /** The message id of every send tried, failed ones included. */
  const attempts: (string | undefined)[] = [];
  const groups = new Map<string, GroupMetadata>();
  const lidToPn = new Map<string, string>();
  let metadataQueries = 0;
  let failures = 0;

  const socket: AdapterSocket = {
    ev,
    async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions) {
      attempts.push(options?.messageId);
      if (failures > 0) {
        failures--;
        throw new Error('Connection Closed');
      }
      const text = 'text' in content && typeof content.text === 'string' ? content.text : '';
      sent.push({ jid, text, content, options, at: Date.now() });
      return proto.WebMessageInfo.fromObject({
        key: { remoteJid: jid, id: options?.messageId, fromMe: true },
        message: { extendedTextMessage: { text } },
      }) as WAMessage;
    },
    async groupMetadata(jid: string) {
      metadataQueries++;
      const metadata = groups.get(jid);
      if (!metadata) throw new Error('item-not-found');
      return structuredClone(metadata);
    },
    signalRepository: { lidMapping: { getPNForLID: async (lid: string) => lidToPn.get(lid) ?? null } },
  };

  return {
    socket,
    /** The same emitter, with the buffering a real socket uses while it catches up. */
    ev,
    sent,
    attempts,
    groups,
    lidToPn,
    metadataQueries: () => metadataQueries,
    /** The next n sends fail as they do while the connection is down. */
    failNextSends(n: number) {
      failures = n;
    },
    upsert(messages: WAMessage[], type: MessageUpsertType = 'notify') {
      ev.emit('messages.upsert', { messages, type });
    },
  };
}

export interface MessageSpec {
  readonly id: string;
  readonly chat: string;
  /** Group messages: the sender as the key's participant, and its other addressing. */
  readonly participant?: string;
  readonly participantAlt?: string;
  readonly remoteJidAlt?: string;
  readonly pushName?: string;
  readonly text?: string;
  /** Sent as an extended text message tagging these JIDs. */
  readonly mentions?: readonly string[];
  readonly fromMe?: boolean;
  readonly content?: proto.IMessage;
}

/** A message as Baileys emits it: a real WebMessageInfo, with v7's extra addressing on its key. */
export function waMessage(spec: MessageSpec): WAMessage {
  const message =
    spec.content ??
    (spec.mentions
      ? { extendedTextMessage: { text: spec.text, contextInfo: { mentionedJid: [...spec.mentions] } } }
      : { conversation: spec.text });
  const info = proto.WebMessageInfo.fromObject({
    message,
    pushName: spec.pushName,
    messageTimestamp: Math.floor(Date.now() / 1000),
  }) as WAMessage;
  const key: WAMessageKey = {
    remoteJid: spec.chat,
    id: spec.id,
    fromMe: spec.fromMe ?? false,
    ...(spec.participant ? { participant: spec.participant } : {}),
    ...(spec.participantAlt ? { participantAlt: spec.participantAlt } : {}),
    ...(spec.remoteJidAlt ? { remoteJidAlt: spec.remoteJidAlt } : {}),
    addressingMode: spec.participant?.endsWith('@lid') || spec.chat.endsWith('@lid') ? 'lid' : 'pn',
  };
  info.key = key;
  return info;
}
