/**
 * The duka levy (`/duka iuran 5rb per KK`): every household on the roster on the day of a death owes that
 * death's levy, once. Payments cover the oldest death first, like iuran periods, so a household's
 * standing follows from its net paid total alone. Pure: the store gives events, tenure and totals.
 */

/** A death with a levy, as the standing needs it. */
export interface LevyEvent {
  readonly number: number;
  readonly name: string;
  /** YYYY-MM-DD */
  readonly diedOn: string;
  readonly levy: bigint;
}

/** A household's days on the roster, as local dates (as in iuran). */
export interface LevyTenure {
  readonly since: string;
  readonly leftOn: string | null;
}

export interface LevyOwed {
  readonly event: LevyEvent;
  readonly missing: bigint;
}

export interface LevyStanding {
  readonly due: bigint;
  readonly paid: bigint;
  readonly arrears: bigint;
  /** Paid beyond every levy so far: covers the next death's. */
  readonly credit: bigint;
  /** Deaths still (partly) owed, oldest first. */
  readonly owed: readonly LevyOwed[];
}

/** Whether a household was on the roster on the day of the death. */
export const owesFor = (tenure: LevyTenure, event: Pick<LevyEvent, 'diedOn' | 'levy'>): boolean =>
  event.levy > 0n && tenure.since <= event.diedOn && (tenure.leftOn === null || tenure.leftOn >= event.diedOn);

/** `events` in any order; they are covered in the order of their numbers (the order they were announced). */
export function levyStanding(events: readonly LevyEvent[], tenure: LevyTenure, paid: bigint): LevyStanding {
  const owedEvents = events.filter((event) => owesFor(tenure, event)).sort((a, b) => a.number - b.number);
  const due = owedEvents.reduce((sum, event) => sum + event.levy, 0n);
  let left = paid;
  const owed: LevyOwed[] = [];
  for (const event of owedEvents) {
    const covered = left >= event.levy ? event.levy : left > 0n ? left : 0n;
    left -= covered;
    if (covered < event.levy) owed.push({ event, missing: event.levy - covered });
  }
  return { due, paid, arrears: due > paid ? due - paid : 0n, credit: paid > due ? paid - due : 0n, owed };
}
