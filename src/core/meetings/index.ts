/** Meetings: announcing, rescheduling, RSVPs, attendance, minutes, time zone and reminder settings. */
export { jadwalCommand, rapatCommand } from './commands.js';
export { absenCommand, notulenCommand } from './records.js';
export { hadirCommand, izinCommand } from './rsvp.js';
export { pengingatCommand, zonaCommand } from './settings.js';
export { DEFAULT_REMINDERS, offsetKey, reminderDue, type ReminderOffset } from './reminders.js';
export { atWallTime, nextOccurrence, occurrencesBetween, type IsoWeekday, type RutinRule, type TimeOfDay } from './schedule.js';
export { meetingsText, reminderReplies } from './text.js';
export type * from './ports.js';
