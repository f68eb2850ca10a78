import { DateTime } from 'luxon';
import { zoneLabel } from './time-zone.js';

/** `Minggu, 13 Desember 2026 pukul 19.30 WIB`: the whole date, so a misread one is seen at once. */
export function formatMeetingTime(date: Date, timeZone: string): string {
  return `${DateTime.fromJSDate(date, { zone: timeZone }).setLocale('id').toFormat("cccc, d LLLL yyyy 'pukul' HH.mm")} ${zoneLabel(timeZone)}`;
}

/** `19.30` */
export function formatClock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}.${String(minute).padStart(2, '0')}`;
}

/** `hari ini`, `besok` or `lusa` when the meeting is that close in the WKSBM's calendar, else null. */
export function relativeDay(date: Date, now: Date, timeZone: string): string | null {
  const days = DateTime.fromJSDate(date, { zone: timeZone })
    .startOf('day')
    .diff(DateTime.fromJSDate(now, { zone: timeZone }).startOf('day'), 'days').days;
  return days === 0 ? 'hari ini' : days === 1 ? 'besok' : days === 2 ? 'lusa' : null;
}
