import type { PeriodIndex, PeriodKind } from './period.js';
import { periodOfDate } from './period.js';

/** The amount owed per period from `from` on (until a later rate); 0 stops the iuran. */
export interface Rate {
  readonly from: PeriodIndex;
  readonly amount: bigint;
}

/** What an iuran asks of every household: how often, from when, and how much in each period. */
export interface IuranTerms {
  readonly kind: PeriodKind;
  readonly start: PeriodIndex;
  /** Ascending by `from`; the first is at `start`. */
  readonly rates: readonly Rate[];
}

/** The periods one household owes, inclusive; empty when `first > last`. */
export interface OwedWindow {
  readonly first: PeriodIndex;
  readonly last: PeriodIndex;
}

/** A household's days on the roster, as local dates. */
export interface Tenure {
  readonly since: string;
  readonly leftOn: string | null;
}

/** What is due in one period (0 before the start or while stopped). */
export function dueIn(terms: IuranTerms, period: PeriodIndex): bigint {
  if (period < terms.start) return 0n;
  let amount = 0n;
  for (const rate of terms.rates) {
    if (rate.from > period) break;
    amount = rate.amount;
  }
  return amount;
}

/** The periods a household owes up to and including `current`. */
export function owedWindow(terms: IuranTerms, tenure: Tenure, current: PeriodIndex): OwedWindow {
  const first = Math.max(terms.start, periodOfDate(terms.kind, tenure.since));
  const last = tenure.leftOn === null ? current : Math.min(current, periodOfDate(terms.kind, tenure.leftOn));
  return { first, last };
}

/** Everything due in a window, rate by rate: O(number of rates), whatever the number of periods. */
export function totalDue(terms: IuranTerms, window: OwedWindow): bigint {
  let total = 0n;
  terms.rates.forEach((rate, index) => {
    const from = Math.max(rate.from, window.first, terms.start);
    const until = Math.min((terms.rates[index + 1]?.from ?? Infinity) - 1, window.last);
    if (until >= from) total += rate.amount * BigInt(until - from + 1);
  });
  return total;
}

/** Due and not paid; 0 when paid up (money beyond what is due is credit, not negative arrears). */
export const arrearsOf = (due: bigint, paid: bigint): bigint => (due > paid ? due - paid : 0n);

/** One period still (partly) owed. */
export interface Owed {
  readonly period: PeriodIndex;
  readonly due: bigint;
  readonly missing: bigint;
}

/** Where a household stands on one iuran at one moment. */
export interface Standing {
  readonly due: bigint;
  /** Paid, net of corrections. */
  readonly paid: bigint;
  /** Due and not paid, over the whole window. */
  readonly arrears: bigint;
  /** Paid beyond everything due so far: covers coming periods. */
  readonly credit: bigint;
  /** The periods in arrears, oldest first (payments cover the oldest periods first); empty when not asked for. */
  readonly owed: readonly Owed[];
}

/**
 * Payments cover periods oldest first, so whatever is owed is the latest periods of the window: they are
 * found walking back from the last one, touching only periods in arrears.
 */
export function standing(terms: IuranTerms, window: OwedWindow, paid: bigint, options: { periods: boolean } = { periods: true }): Standing {
  const due = totalDue(terms, window);
  const arrears = arrearsOf(due, paid);
  const owed: Owed[] = [];
  // Counting who has paid needs no periods; naming what is owed does.
  let left = options.periods ? arrears : 0n;
  for (let period = window.last; left > 0n && period >= window.first; period--) {
    const inPeriod = dueIn(terms, period);
    if (inPeriod === 0n) continue;
    const missing = inPeriod < left ? inPeriod : left;
    owed.push({ period, due: inPeriod, missing });
    left -= missing;
  }
  return { due, paid, arrears, credit: paid > due ? paid - due : 0n, owed: owed.reverse() };
}

/** Money of one payment not yet assigned to a period, oldest payment first. */
export interface Slice {
  readonly paymentId: number;
  readonly amount: bigint;
}

export interface Allocation {
  readonly paymentId: number;
  readonly period: PeriodIndex;
  readonly amount: bigint;
}

/** The first period not fully allocated when `allocated` covers the window's periods oldest first. */
export function frontier(terms: IuranTerms, window: OwedWindow, allocated: bigint): { period: PeriodIndex; partial: bigint } {
  let left = allocated;
  for (let period = window.first; period <= window.last; period++) {
    const due = dueIn(terms, period);
    if (left < due) return { period, partial: left };
    left -= due;
  }
  return { period: window.last + 1, partial: 0n };
}

/**
 * Assigns the slices to the periods from `from` (of which `partial` is already paid) to the window's
 * end, oldest period and oldest money first. What is left over stays unassigned: credit.
 */
export function fill(
  terms: IuranTerms,
  window: OwedWindow,
  from: { period: PeriodIndex; partial: bigint },
  slices: readonly Slice[],
): Allocation[] {
  const out: Allocation[] = [];
  const money = slices.filter((slice) => slice.amount > 0n).map((slice) => ({ ...slice }));
  let source = 0;
  let partial = from.partial;
  for (let period = from.period; period <= window.last && source < money.length; period++) {
    let need = dueIn(terms, period) - partial;
    partial = 0n;
    while (need > 0n && source < money.length) {
      const slice = money[source]!;
      const take = slice.amount < need ? slice.amount : need;
      if (take > 0n) out.push({ paymentId: slice.paymentId, period, amount: take });
      slice.amount -= take;
      need -= take;
      if (slice.amount === 0n) source++;
    }
  }
  return out;
}
