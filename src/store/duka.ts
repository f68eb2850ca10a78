import { isDukaForm, WksError, type DukaEventView, type DukaStore, type LevySetting, type RecordedDuka, type SantunanOutcome } from '../core/index.js';
import { levyBookOf, planLevyReminders } from './duka-levy.js';
import { fundWithAliases, toFundInfo } from './rows.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { postEntry } from './ledger.js';
import { applyOnce } from './once.js';
import { uniquely } from './unique.js';
import type { Tx, Writer } from './writer.js';

type Client = PrismaClient | Tx;
type EventRow = Prisma.DukaEventGetPayload<{ include: { santunan: true } }>;

/** Events with their santunan and what each entry moved (entries are read by id: no relation field). */
async function toViews(client: Client, rows: readonly EventRow[]): Promise<DukaEventView[]> {
  const ids = rows.flatMap((row) => row.santunan.map((s) => s.entryId));
  // One after the other: inside a transaction every query shares one connection (see writer.ts).
  const entries = await client.ledgerEntry.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, amount: true } });
  const reversals = await client.ledgerEntry.findMany({ where: { reversesId: { in: ids } }, select: { number: true, reversesId: true } });
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
      levy: row.levy,
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
    record(once, event, at, render) {
      return applyOnce<RecordedDuka>(
        writer,
        once,
        async (tx) => {
          const last = await tx.dukaEvent.findFirst({ where: { wksbmId: event.wksbmId }, orderBy: { number: 'desc' }, select: { number: true } });
          const setting = await tx.dukaLevySetting.findUnique({ where: { wksbmId: event.wksbmId } });
          const levy = setting?.amount ?? 0n;
          const row = await uniquely('DukaEvent', () =>
            tx.dukaEvent.create({
              data: { ...event, levy, number: (last?.number ?? 0) + 1, createdById: once.personId },
              include: withSantunan,
            }),
          );
          let levyFund: string | null = null;
          if (levy > 0n) {
            const { timeZone } = await tx.wksbm.findUniqueOrThrow({ where: { id: event.wksbmId }, select: { timeZone: true } });
            await planLevyReminders(tx, { wksbmId: event.wksbmId, number: row.number, diedOn: row.diedOn, levy, zone: timeZone, at });
            levyFund = (await tx.fund.findUniqueOrThrow({ where: { id: setting!.fundId }, select: { name: true } })).name;
          }
          return { ...(await toViews(tx, [row]))[0]!, levyFund };
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
            // No name in the ledger: the buku kas is read in the group and the group LPJ (privacy of those helped).
            note: `Santunan duka #${number}`,
            sourceKey: once.key,
          });
          if (!posted.ok) return { ok: false, reason: 'insufficient', balance: posted.balance };
          await tx.dukaSantunan.create({ data: { eventId: row.id, entryId: posted.id } });
          const event = await tx.dukaEvent.findUniqueOrThrow({ where, include: withSantunan });
          return { ok: true, event: (await toViews(tx, [event]))[0]!, entryNumber: posted.number, balanceAfter: posted.balanceAfter };
        },
        render,
      );
    },

    setLevy(once, input, render) {
      return applyOnce<LevySetting>(
        writer,
        once,
        async (tx) => {
          const data = { amount: input.amount, fundId: input.fundId, updatedById: once.personId };
          await tx.dukaLevySetting.upsert({ where: { wksbmId: input.wksbmId }, create: { wksbmId: input.wksbmId, ...data }, update: data });
          const fund = await tx.fund.findUniqueOrThrow({ where: { id: input.fundId }, include: fundWithAliases });
          return { amount: input.amount, fund: toFundInfo(fund) };
        },
        render,
      );
    },

    levyBook: (wksbmId, householdId) => levyBookOf(read, wksbmId, householdId === undefined ? undefined : [householdId]),

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
