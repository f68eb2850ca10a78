import type { PrismaClient } from '../generated/prisma/client.js';
import type { Writer } from './writer.js';

/** A message the bot sent on WhatsApp, as the channel stores it (content already serialized). */
export interface SentWhatsAppMessage {
  readonly id: string;
  readonly chatJid: string;
  readonly replyTo: string | null;
  readonly content: string;
}

/**
 * Rows of the WhatsApp channel: its session (creds and Signal keys) and what it sent. Values are opaque
 * strings here; the channel serializes and seals them. Writes go through the single writer.
 */
export interface WhatsAppStore {
  readAuth(keys: readonly string[]): Promise<Map<string, string>>;
  /** Sets (string) or removes (null) each key, all in one transaction. */
  writeAuth(entries: ReadonlyMap<string, string | null>): Promise<void>;
  clearAuth(): Promise<void>;
  saveSent(message: SentWhatsAppMessage): Promise<void>;
  sentContent(id: string): Promise<string | null>;
  /** Whether something was already sent in answer to this `<chat jid>:<message id>`. */
  hasAnswered(replyTo: string): Promise<boolean>;
  /** Forgets sent messages older than this; retry requests come within minutes, not days. */
  pruneSent(before: Date): Promise<number>;
}

export function createWhatsAppStore(read: PrismaClient, writer: Writer): WhatsAppStore {
  return {
    async readAuth(keys) {
      const rows = await read.whatsAppAuth.findMany({ where: { key: { in: [...keys] } } });
      return new Map(rows.map((row) => [row.key, row.value]));
    },

    async writeAuth(entries) {
      if (entries.size === 0) return;
      const keys = [...entries.keys()];
      const rows = [...entries].flatMap(([key, value]) => (value === null ? [] : [{ key, value }]));
      // Delete then insert: two statements whatever the number of keys (a first start writes hundreds).
      await writer.run(async (tx) => {
        await tx.whatsAppAuth.deleteMany({ where: { key: { in: keys } } });
        if (rows.length) await tx.whatsAppAuth.createMany({ data: rows });
      });
    },

    async clearAuth() {
      await writer.run((tx) => tx.whatsAppAuth.deleteMany({}));
    },

    async saveSent(message) {
      await writer.run((tx) =>
        tx.whatsAppMessage.upsert({ where: { id: message.id }, create: message, update: {} }),
      );
    },

    async sentContent(id) {
      const row = await read.whatsAppMessage.findUnique({ where: { id }, select: { content: true } });
      return row?.content ?? null;
    },

    async hasAnswered(replyTo) {
      return (await read.whatsAppMessage.count({ where: { replyTo } })) > 0;
    },

    async pruneSent(before) {
      const { count } = await writer.run((tx) => tx.whatsAppMessage.deleteMany({ where: { createdAt: { lt: before } } }));
      return count;
    },
  };
}
