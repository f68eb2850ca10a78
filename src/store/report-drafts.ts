import { z } from 'zod';
import { DRAFT_STEPS, URGENCIES, type CaseStore, type ChatKey, type Draft } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { applyOnce } from './once.js';
import type { Writer } from './writer.js';

/** Stored JSON is parsed, never trusted. */
const draftSchema = z.object({
  step: z.enum(DRAFT_STEPS),
  data: z.object({
    wksbmId: z.number().int().optional(),
    category: z.string().optional(),
    subject: z.string().optional(),
    location: z.string().optional(),
    description: z.string().optional(),
    urgency: z.enum(URGENCIES).optional(),
    photoRef: z.string().nullable().optional(),
  }),
});

const draftKey = (chat: ChatKey) => ({ channel_chatId: { channel: chat.channel, chatId: chat.id } });

/** A `/lapor` conversation's draft, one per private chat, kept so a restart loses nothing. */
export type ReportDraftStore = Pick<CaseStore, 'draftOf' | 'saveDraft'>;

export function createReportDraftStore(read: PrismaClient, writer: Writer): ReportDraftStore {
  return {
    async draftOf(chat) {
      const row = await read.reportDraft.findUnique({ where: draftKey(chat) });
      return row ? (draftSchema.parse({ step: row.step, data: JSON.parse(row.draft) }) as Draft) : null;
    },

    saveDraft(once, { chat, draft }, render) {
      return applyOnce(
        writer,
        once,
        async (tx) => {
          if (!draft) {
            await tx.reportDraft.deleteMany({ where: { channel: chat.channel, chatId: chat.id } });
            return;
          }
          const fields = { personId: once.personId, step: draft.step, draft: JSON.stringify(draft.data) };
          await tx.reportDraft.upsert({
            where: draftKey(chat),
            create: { channel: chat.channel, chatId: chat.id, ...fields },
            update: fields,
          });
        },
        render,
      );
    },
  };
}
