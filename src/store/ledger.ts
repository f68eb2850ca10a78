import {
  type DecideOutcome,
  type EntryView,
  type HistoryItem,
  type LedgerStore,
  type LevyEffect,
  type PaymentEffect,
  type Once,
  type Posting,
  type PostingOutcome,
  type Render,
  type Reply,
  type ReverseOutcome,
  type SubmissionView,
  WksError,
  RoleChanged,
  WriteConflict,
} from '../core/index.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { applyOnce, inboundRow, parseStoredReplies } from './once.js';
import { insertRows, type SqlValue } from './sql.js';
import { fundWithAliases, toFundInfo } from './rows.js';
import { sqlOf } from './dialect.js';
import type { Lane, Tx, Writer } from './writer.js';

interface PostRequest {
  readonly once: Once;
  readonly posting: Posting;
  readonly render: Render<PostingOutcome>;
}

/** Enough for a full /setor burst of a busy evening to commit in a handful of transactions. */
const MAX_BATCH = 256;

const entryInclude = {
  fund: { include: fundWithAliases },
  recordedBy: { select: { name: true } },
  reverses: { select: { number: true } },
  reversedBy: { select: { number: true } },
} as const satisfies Prisma.LedgerEntryInclude;

const submissionInclude = {
  fund: { include: fundWithAliases },
  submittedBy: { select: { name: true } },
} as const satisfies Prisma.SubmissionInclude;

type EntryRow = Prisma.LedgerEntryGetPayload<{ include: typeof entryInclude }>;
type SubmissionRow = Prisma.SubmissionGetPayload<{ include: typeof submissionInclude }>;

function toEntryView(row: EntryRow): EntryView {
  if (row.kind !== 'setor' && row.kind !== 'keluar' && row.kind !== 'koreksi') {
    throw new WksError('WKS_ERR_STORE', `entry ${row.id} has unknown kind ${row.kind}`);
  }
  return {
    number: row.number,
    kind: row.kind,
    amount: row.amount,
    fund: toFundInfo(row.fund),
    contributorName: row.contributorName,
    recordedBy: row.recordedBy.name,
    note: row.note,
    createdAt: row.createdAt,
    reverses: row.reverses?.number ?? null,
    reversedBy: row.reversedBy?.number ?? null,
  };
}

function toSubmissionView(row: SubmissionRow): SubmissionView {
  if (row.status !== 'menunggu' && row.status !== 'disahkan' && row.status !== 'ditolak') {
    throw new WksError('WKS_ERR_STORE', `submission ${row.id} has unknown status ${row.status}`);
  }
  return {
    number: row.number,
    amount: row.amount,
    fund: toFundInfo(row.fund),
    contributorName: row.contributorName,
    submittedBy: row.submittedBy.name,
    note: row.note,
    status: row.status,
    reason: row.reason,
    createdAt: row.createdAt,
  };
}

interface Move<V> {
  readonly id: number;
  readonly from: V;
  readonly to: V;
}

/**
 * Sets one column of many rows in one statement, each only if it still holds what this transaction
 * read (optimistic check); fails when any row changed meanwhile. A batch of setoran from a hundred
 * WKSBM would otherwise cost two hundred single-row updates.
 */
async function moveAll<V extends bigint | number>(tx: Tx, table: 'Fund' | 'Wksbm', column: 'balance' | 'nextNumber', moves: readonly Move<V>[]) {
  if (moves.length === 0) return;
  const target = Prisma.raw(`"${column}"`);
  const ids = Prisma.join(moves.map((move) => move.id));
  // The CAST tells PostgreSQL the parameters' type, which it cannot infer inside a CASE; SQLite keeps it as is.
  const type = Prisma.raw(column === 'balance' ? 'BIGINT' : 'INTEGER');
  const to = Prisma.join(moves.map((move) => Prisma.sql`WHEN ${move.id} THEN CAST(${move.to} AS ${type})`), ' ');
  const from = Prisma.join(moves.map((move) => Prisma.sql`WHEN ${move.id} THEN CAST(${move.from} AS ${type})`), ' ');
  // `id IN (…)` lets the primary key find the rows; the CASE after it is the optimistic check.
  const count = await sqlOf(tx).run(Prisma.sql`UPDATE ${Prisma.raw(`"${table}"`)} SET ${target} = CASE "id" ${to} END
    WHERE "id" IN (${ids}) AND ${target} = CASE "id" ${from} END`);
  if (count !== moves.length) throw new WriteConflict(`${table}.${column}`);
}

/** Moves a fund's balance from what this transaction read; fails if anyone changed it meanwhile. */
const setBalance = (tx: Tx, id: number, from: bigint, to: bigint) => moveAll(tx, 'Fund', 'balance', [{ id, from, to }]);

/** The WKSBM's next number (#12), taken inside the caller's transaction. */
export async function takeNumber(tx: Tx, wksbmId: number): Promise<number> {
  const { nextNumber } = await tx.wksbm.findUniqueOrThrow({ where: { id: wksbmId }, select: { nextNumber: true } });
  await moveAll(tx, 'Wksbm', 'nextNumber', [{ id: wksbmId, from: nextNumber, to: nextNumber + 1 }]);
  return nextNumber;
}

export interface SingleEntry {
  readonly wksbmId: number;
  readonly fundId: number;
  readonly kind: 'setor' | 'keluar' | 'koreksi';
  /** Signed effect on the fund. */
  readonly amount: bigint;
  readonly recordedById: number;
  readonly note: string | null;
  readonly reversesId?: number;
  /** The inbound message that recorded it. */
  readonly sourceKey: string;
  /** setor: who the money is from (an arisan share's holder, a household). */
  readonly contributorName?: string | null;
  readonly contributorId?: number | null;
}

export type SingleEntryOutcome =
  | { readonly ok: true; readonly id: number; readonly number: number; readonly balanceAfter: bigint }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly balance: bigint };

/**
 * One posted entry inside a transaction of its own (outside the batch lane), with the lane's rules: the
 * fund never goes below zero, the number is the WKSBM's next, and both move only from what was read.
 */
export async function postEntry(tx: Tx, entry: SingleEntry): Promise<SingleEntryOutcome> {
  const { balance } = await tx.fund.findUniqueOrThrow({ where: { id: entry.fundId }, select: { balance: true } });
  const after = balance + entry.amount;
  if (after < 0n) return { ok: false, reason: 'insufficient', balance };
  const number = await takeNumber(tx, entry.wksbmId);
  const row = await tx.ledgerEntry.create({ data: { ...entry, number, balanceAfter: after }, select: { id: true } });
  await setBalance(tx, entry.fundId, balance, after);
  return { ok: true, id: row.id, number, balanceAfter: after };
}

/** The rows whose value this batch changed, as moves from what it read. */
function changed<V>(read: Map<number, V>, now: Map<number, V>): Move<V>[] {
  return [...now].filter(([id, to]) => to !== read.get(id)).map(([id, to]) => ({ id, from: read.get(id)!, to }));
}

/**
 * Every waiting /setor and /keluar commits in one transaction: a constant number of queries for the
 * whole batch (look up keys, read balances and counters, insert rows, move each touched balance once).
 * Requests are applied in arrival order, so a keluar sees the setor queued before it.
 */
const postLane: Lane<PostRequest, readonly Reply[]> = {
  name: 'post',
  maxBatch: MAX_BATCH,
  rawSql: true,
  async apply(tx, requests) {
    const keys = [...new Set(requests.map((request) => request.once.key))];
    const fundIds = [...new Set(requests.map((request) => request.posting.fundId))];
    const wksbmIds = [...new Set(requests.map((request) => request.posting.wksbmId))];
    const asRole = requests.flatMap(({ once }) => (once.role ? [{ wksbmId: once.role.wksbmId, personId: once.personId }] : []));
    // Raw SQL: with a hundred WKSBM in a batch, Prisma's findMany spent milliseconds of CPU on its lists.
    // Integers may come back as bigint and are converted; the balance is read as a bigint.
    // One after the other: every query of a transaction shares one connection (see writer.ts).
    type Int = number | bigint;
    const sql = sqlOf(tx);
    const done = await sql.all<{ key: string; replies: string }>(Prisma.sql`SELECT "key", "replies" FROM "InboundMessage" WHERE "key" IN (${Prisma.join(keys)})`);
    const funds = await sql.all<{ id: Int; wksbmId: Int; balance: Int }>(Prisma.sql`SELECT "id", "wksbmId", "balance" FROM "Fund" WHERE "id" IN (${Prisma.join(fundIds)})`);
    const wksbms = await sql.all<{ id: Int; nextNumber: Int }>(Prisma.sql`SELECT "id", "nextNumber" FROM "Wksbm" WHERE "id" IN (${Prisma.join(wksbmIds)})`);
    const memberships = asRole.length
      ? await sql.all<{ wksbmId: Int; personId: Int; role: string }>(Prisma.sql`SELECT "wksbmId", "personId", "role" FROM "Membership" WHERE ${Prisma.join(
          asRole.map((role) => Prisma.sql`("wksbmId" = ${role.wksbmId} AND "personId" = ${role.personId})`),
          ' OR ',
        )}`)
      : [];
    const roleNow = new Map(memberships.map((row) => [`${Number(row.wksbmId)}:${Number(row.personId)}`, row.role]));

    const answered = new Map(done.map((row) => [row.key, parseStoredReplies(row.replies)]));
    const readBalance = new Map(funds.map((fund) => [Number(fund.id), BigInt(fund.balance)]));
    const balance = new Map(readBalance);
    const readNumber = new Map(wksbms.map((wksbm) => [Number(wksbm.id), Number(wksbm.nextNumber)]));
    const nextNumber = new Map(readNumber);
    const fundOwner = new Map(funds.map((fund) => [Number(fund.id), Number(fund.wksbmId)]));

    const now = new Date();
    const entries: Record<string, SqlValue>[] = [];
    const submissions: Record<string, SqlValue>[] = [];
    const inbound: Record<string, SqlValue>[] = [];
    const results: (readonly Reply[])[] = [];

    for (const { once, posting, render } of requests) {
      const earlier = answered.get(once.key);
      if (earlier) {
        results.push(earlier);
        continue;
      }
      // As checkRole does for one change: the batch fails, and the writer writes its requests one by one.
      if (once.role && roleNow.get(`${once.role.wksbmId}:${once.personId}`) !== once.role.recorded) throw new RoleChanged();
      if (fundOwner.get(posting.fundId) !== posting.wksbmId || posting.amount <= 0n) {
        throw new WksError('WKS_ERR_INVARIANT', `posting to fund ${posting.fundId} of wksbm ${posting.wksbmId} is malformed`);
      }
      const current = balance.get(posting.fundId)!;
      const delta = posting.kind === 'setor' ? posting.amount : -posting.amount;
      let outcome: PostingOutcome;
      if (current + delta < 0n) {
        outcome = { ok: false, reason: 'insufficient', balance: current };
      } else {
        const number = nextNumber.get(posting.wksbmId)!;
        nextNumber.set(posting.wksbmId, number + 1);
        const common = {
          wksbmId: posting.wksbmId,
          number,
          fundId: posting.fundId,
          contributorName: posting.contributorName,
          contributorId: posting.contributorId,
          note: posting.note,
          sourceKey: once.key,
          createdAt: now,
        };
        if (posting.pending) {
          submissions.push({ ...common, amount: posting.amount, submittedById: once.personId, status: 'menunggu' });
          outcome = { ok: true, status: 'pending', number };
        } else {
          balance.set(posting.fundId, current + delta);
          entries.push({ ...common, kind: posting.kind, amount: delta, balanceAfter: current + delta, recordedById: once.personId });
          outcome = { ok: true, status: 'posted', number, balanceAfter: current + delta };
        }
      }
      const replies = render(outcome);
      answered.set(once.key, replies);
      inbound.push({ ...inboundRow(once, replies), createdAt: now });
      results.push(replies);
    }

    await insertRows(tx, 'LedgerEntry', entries);
    await insertRows(tx, 'Submission', submissions);
    await insertRows(tx, 'InboundMessage', inbound);
    await moveAll(tx, 'Fund', 'balance', changed(readBalance, balance));
    await moveAll(tx, 'Wksbm', 'nextNumber', changed(readNumber, nextNumber));
    return results;
  },
};

/**
 * What other capabilities do inside the ledger's own transactions: iuran allocations follow their
 * entry when it is reversed or confirmed, and a perantau hears of their setoran's fate.
 */
export interface LedgerHooks {
  reversed(tx: Tx, input: { entryId: number; reversalEntryId: number; at: Date }): Promise<number>;
  confirmed(
    tx: Tx,
    input: { submissionId: number; entryId: number; wksbmId: number; fundId: number; amount: bigint; at: Date },
  ): Promise<{ readonly iuran: PaymentEffect | null; readonly levy: LevyEffect | null }>;
  decided(tx: Tx, input: { submissionId: number; at: Date }): Promise<void>;
}

export function createLedgerStore(read: PrismaClient, writer: Writer, hooks: LedgerHooks): LedgerStore {
  return {
    post: (once, posting, render) => writer.submit(postLane, { once, posting, render }),

    reverse(once, input, render) {
      return applyOnce<ReverseOutcome>(
        writer,
        once,
        async (tx) => {
          const where = { wksbmId_number: { wksbmId: input.wksbmId, number: input.number } };
          const row = await tx.ledgerEntry.findUnique({ where, include: entryInclude });
          if (!row) {
            const submission = await tx.submission.findUnique({ where, select: { status: true } });
            return { ok: false, reason: submission?.status === 'menunggu' ? 'pending' : 'not-found' };
          }
          const original = toEntryView(row);
          if (original.kind === 'koreksi') return { ok: false, reason: 'is-correction' };
          if (original.reversedBy !== null) return { ok: false, reason: 'already-reversed', by: original.reversedBy };
          const posted = await postEntry(tx, {
            wksbmId: input.wksbmId,
            fundId: row.fundId,
            kind: 'koreksi',
            amount: -row.amount,
            recordedById: once.personId,
            note: input.reason,
            reversesId: row.id,
            sourceKey: once.key,
          });
          if (!posted.ok) return { ok: false, reason: 'insufficient', original, balance: posted.balance };
          const households = await hooks.reversed(tx, { entryId: row.id, reversalEntryId: posted.id, at: input.at });
          return { ok: true, number: posted.number, original, balanceAfter: posted.balanceAfter, households };
        },
        render,
      );
    },

    decide(once, input, render) {
      return applyOnce<DecideOutcome>(
        writer,
        once,
        async (tx) => {
          const where = { wksbmId_number: { wksbmId: input.wksbmId, number: input.number } };
          const row = await tx.submission.findUnique({ where, include: submissionInclude });
          if (!row) {
            const entry = await tx.ledgerEntry.findUnique({ where, select: { id: true } });
            return { ok: false, reason: entry ? 'is-entry' : 'not-found' };
          }
          if (row.status !== 'menunggu') return { ok: false, reason: 'decided', submission: toSubmissionView(row) };
          const decided = { decidedById: once.personId, decidedAt: new Date(), reason: input.reason };
          if (!input.approve) {
            const updated = await tx.submission.update({
              where: { id: row.id },
              data: { ...decided, status: 'ditolak' },
              include: submissionInclude,
            });
            await hooks.decided(tx, { submissionId: row.id, at: input.at });
            return { ok: true, submission: toSubmissionView(updated), balanceAfter: null, iuran: null, levy: null };
          }
          const { balance } = await tx.fund.findUniqueOrThrow({ where: { id: row.fundId }, select: { balance: true } });
          const after = balance + row.amount;
          const entry = await tx.ledgerEntry.create({
            data: {
              wksbmId: row.wksbmId,
              number: row.number,
              fundId: row.fundId,
              kind: 'setor',
              amount: row.amount,
              balanceAfter: after,
              contributorName: row.contributorName,
              contributorId: row.contributorId,
              recordedById: row.submittedById,
              note: row.note,
              sourceKey: row.sourceKey,
            },
          });
          await setBalance(tx, row.fundId, balance, after);
          const updated = await tx.submission.update({
            where: { id: row.id },
            data: { ...decided, status: 'disahkan', entryId: entry.id },
            include: submissionInclude,
          });
          const paid = await hooks.confirmed(tx, {
            submissionId: row.id,
            entryId: entry.id,
            wksbmId: row.wksbmId,
            fundId: row.fundId,
            amount: row.amount,
            at: input.at,
          });
          await hooks.decided(tx, { submissionId: row.id, at: input.at });
          return { ok: true, submission: toSubmissionView(updated), balanceAfter: after, ...paid };
        },
        render,
      );
    },

    async history(wksbmId, { fundId, limit, offset = 0 }) {
      const where = { wksbmId, ...(fundId === undefined ? {} : { fundId }) };
      // Entries and open submissions share one numbering: the first offset + limit of each hold the page.
      const take = offset + limit;
      const [entries, submissions] = await Promise.all([
        read.ledgerEntry.findMany({ where, include: entryInclude, orderBy: { number: 'desc' }, take }),
        read.submission.findMany({
          where: { ...where, status: { not: 'disahkan' } },
          include: submissionInclude,
          orderBy: { number: 'desc' },
          take,
        }),
      ]);
      const items: HistoryItem[] = [
        ...entries.map((row) => ({ type: 'entry' as const, ...toEntryView(row) })),
        ...submissions.map((row) => ({ type: 'submission' as const, ...toSubmissionView(row) })),
      ];
      return items.sort((a, b) => b.number - a.number).slice(offset, offset + limit);
    },
  };
}
