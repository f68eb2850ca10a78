import { isDukaForm, WksError, type DukaEventView, type DukaStore, type SantunanOutcome } from '../core/index.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { postEntry } from './ledger.js';
import { applyOnce } from './once.js';
import { uniquely } from './unique.js';
import type { Tx, Writer } from './writer.js';

type Client = PrismaClient | Tx;
type EventRow = Prisma.DukaEventGetPayload<{ include: { santunan: true } }>;

/** Events with their santunan and what each entry moved (entries are read by id: no relation field). */
async function toViews(client: Client, rows: readonly EventRow[]): Promise<DukaEventView[]> {
  const ids = rows.flatMap((row) => row.santunan.map((s) => s.entryId));
  const [entries, reversals] = await Promise.all([
    client.ledgerEntry.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, amount: true } }),
    client.ledgerEntry.findMany({ where: { reversesId: { in: ids } }, select: { number: true, reversesId: true } }),
  ]);
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  const reversedBy = new Map(reversals.map((entry) => [entry.reversesId!, entry.number]));
  return rows.map((row) => {
    if (!isDukaForm(row.form)) throw new WksError('WKS_ERR_STORE', `duka event ${row.id} has unknown form ${row.form}`);
    return {
      number: row.number,
      name: row.name,
      diedOn: row.diedOn,
      address: row.address,
      form: row.form,
      createdAt: row.createdAt,
      santunan: row.santunan.map((s) => {
        const entry = entryById.get(s.entryId)!;
        return { entryNumber: entry.number, amount: -entry.amount, at: s.createdAt, reversedBy: reversedBy.get(s.entryId) ?? null };
      }),
    };
  });
}

const withSantunan = { santunan: { orderBy: { id: 'asc' } } } as const satisfies Prisma.DukaEventInclude;

export function createDukaStore(read: PrismaClient, writer: Writer): DukaStore {
  return {
    record(once, event, render) {
      return applyOnce<DukaEventView>(
        writer,
        once,
        async (tx) => {
          const last = await tx.dukaEvent.findFirst({ where: { wksbmId: event.wksbmId }, orderBy: { number: 'desc' }, select: { number: true } });
          const row = await uniquely('DukaEvent', () =>
            tx.dukaEvent.create({
              data: { ...event, number: (last?.number ?? 0) + 1, createdById: once.personId },
              include: withSantunan,
            }),
          );
          return (await toViews(tx, [row]))[0]!;
        },
        render,
      );
    },

    santunan(once, { wksbmId, number, fundId, amount }, render) {
      return applyOnce<SantunanOutcome>(
        writer,
        once,
        async (tx) => {
          const where = { wksbmId_number: { wksbmId, number } };
          const row = await tx.dukaEvent.findUnique({ where, select: { id: true, name: true } });
          if (!row) return { ok: false, reason: 'not-found' };
          const posted = await postEntry(tx, {
            wksbmId,
            fundId,
            kind: 'keluar',
            amount: -amount,
            recordedById: once.personId,
            note: `Santunan duka #${number}: keluarga ${row.name}`,
          });
          if (!posted.ok) return { ok: false, reason: 'insufficient', balance: posted.balance };
          await tx.dukaSantunan.create({ data: { eventId: row.id, entryId: posted.id } });
          const event = await tx.dukaEvent.findUniqueOrThrow({ where, include: withSantunan });
          return { ok: true, event: (await toViews(tx, [event]))[0]!, entryNumber: posted.number, balanceAfter: posted.balanceAfter };
        },
        render,
      );
    },

    async events(wksbmId, limit) {
      const rows = await read.dukaEvent.findMany({ where: { wksbmId }, orderBy: { number: 'desc' }, take: limit, include: withSantunan });
      return toViews(read, rows);
    },

    async event(wksbmId, number) {
      const row = await read.dukaEvent.findUnique({ where: { wksbmId_number: { wksbmId, number } }, include: withSantunan });
      return row ? (await toViews(read, [row]))[0]! : null;
    },
  };
}
