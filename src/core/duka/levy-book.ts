import type { HouseholdSummary } from '../iuran/ports.js';
import { levyStanding, type LevyStanding } from './levy.js';
import type { LevyBook } from './ports.js';
import { dukaText } from './text.js';

/**
 * Every household's levy standing: those that owe a levy or paid one, in roster order. Households that
 * left are kept only while they still owe or hold credit.
 */
export function levyStandings(book: LevyBook): { household: HouseholdSummary; standing: LevyStanding }[] {
  const paid = new Map(book.paid.map((row) => [row.householdId, row.paid]));
  return book.households.flatMap((household) => {
    const standing = levyStanding(book.events, household, paid.get(household.id) ?? 0n);
    if (standing.due === 0n && standing.paid === 0n) return [];
    if (household.leftOn !== null && standing.arrears === 0n && standing.credit === 0n) return [];
    return [{ household, standing }];
  });
}

/**
 * The levy's part of /tunggakan, or null when no death has carried a levy (or `fundId` filters another
 * fund): counts for the members' group, names per household only when `named`.
 */
export function levySection(book: LevyBook, named: boolean, fundId: number | null): string | null {
  if (book.events.length === 0 || !book.setting || (fundId !== null && fundId !== book.setting.fund.id)) return null;
  const rows = levyStandings(book);
  const active = rows.filter((row) => row.household.leftOn === null);
  if (named) return dukaText.levyArrears(rows, active.length);
  return dukaText.levyCounts(active.filter((row) => row.standing.arrears === 0n).length, active.length);
}
