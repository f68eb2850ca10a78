import { arrearsOf, owedWindow, standing, totalDue, type OwedWindow, type Standing, type Tenure } from './dues.js';
import { periodAt, type PeriodIndex } from './period.js';
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
  const paidOn = new Map<number, Map<number, bigint>>();
  for (const account of book.accounts) {
    const byHousehold = paidOn.get(account.iuranId) ?? new Map<number, bigint>();
    byHousehold.set(account.householdId, account.paid);
    paidOn.set(account.iuranId, byHousehold);
  }
  return book.iurans.map((iuran) => {
    const windowOf = owedWindows(iuran, periodAt(iuran.kind, at, zone));
    const paid = paidOn.get(iuran.id);
    const rows = book.households.flatMap((household) => {
      const window = windowOf(household);
      if (window.first > window.last && household.leftOn !== null) return [];
      return [{ household, standing: standing(iuran, window, paid?.get(household.id) ?? 0n, options) }];
    });
    return { iuran, rows };
  });
}

/**
 * The owed window of each tenure up to `current`, worked out once per distinct tenure: a roster's
 * households mostly share the day they were entered (reading the dates was most of a 500-KK standing).
 */
function owedWindows(iuran: IuranInfo, current: PeriodIndex): (tenure: Tenure) => OwedWindow {
  const windows = new Map<string, OwedWindow>();
  return (tenure) => {
    const key = `${tenure.since} ${tenure.leftOn}`;
    let window = windows.get(key);
    if (!window) windows.set(key, (window = owedWindow(iuran, tenure, current)));
    return window;
  };
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
    const windowOf = owedWindows(iuran, periodAt(iuran.kind, at, zone));
    let households = 0;
    let paidUp = 0;
    for (const group of roster.groups) {
      if (group.iuranId !== iuran.id || !isActive(group)) continue;
      households += group.households;
      if (arrearsOf(totalDue(iuran, windowOf(group)), group.paid) === 0n) paidUp += group.households;
    }
    return { iuran, households, paidUp };
  });
}
