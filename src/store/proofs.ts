import { createHash } from 'node:crypto';
import type { ProofStore } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { applyOnce } from './once.js';
import { enqueue } from './outbox.js';
import type { Writer } from './writer.js';

/** Proof photos (bukti/nota): one row per photo message, the image and its SHA-256 in the database. */
export function createProofStore(read: PrismaClient, writer: Writer): ProofStore {
  return {
    async targetOf(sourceKey) {
      // A confirmed setoran's entry carries its submission's key: the submitter is the one who sent it.
      const submission = await read.submission.findFirst({
        where: { sourceKey },
        select: { wksbmId: true, number: true, submittedById: true },
      });
      if (submission) return { wksbmId: submission.wksbmId, number: submission.number, recordedById: submission.submittedById };
      const entry = await read.ledgerEntry.findFirst({
        where: { sourceKey, kind: { in: ['setor', 'keluar'] } },
        select: { wksbmId: true, number: true, recordedById: true },
      });
      return entry;
    },

    async targetByNumber(wksbmId, number) {
      const where = { wksbmId_number: { wksbmId, number } };
      const submission = await read.submission.findUnique({ where, select: { submittedById: true } });
      if (submission) return { wksbmId, number, recordedById: submission.submittedById };
      const entry = await read.ledgerEntry.findUnique({ where, select: { kind: true, recordedById: true } });
      return entry && entry.kind !== 'koreksi' ? { wksbmId, number, recordedById: entry.recordedById } : null;
    },

    attach(once, { target, sourceKey, photo }, render) {
      return applyOnce(
        writer,
        once,
        async (tx) => {
          await tx.proof.create({
            data: {
              wksbmId: target.wksbmId,
              number: target.number,
              sourceKey,
              sha256: createHash('sha256').update(photo.bytes).digest('hex'),
              mimeType: photo.mimeType,
              size: photo.bytes.length,
              content: new Uint8Array(photo.bytes),
              addedById: once.personId,
            },
          });
          return { count: await tx.proof.count({ where: { wksbmId: target.wksbmId, number: target.number } }) };
        },
        render,
      );
    },

    remember: (once, replies) => applyOnce(writer, once, async () => null, () => replies),

    async counts(wksbmId, numbers) {
      if (numbers.length === 0) return new Map();
      const rows = await read.proof.groupBy({ by: ['number'], where: { wksbmId, number: { in: [...numbers] } }, _count: { _all: true } });
      return new Map(rows.map((row) => [row.number, row._count._all]));
    },

    send(once, { wksbmId, number, to, at }, render) {
      return applyOnce(
        writer,
        once,
        async (tx) => {
          const rows = await tx.proof.findMany({ where: { wksbmId, number }, select: { id: true }, orderBy: { id: 'asc' } });
          if (rows.length === 0) return { count: 0 };
          await enqueue(tx, [
            {
              dedupeKey: `bukti:${once.key}`,
              channel: to.channel,
              chatId: to.chatId,
              subject: `bukti:${wksbmId}:${number}`,
              payload: { kind: 'proof', number, ids: rows.map((row) => row.id) },
              dueAt: at,
              notAfter: null,
            },
          ]);
          return { count: rows.length };
        },
        render,
      );
    },

    async files(ids) {
      return read.proof.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, number: true, mimeType: true, content: true },
        orderBy: { id: 'asc' },
      });
    },
  };
}
