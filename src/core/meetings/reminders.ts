import { DateTime } from 'luxon';
import type { TimeOfDay } from './schedule.js';

/** When a reminder goes out, relative to the meeting. */
export type ReminderOffset =
  /** `H-1 19.00`: that many days before, at a wall-clock time. */
  | { readonly kind: 'days-before'; readonly days: number; readonly at: TimeOfDay }
  /** `1 jam`, `30 menit`: that long before the start. */
  | { readonly kind: 'minutes-before'; readonly minutes: number };

/** The day before at 19.00, when people plan their evening, and one hour before. */
export const DEFAULT_REMINDERS: readonly ReminderOffset[] = [
  { kind: 'days-before', days: 1, at: { hour: 19, minute: 0 } },
  { kind: 'minutes-before', minutes: 60 },
];

/** When this reminder of a meeting starting at `startsAt` is due, computed in the WKSBM's zone. */
export function reminderDue(offset: ReminderOffset, startsAt: Date, zone: string): Date {
  const start = DateTime.fromJSDate(startsAt, { zone });
  if (offset.kind === 'minutes-before') return start.minus({ minutes: offset.minutes }).toJSDate();
  return start
    .minus({ days: offset.days })
    .set({ hour: offset.at.hour, minute: offset.at.minute, second: 0, millisecond: 0 })
    .toJSDate();
}

/** Stable within one meeting time; part of the outbox dedupe key. */
export function offsetKey(offset: ReminderOffset): string {
  return offset.kind === 'minutes-before' ? `m${offset.minutes}` : `d${offset.days}@${offset.at.hour}:${offset.at.minute}`;
}
