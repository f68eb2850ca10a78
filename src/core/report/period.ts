import { DateTime } from 'luxon';

/**
 * A stretch of time a report covers, as instants: entries with `from <= createdAt < to` belong to it.
 * Days begin at midnight in the WKSBM's zone. A period reaching past the moment it was asked for ends
 * then (`partial`): "bulan ini" on the 26th is the 1st up to now.
 */
export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
  /** How people read it: "November 2026", "Triwulan III 2026", "1 Januari–30 Juni 2026". */
  readonly label: string;
  /** For file names: "2026-11", "2026-T3", "2026-S1", "2026", "2026-01-01_2026-06-30". */
  readonly slug: string;
  readonly partial: boolean;
}

export type PeriodProblem = 'unknown' | 'future' | 'reversed' | 'bad-date';

export type PeriodResult = { readonly ok: true; readonly period: ReportPeriod } | { readonly ok: false; readonly problem: PeriodProblem };

export const MONTHS = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

/** What people type for a month: the full name or a usual abbreviation ("agt", "okt", "des"). */
const MONTH_WORDS = new Map<string, number>([
  ...MONTHS.map((name, index): [string, number] => [name.toLowerCase(), index + 1]),
  ['jan', 1], ['feb', 2], ['peb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7],
  ['agu', 8], ['agt', 8], ['ags', 8], ['agus', 8], ['sep', 9], ['sept', 9], ['okt', 10], ['nov', 11], ['nop', 11], ['des', 12],
]);

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

interface Span {
  readonly start: DateTime;
  /** Exclusive. */
  readonly end: DateTime;
  readonly label: string;
  readonly slug: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthSpan(year: number, month: number, zone: string): Span {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  return { start, end: start.plus({ months: 1 }), label: `${MONTHS[month - 1]} ${year}`, slug: `${year}-${pad(month)}` };
}

function monthsSpan(year: number, firstMonth: number, months: number, label: string, slug: string, zone: string): Span {
  const start = DateTime.fromObject({ year, month: firstMonth, day: 1 }, { zone });
  return { start, end: start.plus({ months }), label, slug };
}

const yearSpan = (year: number, zone: string) => monthsSpan(year, 1, 12, `Tahun ${year}`, String(year), zone);

/** "1 Januari 2026" */
export function dayLabel(date: DateTime): string {
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

function readYear(word: string | undefined, fallback: number): number | null {
  if (word === undefined) return fallback;
  return /^\d{4}$/.test(word) ? Number(word) : null;
}

/** `d/m/yyyy` (also with `-` or `.` between the parts) as a day in the zone, or null. */
function readDay(text: string, zone: string): DateTime | null {
  const match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (!match) return null;
  const day = DateTime.fromObject({ year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) }, { zone });
  return day.isValid ? day : null;
}

function readSpan(text: string, today: DateTime): Span | PeriodProblem {
  const zone = today.zoneName ?? 'Asia/Jakarta';
  const words = text.split(' ');
  const thisMonth = monthSpan(today.year, today.month, zone);
  if (text === '' || text === 'bulan ini') return thisMonth;
  if (text === 'bulan lalu') {
    const last = today.minus({ months: 1 });
    return monthSpan(last.year, last.month, zone);
  }
  if (text === 'tahun ini') return yearSpan(today.year, zone);
  if (text === 'tahun lalu') return yearSpan(today.year - 1, zone);
  if (/^\d{4}$/.test(text)) return yearSpan(Number(text), zone);

  const monthYear = /^(\d{1,2})[/-](\d{4})$/.exec(text);
  const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (monthYear || yearMonth) {
    const month = Number(monthYear ? monthYear[1] : yearMonth![2]);
    const year = Number(monthYear ? monthYear[2] : yearMonth![1]);
    return month >= 1 && month <= 12 ? monthSpan(year, month, zone) : 'bad-date';
  }

  const named = MONTH_WORDS.get(words[0]!);
  if (named !== undefined && words.length <= 2) {
    if (words.length === 2) {
      const year = readYear(words[1], today.year);
      return year === null ? 'unknown' : monthSpan(year, named, zone);
    }
    // Without a year: the latest such month that has begun ("november" typed in January is last year's).
    return monthSpan(named <= today.month ? today.year : today.year - 1, named, zone);
  }

  const part = /^(triwulan|tw|kuartal|q|semester) ?([1-4]|iv|i{1,3})(?: (\S+))?$/.exec(text);
  if (part) {
    const number = /^\d$/.test(part[2]!) ? Number(part[2]) : ROMAN.indexOf(part[2]!.toUpperCase() as (typeof ROMAN)[number]) + 1;
    const year = readYear(part[3], today.year);
    if (year === null) return 'unknown';
    if (part[1] !== 'semester') {
      return monthsSpan(year, (number - 1) * 3 + 1, 3, `Triwulan ${ROMAN[number - 1]} ${year}`, `${year}-T${number}`, zone);
    }
    if (number > 2) return 'unknown';
    return monthsSpan(year, number === 1 ? 1 : 7, 6, `Semester ${ROMAN[number - 1]} ${year}`, `${year}-S${number}`, zone);
  }

  const range = /^(\S+)\s*(?:-|–|s\/d|sd|sampai)\s*(\S+)$/.exec(text);
  if (range) {
    const first = readDay(range[1]!, zone);
    const last = readDay(range[2]!, zone);
    if (!first || !last) return 'bad-date';
    if (last < first) return 'reversed';
    const sameYear = first.year === last.year;
    const label = `${sameYear ? `${first.day} ${MONTHS[first.month - 1]}` : dayLabel(first)}–${dayLabel(last)}`;
    const slug = `${first.toISODate()}_${last.toISODate()}`;
    return { start: first, end: last.plus({ days: 1 }), label, slug };
  }
  return 'unknown';
}

/**
 * Reads the period people typed after /laporan: `bulan ini` (also nothing), `bulan lalu`,
 * `November 2026`, `11/2026`, `2026`, `tahun ini`, `tahun lalu`, `triwulan 3 2026`, `semester 1`,
 * `1/1/2026-30/6/2026`. A period without a year is in this year.
 */
export function parsePeriod(typed: string, now: Date, timeZone: string): PeriodResult {
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = DateTime.fromJSDate(now, { zone: timeZone });
  const span = readSpan(text, today);
  if (typeof span === 'string') return { ok: false, problem: span };
  if (span.start > today) return { ok: false, problem: 'future' };
  const partial = span.end > today;
  return {
    ok: true,
    period: { from: span.start.toJSDate(), to: partial ? now : span.end.toJSDate(), label: span.label, slug: span.slug, partial },
  };
}

/** The whole calendar month before the one `now` falls in, in the zone: what the monthly report covers. */
export function previousMonth(now: Date, timeZone: string): ReportPeriod {
  const last = DateTime.fromJSDate(now, { zone: timeZone }).minus({ months: 1 });
  const span = monthSpan(last.year, last.month, timeZone);
  return { from: span.start.toJSDate(), to: span.end.toJSDate(), label: span.label, slug: span.slug, partial: false };
}
