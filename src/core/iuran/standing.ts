import { owedWindow, standing, type Standing } from './dues.js';
import { periodAt } from './period.js';
import type { HouseholdSummary, IuranBook, IuranInfo } from './ports.js';

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
export const isActive = (household: HouseholdSummary): boolean => household.leftOn === null;
