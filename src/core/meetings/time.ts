import type { TimeOfDay } from './schedule.js';
import { isZoneLabel, type ZoneLabel } from './time-zone.js';

export interface ReadTime {
  readonly time: TimeOfDay;
  /** `19.30 WITA`: the zone the writer named, if any. */
  readonly zone: ZoneLabel | null;
  readonly rest: string;
}

/** The part of the day people name after an hour: `jam 7 malam`. */
type Period = 'pagi' | 'siang' | 'sore' | 'malam';
const PERIODS: ReadonlyMap<string, Period> = new Map([
  ['pagi', 'pagi'],
  ['siang', 'siang'],
  ['sore', 'sore'],
  ['malam', 'malam'],
  ['malem', 'malam'],
]);

/**
 * The hours each part of the day means, as a 12-hour hour (1–12) → the hour of the day. Hours outside
 * these (`jam 3 malam`, `jam 12 malam`, `jam 9 sore`) are refused: people disagree on which day or half
 * of the day they fall in, and a meeting at the wrong hour is worse than a question.
 */
const DAY_HOUR: Record<Period, (hour: number) => number | null> = {
  pagi: (hour) => (hour >= 1 && hour <= 11 ? hour : null),
  siang: (hour) => (hour >= 10 && hour <= 12 ? hour : hour >= 1 && hour <= 4 ? hour + 12 : null),
  sore: (hour) => (hour >= 2 && hour <= 7 ? hour + 12 : null),
  malam: (hour) => (hour >= 6 && hour <= 11 ? hour + 12 : null),
};

/** The 24-hour hours a part of the day covers, for `jam 19 malam`. */
const PERIOD_SPAN: Record<Period, readonly [number, number]> = { pagi: [0, 11], siang: [10, 16], sore: [14, 19], malam: [18, 23] };

const TIME =
  /^(?:(jam|pukul|pkl\.?)\s*)?(\d{1,2})(?:[.:](\d{2}))?(?:\s*(pagi|siang|sore|malam|malem))?(?:\s*(wib|wita|wit))?(?=\s|$|[,|])/i;

/**
 * A clock time at the start of `text`, as people write it: `19.30`, `19:30`, `08:00`, `jam 7.00`,
 * `pukul 19.00 WIB`, `jam 19`, `pukul 8` (the 24-hour clock, as official Indonesian times are written),
 * `jam 8 pagi`, `jam 7 malam`, `jam 1 siang`, `jam 4 sore`, `8.30 pagi`. A bare number (`8`) needs `jam`,
 * `pukul` or a part of the day to be a time.
 */
export function readTime(text: string): ReadTime | null {
  const trimmed = text.trim();
  const match = TIME.exec(trimmed);
  if (!match) return null;
  const [whole, prefix, hourText, minuteText, periodWord, zoneWord] = match;
  if (!prefix && minuteText === undefined && periodWord === undefined) return null;
  const minute = Number(minuteText ?? 0);
  const hour = dayHour(Number(hourText), periodWord ? PERIODS.get(periodWord.toLowerCase())! : null);
  if (hour === null || minute > 59) return null;
  const zone = zoneWord?.toUpperCase() ?? null;
  return {
    time: { hour, minute },
    zone: zone !== null && isZoneLabel(zone) ? zone : null,
    rest: trimmed.slice(whole!.length).trim(),
  };
}

function dayHour(hour: number, period: Period | null): number | null {
  if (period === null) return hour <= 23 ? hour : null;
  if (hour > 12) {
    const [from, to] = PERIOD_SPAN[period];
    return hour >= from && hour <= to ? hour : null;
  }
  return DAY_HOUR[period](hour);
}

// `ba'da isya`, `bakda maghrib`, `setelah sholat isya`, `sebelum subuh`, `habis ashar`: names of prayers.
const PRAYER =
  /^(?:(?:ba['’`]?da|bakda|bada|setelah|sesudah|selepas|habis|abis|sebelum|menjelang|waktu|jam)\s+)?(?:(?:sholat|shalat|salat|solat)\s+)?(subuh|shubuh|dzuhur|zuhur|dhuhur|duhur|lohor|ashar|asar|maghrib|magrib|isya['’`]?|isyak)(?=\s|$|[,|])/i;

/**
 * A time named after a prayer (`ba'da isya`) at the start of `text`, as written. Prayer times depend on
 * the place's coordinates and the day of the year, and a WKSBM is stored with neither coordinates nor a
 * chosen prayer-time authority, so the bot asks for a clock time instead of guessing one.
 */
export function readPrayerTime(text: string): string | null {
  return PRAYER.exec(text.trim())?.[0] ?? null;
}
