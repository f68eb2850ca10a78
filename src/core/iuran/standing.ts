import { arrearsOf, owedWindow, standing, totalDue, type Standing, type Tenure } from './dues.js';
import { periodAt } from './period.js';
import type { HouseholdSummary, IuranBook, IuranInfo, PaidUpRoster } from './ports.js';
import type { IuranCounts } from './text.js';

export interface IuranStandings {
  readonly iuran: IuranInfo;
  /** Households that owe (or owed) this iuran at all, in roster order, each with its standing now. */
  readonly rows: readonly { readonly household: HouseholdSummary; readonly standing: Standing }[];
}

/**
 * Every household's standing on every iuran at `at`, from the book's O(1) account totals: due is
 * computed rate by rate, and only periods in arrears are walked.
 */
export function standingsOf(book: IuranBook, at: Date, zone: string, options: { periods: boolean } = { periods: true }): IuranStandings[] {
  const paid = new Map(book.accounts.map((account) => [`${account.iuranId}:${account.householdId}`, account.paid]));
  return book.iurans.map((iuran) => {
    const current = periodAt(iuran.kind, at, zone);
    const rows = book.households.flatMap((household) => {
      const window = owedWindow(iuran, household, current);
      if (window.first > window.last && household.leftOn !== null) return [];
      return [{ household, standing: standing(iuran, window, paid.get(`${iuran.id}:${household.id}`) ?? 0n, options) }];
    });
    return { iuran, rows };
  });
}

/** A household is on the roster while it has not left. */
export const isActive = (household: Pick<Tenure, 'leftOn'>): boolean => household.leftOn === null;

/**
 * How many households on the roster are paid up on each iuran at `at`: the same rule as `standingsOf`
 * (arrears over the owed window), worked out once per group of households with the same tenure and the
 * same amount paid, without any household's periods.
 */
export function paidUpCounts(roster: PaidUpRoster, at: Date, zone: string): IuranCounts[] {
  return roster.iurans.map((iuran) => {
    const current = periodAt(iuran.kind, at, zone);
    let households = 0;
    let paidUp = 0;
    for (const group of roster.groups) {
      if (group.iuranId !== iuran.id || !isActive(group)) continue;
      households += group.households;
      if (arrearsOf(totalDue(iuran, owedWindow(iuran, group, current)), group.paid) === 0n) paidUp += group.households;
    }
    return { iuran, households, paidUp };
  });
}
