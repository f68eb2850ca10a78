import type { PrismaClient } from '../generated/prisma/client.js';
import type { Writer } from './writer.js';
import type { WhatsAppStore } from '../core/index.js';

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

    async pruneSent(before) {
      const { count } = await writer.run((tx) => tx.whatsAppMessage.deleteMany({ where: { createdAt: { lt: before } } }));
      return count;
    },
  };
}
