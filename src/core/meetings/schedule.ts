import { DateTime } from 'luxon';
import rrule from 'rrule';

const { RRule } = rrule;

/** Monday = 1 … Sunday = 7, as luxon counts. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** How a rutin meeting repeats, in the WKSBM's wall-clock time. */
export type Recurrence =
  | { readonly freq: 'weekly'; readonly weekday: IsoWeekday }
  /** `minggu kedua`: the nth (or last, -1) given weekday of every month. */
  | { readonly freq: 'monthly-weekday'; readonly weekday: IsoWeekday; readonly nth: 1 | 2 | 3 | 4 | 5 | -1 }
  /** `tanggal 5 tiap bulan`; -1 is the last day of the month. */
  | { readonly freq: 'monthly-day'; readonly day: number };

export interface RutinRule {
  readonly recurrence: Recurrence;
  readonly time: TimeOfDay;
}

const RRULE_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU] as const;

/**
 * The rule as an RRule over "floating" time: rrule computes in UTC, so wall-clock times are given to it
 * as UTC dates and converted back in the WKSBM's zone (what rrule's README recommends). A month without
 * a fifth Sunday or a 31st simply has no occurrence; rrule skips it.
 */
function toRRule(rule: RutinRule, dtstart: Date): InstanceType<typeof RRule> {
  const { recurrence, time } = rule;
  const at = { byhour: [time.hour], byminute: [time.minute], bysecond: [0], dtstart };
  switch (recurrence.freq) {
    case 'weekly':
      return new RRule({ freq: RRule.WEEKLY, byweekday: [RRULE_DAYS[recurrence.weekday - 1]!], ...at });
    case 'monthly-weekday':
      return new RRule({ freq: RRule.MONTHLY, byweekday: [RRULE_DAYS[recurrence.weekday - 1]!.nth(recurrence.nth)], ...at });
    case 'monthly-day':
      return new RRule({ freq: RRule.MONTHLY, bymonthday: [recurrence.day], ...at });
  }
}

const toFloating = (instant: Date, zone: string): Date =>
  DateTime.fromJSDate(instant, { zone }).setZone('UTC', { keepLocalTime: true }).startOf('minute').toJSDate();

const fromFloating = (floating: Date, zone: string): Date =>
  DateTime.fromJSDate(floating, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toJSDate();

/** Starts of the rule's occurrences strictly after `after` and before `until`, oldest first. */
export function occurrencesBetween(rule: RutinRule, zone: string, after: Date, until: Date): Date[] {
  const from = toFloating(after, zone);
  return toRRule(rule, from)
    .between(from, toFloating(until, zone), false)
    .map((floating) => fromFloating(floating, zone))
    .filter((start) => start > after && start < until);
}

/** The first start strictly after `after`, or null when the rule has none (it always has one). */
export function nextOccurrence(rule: RutinRule, zone: string, after: Date): Date | null {
  const from = toFloating(after, zone);
  const next = toRRule(rule, from).after(from, false);
  return next ? fromFloating(next, zone) : null;
}

/** A wall-clock date and time in a zone, or null when the date does not exist (31/2). */
export function atWallTime(
  date: { readonly year: number; readonly month: number; readonly day: number },
  time: TimeOfDay,
  zone: string,
): Date | null {
  const dt = DateTime.fromObject({ ...date, hour: time.hour, minute: time.minute }, { zone });
  return dt.isValid && dt.day === date.day ? dt.toJSDate() : null;
}
