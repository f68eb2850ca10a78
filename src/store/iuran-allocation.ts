import type { Tx } from './writer.js';
import {
  fill,
  frontier,
  type IuranTerms,
  owedWindow,
  periodAt,
  type PeriodIndex,
  periodKey,
  periodOfKey,
  type Slice,
  type Tenure,
} from '../core/index.js';

/**
 * Allocation of iuran payments to periods, inside the transaction of the change that causes it.
 *
 * The canonical state of an account is the oldest-first allocation of its payments (oldest money first)
 * over the periods owed up to now. A new payment keeps it by filling forward from where the allocation
 * stopped; a correction restores it by computing the canonical state again and adding the difference.
 * Either way only rows are added: a re-allocation is a negative row and a positive one.
 */

export interface AccountRef {
  readonly id: number;
  readonly paid: bigint;
  readonly allocated: bigint;
}

export interface AllocationContext {
  readonly terms: IuranTerms;
  readonly tenure: Tenure;
  readonly zone: string;
  readonly at: Date;
}

const windowOf = (context: AllocationContext) =>
  owedWindow(context.terms, context.tenure, periodAt(context.terms.kind, context.at, context.zone));

/** The account of a household on an iuran, created empty on first use. */
export async function accountFor(tx: Tx, input: { wksbmId: number; iuranId: number; householdId: number }): Promise<AccountRef> {
  return tx.iuranAccount.upsert({
    where: { iuranId_householdId: { iuranId: input.iuranId, householdId: input.householdId } },
    create: input,
    update: {},
    select: { id: true, paid: true, allocated: true },
  });
}

/** Net amount of each payment of an account (a reversed one nets to zero), oldest first. */
async function netPayments(tx: Tx, accountId: number, newestFirstLimit?: number): Promise<Slice[]> {
  const originals = await tx.iuranPayment.findMany({
    where: { accountId, reversesId: null },
    orderBy: { id: newestFirstLimit === undefined ? 'asc' : 'desc' },
    ...(newestFirstLimit === undefined ? {} : { take: newestFirstLimit }),
    select: { id: true, amount: true },
  });
  const reversals = await tx.iuranPayment.findMany({
    where: { reversesId: { in: originals.map((row) => row.id) } },
    select: { reversesId: true, amount: true },
  });
  const reversed = new Map(reversals.map((row) => [row.reversesId!, row.amount]));
  return originals.map((row) => ({ paymentId: row.id, amount: row.amount + (reversed.get(row.id) ?? 0n) }));
}

async function insertAllocations(tx: Tx, accountId: number, kind: IuranTerms['kind'], rows: readonly { paymentId: number; period: PeriodIndex; amount: bigint }[]) {
  if (rows.length === 0) return;
  await tx.iuranAllocation.createMany({
    data: rows.map((row) => ({ accountId, paymentId: row.paymentId, period: periodKey(kind, row.period), amount: row.amount })),
  });
}

/** What allocating did to the account: the frontier before and after, and the credit left. */
export interface Allocated {
  readonly before: { period: PeriodIndex; partial: bigint };
  readonly after: { period: PeriodIndex; partial: bigint };
  readonly credit: bigint;
}

/**
 * Adds `amount` paid by `entryId` to the account and allocates every unallocated unit of money forward,
 * oldest money first. Only the newest payments can hold unallocated money (older ones were used up
 * first), so they are read newest first until they cover it.
 */
export async function addPayment(
  tx: Tx,
  account: AccountRef,
  payment: { entryId: number; amount: bigint },
  context: AllocationContext,
): Promise<Allocated> {
  await tx.iuranPayment.create({ data: { accountId: account.id, entryId: payment.entryId, amount: payment.amount } });
  const paid = account.paid + payment.amount;
  const window = windowOf(context);
  const before = frontier(context.terms, window, account.allocated);
  let unallocated = paid - account.allocated;
  const slices: Slice[] = [];
  for (let take = 16; unallocated > 0n; take *= 4) {
    const newest = await netPayments(tx, account.id, take);
    slices.length = 0;
    let left = unallocated;
    for (const slice of newest) {
      if (left <= 0n) break;
      if (slice.amount <= 0n) continue;
      const part = slice.amount < left ? slice.amount : left;
      slices.unshift({ paymentId: slice.paymentId, amount: part });
      left -= part;
    }
    if (left <= 0n || newest.length < take) break;
  }
  const rows = fill(context.terms, window, before, slices);
  const added = rows.reduce((sum, row) => sum + row.amount, 0n);
  await insertAllocations(tx, account.id, context.terms.kind, rows);
  await tx.iuranAccount.update({ where: { id: account.id }, data: { paid, allocated: account.allocated + added } });
  unallocated -= added;
  return { before, after: frontier(context.terms, window, account.allocated + added), credit: unallocated };
}

/**
 * Reverses every payment of `entryId` with rows pointing at the koreksi entry, then brings each touched
 * account back to its canonical allocation: the money of later payments moves to the periods the
 * reversed payment had covered, because payments always cover the oldest periods first.
 */
export async function reversePayments(
  tx: Tx,
  input: { entryId: number; reversalEntryId: number },
  contextOf: (accountId: number) => Promise<AllocationContext>,
): Promise<number[]> {
  const payments = await tx.iuranPayment.findMany({ where: { entryId: input.entryId, reversesId: null } });
  const accounts = new Set<number>();
  for (const payment of payments) {
    await tx.iuranPayment.create({
      data: { accountId: payment.accountId, entryId: input.reversalEntryId, amount: -payment.amount, reversesId: payment.id },
    });
    await tx.iuranAccount.update({ where: { id: payment.accountId }, data: { paid: { decrement: payment.amount } } });
    accounts.add(payment.accountId);
  }
  for (const accountId of accounts) await reallocate(tx, accountId, await contextOf(accountId));
  return [...accounts];
}

/** Recomputes the canonical allocation of an account and adds the difference from what its rows say. */
export async function reallocate(tx: Tx, accountId: number, context: AllocationContext): Promise<void> {
  const window = windowOf(context);
  const desired = fill(context.terms, window, { period: window.first, partial: 0n }, await netPayments(tx, accountId));
  const current = await tx.iuranAllocation.groupBy({
    by: ['paymentId', 'period'],
    where: { accountId },
    _sum: { amount: true },
  });
  const difference = new Map<string, { paymentId: number; period: PeriodIndex; amount: bigint }>();
  const key = (paymentId: number, period: PeriodIndex) => `${paymentId}:${period}`;
  for (const row of current) {
    const period = periodOfKey(context.terms.kind, row.period);
    const amount = row._sum.amount ?? 0n;
    if (amount !== 0n) difference.set(key(row.paymentId, period), { paymentId: row.paymentId, period, amount: -amount });
  }
  for (const row of desired) {
    const existing = difference.get(key(row.paymentId, row.period));
    difference.set(key(row.paymentId, row.period), { ...row, amount: row.amount + (existing?.amount ?? 0n) });
  }
  const rows = [...difference.values()].filter((row) => row.amount !== 0n);
  // Negative rows first, so reading the rows in order never shows a period over-allocated.
  rows.sort((a, b) => (a.amount < 0n ? -1 : 0) - (b.amount < 0n ? -1 : 0));
  await insertAllocations(tx, accountId, context.terms.kind, rows);
  const allocated = desired.reduce((sum, row) => sum + row.amount, 0n);
  await tx.iuranAccount.update({ where: { id: accountId }, data: { allocated } });
}
