import { DateTime } from 'luxon';

/** How often an iuran falls due. */
export const PERIOD_KINDS = ['harian', 'mingguan', 'bulanan'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const isPeriodKind = (word: string): word is PeriodKind => (PERIOD_KINDS as readonly string[]).includes(word);

/**
 * A period as the number of periods since 1970 (days, ISO weeks starting on a Monday, or months).
 * Integers make counting and stepping exact and cheap; the stored form is the key, the local date of
 * the period's first day (`2026-11-01`), which sorts like the index and reads back in a database.
 */
export type PeriodIndex = number;

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: the Monday of its ISO week is three days earlier. */
const EPOCH_MONDAY_OFFSET = 3;

/** Days since 1970-01-01 of a plain `YYYY-MM-DD` date (no zone: it is a wall-clock date already). */
function epochDay(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The period holding a local date. */
export function periodOfDate(kind: PeriodKind, date: string): PeriodIndex {
  switch (kind) {
    case 'harian':
      return epochDay(date);
    case 'mingguan':
      return Math.floor((epochDay(date) + EPOCH_MONDAY_OFFSET) / 7);
    case 'bulanan': {
      const [year, month] = date.split('-').map(Number) as [number, number];
      return year * 12 + month - 1;
    }
  }
}

/** The first local day of a period, which is also its stored key. */
export function periodKey(kind: PeriodKind, index: PeriodIndex): string {
  switch (kind) {
    case 'harian':
      return dateOfEpochDay(index);
    case 'mingguan':
      return dateOfEpochDay(index * 7 - EPOCH_MONDAY_OFFSET);
    case 'bulanan': {
      const year = Math.floor(index / 12);
      return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    }
  }
}

export const periodOfKey = periodOfDate;

/** The WKSBM's local date of an instant, in its zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The period an instant falls in, in the WKSBM's zone. */
export function periodAt(kind: PeriodKind, instant: Date, zone: string): PeriodIndex {
  return periodOfDate(kind, localDate(instant, zone));
}

/** The last day of a period (inclusive), as a local date. */
export function lastDayOf(kind: PeriodKind, index: PeriodIndex): string {
  return dateOfEpochDay(epochDay(periodKey(kind, index + 1)) - 1);
}
