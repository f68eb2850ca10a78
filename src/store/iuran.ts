import {
  type AccountInfo,
  type AddHouseholdOutcome,
  type AddIuranOutcome,
  type ChangeRateOutcome,
  type ChannelName,
  type HouseholdInfo,
  type HouseholdSummary,
  isPeriodKind,
  type IuranBook,
  type IuranInfo,
  type IuranStore,
  type IuranTerms,
  iuranText,
  type JoinOutcome,
  type LevyEffect,
  type PaymentEffect,
  type Reply,
  type PayOutcome,
  periodKey,
  periodOfKey,
  type RoundOutcome,
  type Tenure,
  WksError,
} from '../core/index.js';
import { textKind } from '../outbox/kinds/text.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { payLevy } from './duka-levy.js';
import { accountFor, addPayment, reversePayments, type AllocationContext } from './iuran-allocation.js';
import { postEntry, takeNumber } from './ledger.js';
import type { SqlReader } from './sql-reader.js';
import { applyOnce } from './once.js';
import { fundWithAliases, toFundInfo, toWksbmInfo } from './rows.js';
import { enqueue, withdraw } from './outbox.js';
import type { Tx, Writer } from './writer.js';

type Db = PrismaClient | Tx;

// Rate rows in the order they were recorded: `effectiveRates` reads the schedule from that order.
const iuranInclude = { rates: { orderBy: { id: 'asc' } } } as const;

interface IuranRow {
  id: number;
  wksbmId: number;
  fundId: number;
  period: string;
  start: string;
  reminderDay: number | null;
  rates: { fromPeriod: string; amount: bigint }[];
}

/** The outbox subject of a household's reminders on an iuran: a payment withdraws them. */
export const reminderSubject = (iuranId: number, householdId: number) => `iuran:${iuranId}:${householdId}`;

/**
 * The schedule the rate rows make, which are only ever added: each row holds from its period on and
 * replaces every row recorded before it that starts in or after that period (a change not yet begun
 * that a newer change overtakes). `rows` are in the order they were recorded.
 */
export function effectiveRates<R extends { fromPeriod: string }>(rows: readonly R[]): R[] {
  const schedule: R[] = [];
  for (const row of rows) {
    const kept = schedule.filter((earlier) => earlier.fromPeriod < row.fromPeriod);
    schedule.length = 0;
    schedule.push(...kept, row);
  }
  return schedule;
}

export function toTerms(row: IuranRow): IuranTerms {
  if (!isPeriodKind(row.period)) throw new WksError('WKS_ERR_STORE', `iuran ${row.id} has unknown period ${row.period}`);
  const kind = row.period;
  return {
    kind,
    start: periodOfKey(kind, row.start),
    rates: effectiveRates(row.rates).map((rate) => ({ from: periodOfKey(kind, rate.fromPeriod), amount: rate.amount })),
  };
}

export async function iuranInfos(db: Db, where: { wksbmId?: number | { in: number[] }; id?: number }): Promise<(IuranInfo & { wksbmId: number })[]> {
  // The iurans first and their rates only when there are some: every /setor asks, and most of its funds
  // have no iuran (an include would query the rates of none as well).
  const iurans = await db.iuran.findMany({ where, orderBy: { id: 'asc' } });
  if (iurans.length === 0) return [];
  // In the order they were recorded, which `effectiveRates` reads the schedule from.
  const rates = await db.iuranRate.findMany({ where: { iuranId: { in: iurans.map((row) => row.id) } }, orderBy: { id: 'asc' } });
  const rows = iurans.map((row) => ({ ...row, rates: rates.filter((rate) => rate.iuranId === row.id) }));
  const funds = await db.fund.findMany({ where: { id: { in: rows.map((row) => row.fundId) } }, include: fundWithAliases });
  const fundById = new Map(funds.map((fund) => [fund.id, toFundInfo(fund)]));
  return rows.map((row) => ({ id: row.id, wksbmId: row.wksbmId, fund: fundById.get(row.fundId)!, reminderDay: row.reminderDay, ...toTerms(row) }));
}

export async function householdInfos(db: Db, where: { wksbmId?: number; id?: { in: number[] } }): Promise<HouseholdInfo[]> {
  const rows = await db.household.findMany({ where, include: { members: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } });
  const personIds = [...new Set(rows.flatMap((row) => row.members.map((member) => member.personId)))];
  const people = personIds.length
    ? await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })
    : [];
  const personById = new Map(people.map((person) => [person.id, person]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    address: row.address,
    since: row.since,
    leftOn: row.leftOn,
    members: row.members.map((member) => personById.get(member.personId)!),
  }));
}

async function householdInfo(db: Db, id: number): Promise<HouseholdInfo> {
  const [info] = await householdInfos(db, { id: { in: [id] } });
  if (!info) throw new WksError('WKS_ERR_STORE', `household ${id} not found`);
  return info;
}

/**
 * The books of several WKSBM in the same four queries, inside the reminder planner's transaction. The
 * two that grow with the roster (households, accounts) are raw selects: through findMany the client's
 * own mapping of each row was most of the time. (/tunggakan reads one WKSBM's book in roster.ts.)
 */
export async function booksOf(db: Db, wksbmIds: readonly number[]): Promise<Map<number, IuranBook>> {
  const where = { wksbmId: { in: [...wksbmIds] } };
  const ids = Prisma.join([...wksbmIds]);
  // One after the other: inside a transaction every query shares one connection (see writer.ts).
  const households = await db.$queryRaw<
    { id: number | bigint; wksbmId: number | bigint; name: string; address: string | null; since: string; leftOn: string | null }[]
  >`SELECT "id", "wksbmId", "name", "address", "since", "leftOn" FROM "Household" WHERE "wksbmId" IN (${ids}) ORDER BY "id"`;
  const iurans = await iuranInfos(db, where);
  const accounts = await db.$queryRaw<{ wksbmId: number | bigint; householdId: number | bigint; iuranId: number | bigint; paid: bigint | number }[]>`
    SELECT "wksbmId", "householdId", "iuranId", "paid" FROM "IuranAccount" WHERE "wksbmId" IN (${ids})`;
  const settings = await db.iuranSettings.findMany({ where });
  const books = new Map<number, IuranBook>(
    wksbmIds.map((id) => [id, { households: [], iurans: [], accounts: [], showNames: settings.some((row) => row.wksbmId === id && row.showNames) }]),
  );
  for (const { wksbmId, id, ...household } of households) {
    (books.get(Number(wksbmId))!.households as HouseholdSummary[]).push({ id: Number(id), ...household });
  }
  for (const iuran of iurans) (books.get(iuran.wksbmId)!.iurans as IuranInfo[]).push(iuran);
  for (const { wksbmId, householdId, iuranId, paid } of accounts) {
    (books.get(Number(wksbmId))!.accounts as AccountInfo[]).push({ householdId: Number(householdId), iuranId: Number(iuranId), paid: BigInt(paid) });
  }
  return books;
}

/** What allocating for one account needs: the iuran's terms, the household's tenure, the zone. */
async function allocationContext(tx: Tx, input: { iuranId: number; householdId: number; at: Date }): Promise<AllocationContext> {
  const iuran = await tx.iuran.findUniqueOrThrow({ where: { id: input.iuranId }, include: iuranInclude });
  const household = await tx.household.findUniqueOrThrow({ where: { id: input.householdId }, select: { since: true, leftOn: true } });
  const wksbm = await tx.wksbm.findUniqueOrThrow({ where: { id: iuran.wksbmId }, select: { timeZone: true } });
  const tenure: Tenure = household;
  return { terms: toTerms(iuran), tenure, zone: wksbm.timeZone, at: input.at };
}

/**
 * Inside a payment's transaction: the entry's money goes to the household's account, is allocated, and
 * the household's unsent reminders for this iuran are withdrawn (a payment between planning and sending
 * cancels the reminder; one already claimed is checked again when it is rendered).
 */
export async function payForHousehold(
  tx: Tx,
  input: { wksbmId: number; iuranId: number; householdId: number; entryId: number; amount: bigint; at: Date },
): Promise<PaymentEffect> {
  const context = await allocationContext(tx, input);
  const account = await accountFor(tx, { wksbmId: input.wksbmId, iuranId: input.iuranId, householdId: input.householdId });
  const result = await addPayment(tx, account, { entryId: input.entryId, amount: input.amount }, context);
  await withdraw(tx, [reminderSubject(input.iuranId, input.householdId)], input.at);
  const completed: number[] = [];
  for (let period = result.before.period; period < result.after.period; period++) completed.push(period);
  const [iuran] = await iuranInfos(tx, { id: input.iuranId });
  const household = await tx.household.findUniqueOrThrow({ where: { id: input.householdId }, select: { id: true, name: true } });
  return {
    household,
    iuran: iuran!,
    completed,
    partial: result.after.partial > 0n ? result.after.period : null,
    credit: result.credit,
  };
}

/**
 * Inside a payment's transaction, a household's money into a fund: its duka levy takes what it owes
 * first when the fund is the levy's (the whole amount when the fund has no iuran), the iuran the rest.
 */
async function payHousehold(
  tx: Tx,
  input: { wksbmId: number; fundId: number; iuranId: number | null; householdId: number; entryId: number; amount: bigint; at: Date },
): Promise<{ effect: PaymentEffect | null; levy: LevyEffect | null }> {
  const levy = await payLevy(tx, { ...input, all: input.iuranId === null });
  const rest = input.amount - (levy?.amount ?? 0n);
  const effect = input.iuranId !== null && rest > 0n ? await payForHousehold(tx, { ...input, iuranId: input.iuranId, amount: rest }) : null;
  return { effect, levy };
}

/**
 * Inside a koreksi's transaction: the reversed entry's iuran payments are reversed too, and the accounts
 * they touched are re-allocated. Returns how many households it touched.
 */
export async function reverseIuranPayments(tx: Tx, input: { entryId: number; reversalEntryId: number; at: Date }): Promise<number> {
  const touched = await reversePayments(tx, input, async (accountId) => {
    const account = await tx.iuranAccount.findUniqueOrThrow({ where: { id: accountId } });
    return allocationContext(tx, { iuranId: account.iuranId, householdId: account.householdId, at: input.at });
  });
  return touched.length;
}

/** Inside a /sahkan's transaction: a confirmed household setoran is allocated like a posted one. */
export async function confirmPending(
  tx: Tx,
  input: { submissionId: number; entryId: number; wksbmId: number; fundId: number; amount: bigint; at: Date },
): Promise<{ iuran: PaymentEffect | null; levy: LevyEffect | null }> {
  const pending = await tx.pendingSetoran.findUnique({ where: { submissionId: input.submissionId } });
  if (pending?.householdId == null) return { iuran: null, levy: null };
  const iuran = await tx.iuran.findUnique({ where: { fundId: input.fundId }, select: { id: true } });
  const { effect, levy } = await payHousehold(tx, { ...input, iuranId: iuran?.id ?? null, householdId: pending.householdId });
  return { iuran: effect, levy };
}

/** Inside a /sahkan or /tolak: a perantau who sent the setoran from a private chat is told there. */
export async function notifyDecided(tx: Tx, input: { submissionId: number; at: Date }): Promise<void> {
  const pending = await tx.pendingSetoran.findUnique({ where: { submissionId: input.submissionId }, select: { notifyChat: true } });
  if (!pending?.notifyChat) return;
  const chat = splitChat(pending.notifyChat);
  const row = await tx.submission.findUniqueOrThrow({ where: { id: input.submissionId }, include: { fund: { include: fundWithAliases }, wksbm: true } });
  const text = iuranText.perantauDecided(row.number, row.wksbm.name, toFundInfo(row.fund), row.amount, row.status === 'disahkan', row.reason);
  await enqueue(tx, [
    { ...chat, dedupeKey: `setoran-decided:${row.id}`, subject: `setoran:${row.id}`, payload: textKind.make({ text }), dueAt: input.at, notAfter: null },
  ]);
}

const CHANNEL_NAMES = ['console', 'telegram', 'whatsapp'] as const satisfies readonly ChannelName[];

function splitChat(stored: string): { channel: ChannelName; chatId: string } {
  const colon = stored.indexOf(':');
  const channel = CHANNEL_NAMES.find((name) => name === stored.slice(0, colon));
  if (!channel) throw new WksError('WKS_ERR_STORE', 'a pending setoran names an unknown channel');
  return { channel, chatId: stored.slice(colon + 1) };
}

/** Inside a transaction: the same text to every group chat of a WKSBM, once per key. */
async function toGroups(tx: Tx, input: { wksbmId: number; key: string; subject: string; reply: Reply; at: Date }) {
  const chats = await tx.chat.findMany({ where: { wksbmId: input.wksbmId }, orderBy: { id: 'asc' } });
  await enqueue(
    tx,
    chats.map((chat) => ({
      channel: chat.channel as ChannelName,
      chatId: chat.externalId,
      dedupeKey: `${input.key}:${chat.channel}:${chat.externalId}`,
      subject: input.subject,
      payload: textKind.make({ text: input.reply.text, actions: input.reply.actions }),
      dueAt: input.at,
      notAfter: null,
    })),
  );
}

/** The iuran store but for its /tunggakan reads, which are plain SQL (roster.ts). */
export function createIuranStore(read: PrismaClient, writer: Writer, sql: SqlReader): Omit<IuranStore, 'book' | 'paidUpRoster'> {
  return {
    households: (wksbmId) => householdInfos(read, { wksbmId }),
    // Most WKSBM have no iuran: a prepared statement answers that in microseconds, where the client's
    // findMany costs most of a millisecond of CPU.
    iurans: async (wksbmId) =>
      (await sql.all(Prisma.sql`SELECT 1 FROM "Iuran" WHERE "wksbmId" = ${wksbmId} LIMIT 1`)).length ? iuranInfos(read, { wksbmId }) : [],

    // The duka levy's setting is read here too: both questions in one statement, once per /setor.
    async paidByHousehold(wksbmId, fundId) {
      const [row] = await sql.all<{ paid: bigint | number | boolean }>(Prisma.sql`SELECT
        EXISTS (SELECT 1 FROM "Iuran" WHERE "wksbmId" = ${wksbmId} AND "fundId" = ${fundId})
        OR EXISTS (SELECT 1 FROM "DukaLevySetting" WHERE "wksbmId" = ${wksbmId} AND "fundId" = ${fundId}) AS "paid"`);
      return Boolean(Number(row?.paid ?? 0));
    },

    async householdsOf(personId) {
      const rows = await read.householdMember.findMany({ where: { personId }, orderBy: { id: 'asc' } });
      const wksbms = await read.wksbm.findMany({ where: { id: { in: rows.map((row) => row.wksbmId) } } });
      const households = await householdInfos(read, { id: { in: rows.map((row) => row.householdId) } });
      return rows.map((row) => ({
        wksbm: toWksbmInfo(wksbms.find((wksbm) => wksbm.id === row.wksbmId)!),
        household: households.find((household) => household.id === row.householdId)!,
      }));
    },

    addHousehold(once, input, render) {
      return applyOnce<AddHouseholdOutcome>(
        writer,
        once,
        async (tx) => {
          const same = await tx.household.findFirst({ where: { wksbmId: input.wksbmId, name: input.name, leftOn: null } });
          if (same) return { ok: false, reason: 'taken', household: await householdInfo(tx, same.id) };
          const row = await tx.household.create({ data: { ...input, createdById: once.personId } });
          return { ok: true, household: await householdInfo(tx, row.id) };
        },
        render,
      );
    },

    join(once, input, render) {
      return applyOnce<JoinOutcome>(
        writer,
        once,
        async (tx) => {
          const where = { wksbmId_personId: { wksbmId: input.wksbmId, personId: input.personId } };
          const before = await tx.householdMember.findUnique({ where });
          await tx.householdMember.upsert({
            where,
            create: { ...input, addedById: once.personId },
            update: { householdId: input.householdId, addedById: once.personId },
          });
          return {
            previous: before && before.householdId !== input.householdId ? await householdInfo(tx, before.householdId) : null,
            household: await householdInfo(tx, input.householdId),
          };
        },
        render,
      );
    },

    leave(once, input, render) {
      return applyOnce<HouseholdInfo>(
        writer,
        once,
        async (tx) => {
          await tx.household.update({ where: { id: input.householdId }, data: { leftOn: input.leftOn } });
          return householdInfo(tx, input.householdId);
        },
        render,
      );
    },

    addIuran(once, input, render) {
      return applyOnce<AddIuranOutcome>(
        writer,
        once,
        async (tx) => {
          const [existing] = await iuranInfos(tx, { wksbmId: input.wksbmId }).then((all) => all.filter((i) => i.fund.id === input.fundId));
          if (existing) return { ok: false, reason: 'exists', iuran: existing };
          const { kind, start, rates } = input.terms;
          const row = await tx.iuran.create({
            data: {
              wksbmId: input.wksbmId,
              fundId: input.fundId,
              period: kind,
              start: periodKey(kind, start),
              createdById: once.personId,
              rates: { create: rates.map((rate) => ({ fromPeriod: periodKey(kind, rate.from), amount: rate.amount, createdById: once.personId })) },
            },
          });
          const [iuran] = await iuranInfos(tx, { id: row.id });
          return { ok: true, iuran: iuran! };
        },
        render,
      );
    },

    changeRate(once, input, render) {
      return applyOnce<ChangeRateOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.iuran.findUnique({ where: { id: input.iuranId } });
          if (!row || !isPeriodKind(row.period)) return { ok: false, reason: 'no-iuran' };
          const fromPeriod = periodKey(row.period, input.from);
          // Appended, never deleted: a change recorded earlier for this period or a later one, which has
          // not begun yet, stays as history and is overtaken when the schedule is read (effectiveRates).
          await tx.iuranRate.create({ data: { iuranId: input.iuranId, fromPeriod, amount: input.amount, createdById: once.personId } });
          const [iuran] = await iuranInfos(tx, { id: input.iuranId });
          return { ok: true, iuran: iuran! };
        },
        render,
      );
    },

    setReminder(once, input, render) {
      return applyOnce<IuranInfo>(
        writer,
        once,
        async (tx) => {
          await tx.iuran.update({ where: { id: input.iuranId }, data: { reminderDay: input.day } });
          const [iuran] = await iuranInfos(tx, { id: input.iuranId });
          return iuran!;
        },
        render,
      );
    },

    setShowNames(once, input, render) {
      return applyOnce<boolean>(
        writer,
        once,
        async (tx) => {
          await tx.iuranSettings.upsert({
            where: { wksbmId: input.wksbmId },
            create: { wksbmId: input.wksbmId, showNames: input.show, updatedById: once.personId },
            update: { showNames: input.show, updatedById: once.personId },
          });
          return input.show;
        },
        render,
      );
    },

    pay(once, input, render) {
      return applyOnce<PayOutcome>(
        writer,
        once,
        async (tx) => {
          const { posting } = input;
          if (posting.pending) {
            const number = await takeNumber(tx, posting.wksbmId);
            const submission = await tx.submission.create({
              data: {
                wksbmId: posting.wksbmId,
                number,
                fundId: posting.fundId,
                amount: posting.amount,
                contributorName: posting.contributorName,
                contributorId: posting.contributorId,
                submittedById: once.personId,
                note: posting.note,
                sourceKey: once.key,
              },
            });
            await tx.pendingSetoran.create({
              data: { submissionId: submission.id, householdId: input.household?.householdId ?? null, notifyChat: input.notifyChat },
            });
            if (input.groupNotice) {
              await toGroups(tx, {
                wksbmId: posting.wksbmId,
                key: `setoran-pending:${submission.id}`,
                subject: `setoran:${submission.id}`,
                reply: input.groupNotice(number),
                at: input.at,
              });
            }
            return { ok: true, status: 'pending', number };
          }
          const posted = await postEntry(tx, {
            wksbmId: posting.wksbmId,
            fundId: posting.fundId,
            kind: 'setor',
            amount: posting.amount,
            recordedById: once.personId,
            note: posting.note,
            contributorName: posting.contributorName,
            contributorId: posting.contributorId,
            sourceKey: once.key,
          });
          if (!posted.ok) throw new WksError('WKS_ERR_INVARIANT', 'a setor was refused for its balance');
          const paid = input.household
            ? await payHousehold(tx, {
                ...input.household,
                wksbmId: posting.wksbmId,
                fundId: posting.fundId,
                entryId: posted.id,
                amount: posting.amount,
                at: input.at,
              })
            : { effect: null, levy: null };
          return { ok: true, status: 'posted', number: posted.number, balanceAfter: posted.balanceAfter, ...paid };
        },
        render,
      );
    },

    round(once, input, render) {
      return applyOnce<RoundOutcome>(
        writer,
        once,
        async (tx) => {
          const posted = await postEntry(tx, {
            wksbmId: input.wksbmId,
            fundId: input.fundId,
            kind: 'setor',
            amount: input.total,
            recordedById: once.personId,
            note: input.note,
            contributorName: null,
            contributorId: null,
            sourceKey: once.key,
          });
          if (!posted.ok) throw new WksError('WKS_ERR_INVARIANT', 'a jimpitan round was refused for its balance');
          for (const householdId of input.householdIds) {
            await payForHousehold(tx, { ...input, householdId, entryId: posted.id, amount: input.each });
          }
          return { number: posted.number, balanceAfter: posted.balanceAfter, households: input.householdIds.length, total: input.total };
        },
        render,
      );
    },
  };
}

