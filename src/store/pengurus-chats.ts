import type { CaseStore, LinkOutcome } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { applyOnce } from './once.js';
import { toWksbmInfo } from './rows.js';
import type { Writer } from './writer.js';

/** A WKSBM's pengurus-only group chats, where report notices go. */
export type PengurusChatStore = Pick<CaseStore, 'pengurusChatOf' | 'linkPengurusChat'>;

export function createPengurusChatStore(read: PrismaClient, writer: Writer): PengurusChatStore {
  return {
    async pengurusChatOf(chat) {
      const row = await read.pengurusChat.findUnique({
        where: { channel_externalId: { channel: chat.channel, externalId: chat.id } },
      });
      if (!row) return null;
      return toWksbmInfo(await read.wksbm.findUniqueOrThrow({ where: { id: row.wksbmId } }));
    },

    linkPengurusChat(once, { chat, wksbmId }, render) {
      return applyOnce<LinkOutcome>(
        writer,
        once,
        async (tx) => {
          const key = { channel_externalId: { channel: chat.channel, externalId: chat.id } };
          const members = await tx.chat.findUnique({ where: key, include: { wksbm: true } });
          if (members) return { ok: false, reason: 'members-group', wksbm: toWksbmInfo(members.wksbm) };
          const linked = await tx.pengurusChat.findUnique({ where: key });
          if (linked) {
            const wksbm = await tx.wksbm.findUniqueOrThrow({ where: { id: linked.wksbmId } });
            return { ok: false, reason: 'already-linked', wksbm: toWksbmInfo(wksbm) };
          }
          await tx.pengurusChat.create({ data: { channel: chat.channel, externalId: chat.id, wksbmId, linkedById: once.personId } });
          return { ok: true, wksbm: toWksbmInfo(await tx.wksbm.findUniqueOrThrow({ where: { id: wksbmId } })) };
        },
        render,
      );
    },
  };
}
