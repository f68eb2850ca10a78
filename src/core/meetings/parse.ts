import { DateTime } from 'luxon';
import {
  atWallTime,
  nextOccurrence,
  type IsoWeekday,
  type Recurrence,
  type RutinRule,
  type TimeOfDay,
} from './schedule.js';
import { ZONES, type ZoneLabel } from './time-zone.js';
import { firstTooLong, type TooLong } from '../shared/bounds.js';
import { firstWord } from '../shared/words.js';
import { readPrayerTime, readTime } from './time.js';

/**
 * Meetings as people announce them in a WhatsApp group, e.g.
 * `rutin minggu kedua 19.30 Balai RW 05 | Arisan` or `insidental besok 19.00 Rumah Pak RT | Santunan`.
 * Pure: the current time and the WKSBM's zone come in, a typed schedule or a problem comes out.
 */
export type MeetingProblem =
  | 'kind'
  | 'recurrence'
  | 'ambiguous-week'
  | 'date'
  | 'no-such-date'
  | 'weekday-mismatch'
  | 'time'
  | 'prayer-time'
  | 'zone'
  | 'past'
  | 'place';

export type MeetingWhen =
  | { readonly kind: 'rutin'; readonly rule: RutinRule }
  | { readonly kind: 'insidental'; readonly startsAt: Date };

export interface ParsedMeeting {
  readonly when: MeetingWhen;
  readonly place: string;
  readonly agenda: string | null;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: MeetingProblem }
  | { readonly ok: false; readonly problem: 'too-long'; readonly tooLong: TooLong };

const WEEKDAYS: Record<string, IsoWeekday> = {
  senin: 1,
  selasa: 2,
  rabu: 3,
  kamis: 4,
  jumat: 5,
  "jum'at": 5,
  jumaat: 5,
  sabtu: 6,
  minggu: 7,
  ahad: 7,
};
const WEEKDAY = "(senin|selasa|rabu|kamis|jum'?at|jumaat|sabtu|minggu|ahad)";

const ORDINALS: Record<string, 1 | 2 | 3 | 4 | 5 | -1> = {
  pertama: 1,
  kesatu: 1,
  kedua: 2,
  ketiga: 3,
  keempat: 4,
  kelima: 5,
  terakhir: -1,
};

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, nop: 11, desember: 12, des: 12,
};

const END = '(?=\\s|$)';
const EVERY = '(?:se)?tiap';
const EACH_MONTH = `(?:\\s+${EVERY}\\s+bulan(?:nya)?)?`;

const MONTHLY_WEEKDAY = new RegExp(
  `^(?:${EVERY}\\s+)?(?:hari\\s+)?${WEEKDAY}\\s+(pertama|kesatu|kedua|ketiga|keempat|kelima|terakhir|ke-?\\s?[1-5])${EACH_MONTH}${END}`,
  'i',
);
const WEEKLY = new RegExp(`^${EVERY}\\s+(?:hari\\s+)?${WEEKDAY}${END}`, 'i');
const MONTHLY_DAY = new RegExp(`^(?:${EVERY}\\s+)?tanggal\\s+(\\d{1,2}|terakhir)${EACH_MONTH}${END}`, 'i');
const MONTH_END = new RegExp(`^(?:${EVERY}\\s+)?akhir\\s+bulan${END}`, 'i');
/** `tiap minggu` is "every week" to most people, not "every Sunday": asked back, never guessed. */
const EVERY_WEEK = new RegExp(`^${EVERY}\\s+minggu${END}`, 'i');

const weekdayOf = (word: string): IsoWeekday => WEEKDAYS[word.toLowerCase()]!;

function readRecurrence(text: string): Parsed<{ recurrence: Recurrence; rest: string }> {
  const rest = (match: RegExpExecArray) => text.slice(match[0].length).trim();
  let match = MONTHLY_WEEKDAY.exec(text);
  if (match) {
    const word = match[2]!.toLowerCase().replace(/\s/g, '');
    const nth = ORDINALS[word] ?? (Number(word.replace('ke', '').replace('-', '')) as 1 | 2 | 3 | 4 | 5);
    return { ok: true, value: { recurrence: { freq: 'monthly-weekday', weekday: weekdayOf(match[1]!), nth }, rest: rest(match) } };
  }
  if (EVERY_WEEK.exec(text)) return { ok: false, problem: 'ambiguous-week' };
  match = WEEKLY.exec(text);
  if (match) return { ok: true, value: { recurrence: { freq: 'weekly', weekday: weekdayOf(match[1]!) }, rest: rest(match) } };
  match = MONTHLY_DAY.exec(text);
  if (match) {
    const day = match[1]!.toLowerCase() === 'terakhir' ? -1 : Number(match[1]);
    if (day === 0 || day > 31) return { ok: false, problem: 'no-such-date' };
    return { ok: true, value: { recurrence: { freq: 'monthly-day', day }, rest: rest(match) } };
  }
  match = MONTH_END.exec(text);
  if (match) return { ok: true, value: { recurrence: { freq: 'monthly-day', day: -1 }, rest: rest(match) } };
  return { ok: false, problem: 'recurrence' };
}

/** A date phrase read before its time is known; resolved to an instant once the time is read. */
type DatePhrase =
  | { readonly kind: 'days-from-today'; readonly days: number }
  | { readonly kind: 'weekday'; readonly weekday: IsoWeekday }
  /** `weekday`: `sabtu 12/12` names the day too, and it must be that date's. */
  | { readonly kind: 'calendar'; readonly day: number; readonly month: number; readonly year: number | null; readonly weekday?: IsoWeekday };

const RELATIVE: Record<string, number> = { 'hari ini': 0, nanti: 0, besok: 1, lusa: 2 };
const RELATIVE_DAY = new RegExp(`^(hari ini|nanti|besok|lusa)${END}`, 'i');
const ON_WEEKDAY = new RegExp(`^(?:hari\\s+)?${WEEKDAY}${END}`, 'i');
const WEEKDAY_BEFORE_DATE = new RegExp(`^(?:hari\\s+)?${WEEKDAY},?\\s+(?=(?:tanggal\\s+|tgl\\.?\\s*)?\\d)`, 'i');
const NUMERIC_DATE = new RegExp(`^(?:tanggal\\s+|tgl\\.?\\s*)?(\\d{1,2})[/-](\\d{1,2})(?:[/-](\\d{4}|\\d{2}))?${END}`, 'i');
const NAMED_DATE = new RegExp(`^(?:tanggal\\s+|tgl\\.?\\s*)?(\\d{1,2})\\s+([a-z]+)(?:\\s+(\\d{4}))?${END}`, 'i');

function readDate(text: string): { phrase: DatePhrase; rest: string } | null {
  const rest = (match: RegExpExecArray) => text.slice(match[0].length).trim();
  let match = RELATIVE_DAY.exec(text);
  if (match) return { phrase: { kind: 'days-from-today', days: RELATIVE[match[1]!.toLowerCase()]! }, rest: rest(match) };
  match = WEEKDAY_BEFORE_DATE.exec(text);
  const calendar = match ? readCalendarDate(rest(match)) : null;
  if (match && calendar) return { phrase: { ...calendar.phrase, weekday: weekdayOf(match[1]!) }, rest: calendar.rest };
  match = ON_WEEKDAY.exec(text);
  if (match) return { phrase: { kind: 'weekday', weekday: weekdayOf(match[1]!) }, rest: rest(match) };
  return readCalendarDate(text);
}

function readCalendarDate(text: string): { phrase: DatePhrase & { kind: 'calendar' }; rest: string } | null {
  const rest = (match: RegExpExecArray) => text.slice(match[0].length).trim();
  const year = (digits: string | undefined) => (digits === undefined ? null : digits.length === 2 ? 2000 + Number(digits) : Number(digits));
  let match = NUMERIC_DATE.exec(text);
  if (match) {
    return { phrase: { kind: 'calendar', day: Number(match[1]), month: Number(match[2]), year: year(match[3]) }, rest: rest(match) };
  }
  match = NAMED_DATE.exec(text);
  const month = match ? MONTHS[match[2]!.toLowerCase()] : undefined;
  if (match && month) return { phrase: { kind: 'calendar', day: Number(match[1]), month, year: year(match[3]) }, rest: rest(match) };
  return null;
}

/** The instant a date phrase and a time mean, seen from `now` in `zone`; the next one when no year is given. */
function resolveDate(phrase: DatePhrase, time: TimeOfDay, zone: string, now: Date): Parsed<Date> {
  const today = DateTime.fromJSDate(now, { zone });
  let startsAt: Date | null;
  switch (phrase.kind) {
    case 'days-from-today': {
      const { year, month, day } = today.plus({ days: phrase.days });
      startsAt = atWallTime({ year, month, day }, time, zone);
      break;
    }
    case 'weekday':
      // "sabtu" is the coming Saturday: today if the time is still ahead, else next week.
      startsAt = nextOccurrence({ recurrence: { freq: 'weekly', weekday: phrase.weekday }, time }, zone, now);
      break;
    case 'calendar': {
      const at = (year: number) => atWallTime({ year, month: phrase.month, day: phrase.day }, time, zone);
      if (phrase.year !== null) {
        startsAt = at(phrase.year);
      } else {
        const thisYear = at(today.year);
        startsAt = thisYear && thisYear > now ? thisYear : (at(today.year + 1) ?? thisYear);
      }
      if (!startsAt) return { ok: false, problem: 'no-such-date' };
      if (phrase.weekday !== undefined && DateTime.fromJSDate(startsAt, { zone }).weekday !== phrase.weekday) {
        return { ok: false, problem: 'weekday-mismatch' };
      }
      break;
    }
  }
  if (!startsAt) return { ok: false, problem: 'no-such-date' };
  if (startsAt <= now) return { ok: false, problem: 'past' };
  return { ok: true, value: startsAt };
}

function readTimeIn(text: string, zone: string): Parsed<{ time: TimeOfDay; rest: string }> {
  const read = readTime(text);
  if (!read) return { ok: false, problem: readPrayerTime(text) ? 'prayer-time' : 'time' };
  if (read.zone !== null && ZONES[read.zone as ZoneLabel] !== zone) return { ok: false, problem: 'zone' };
  return { ok: true, value: { time: read.time, rest: read.rest } };
}

/** `Balai RW 05 | Arisan dan laporan kas`: the place, then the agenda after `|`. */
export function splitPlace(text: string): Parsed<{ place: string; agenda: string | null }> {
  const bar = text.indexOf('|');
  const place = (bar < 0 ? text : text.slice(0, bar)).replace(/\s+/g, ' ').trim();
  const agenda = bar < 0 ? '' : text.slice(bar + 1).replace(/\s+/g, ' ').trim();
  if (!place) return { ok: false, problem: 'place' };
  const long = firstTooLong(['place', place], ['agenda', agenda]);
  if (long) return { ok: false, problem: 'too-long', tooLong: long };
  return { ok: true, value: { place, agenda: agenda || null } };
}

/** What follows `/rapat`: `rutin …` or `insidental …`. */
export function parseMeeting(text: string, zone: string, now: Date): Parsed<ParsedMeeting> {
  const [word, afterKind] = firstWord(text);
  const kind = word.toLowerCase();
  let when: MeetingWhen;
  let rest: string;
  if (kind === 'rutin') {
    const recurrence = readRecurrence(afterKind);
    if (!recurrence.ok) return recurrence;
    const time = readTimeIn(recurrence.value.rest, zone);
    if (!time.ok) return time;
    when = { kind: 'rutin', rule: { recurrence: recurrence.value.recurrence, time: time.value.time } };
    rest = time.value.rest;
  } else if (kind === 'insidental') {
    const date = readDate(afterKind);
    if (!date) return { ok: false, problem: 'date' };
    const time = readTimeIn(date.rest, zone);
    if (!time.ok) return time;
    const startsAt = resolveDate(date.phrase, time.value.time, zone, now);
    if (!startsAt.ok) return startsAt;
    when = { kind: 'insidental', startsAt: startsAt.value };
    rest = time.value.rest;
  } else {
    return { ok: false, problem: 'kind' };
  }
  const where = splitPlace(rest);
  if (!where.ok) return where;
  return { ok: true, value: { when, ...where.value } };
}

export interface ParsedMove {
  readonly startsAt: Date;
  readonly place: string | null;
  readonly agenda: string | null;
}

/**
 * What follows `/rapat ubah <no>`: a new date, a new time or both (`sabtu 19.30`, `20.00`, `12/12 19.00`),
 * then optionally a new place and agenda. A missing date keeps the meeting's day, a missing time its hour.
 */
export function parseMove(text: string, current: Date, zone: string, now: Date): Parsed<ParsedMove> {
  const date = readDate(text);
  const afterDate = date ? date.rest : text;
  const time = readTime(afterDate) || readPrayerTime(afterDate) ? readTimeIn(afterDate, zone) : null;
  if (time && !time.ok) return time;
  if (!date && !time) return { ok: false, problem: 'date' };
  const { year, month, day, hour, minute } = DateTime.fromJSDate(current, { zone });
  const at = time ? time.value.time : { hour, minute };
  const startsAt = date
    ? resolveDate(date.phrase, at, zone, now)
    : (() => {
        const moved = atWallTime({ year, month, day }, at, zone)!;
        return moved > now ? ({ ok: true, value: moved } as const) : ({ ok: false, problem: 'past' } as const);
      })();
  if (!startsAt.ok) return startsAt;
  const rest = time ? time.value.rest : afterDate;
  if (!rest) return { ok: true, value: { startsAt: startsAt.value, place: null, agenda: null } };
  const where = splitPlace(rest);
  if (!where.ok) return where;
  return { ok: true, value: { startsAt: startsAt.value, ...where.value } };
}
