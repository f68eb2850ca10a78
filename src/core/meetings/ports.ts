import type { Reply } from '../shared/message.js';
import type { ParsedMeeting } from './parse.js';
import type { Once, Render } from '../shared/ports.js';
import type { ReminderOffset } from './reminders.js';
import type { RutinRule } from './schedule.js';

/**
 * The meetings port. Like the ledger's, every write takes a `Once` and a `render`, so a redelivered
 * message changes nothing and gets the answer it got. Outcomes carry the WKSBM's time zone as the
 * transaction read it, so replies never show a date in a zone that was just changed.
 */
export type OccurrenceStatus = 'terjadwal' | 'batal';
export type RsvpAnswer = 'hadir' | 'izin';

/** One date of a meeting, numbered (#7) per WKSBM. */
export interface OccurrenceView {
  readonly id: number;
  readonly number: number;
  readonly kind: 'rutin' | 'insidental';
  /** rutin: how it repeats, to describe the series. */
  readonly rule: RutinRule | null;
  readonly startsAt: Date;
  readonly place: string;
  readonly agenda: string | null;
  readonly status: OccurrenceStatus;
  readonly cancelReason: string | null;
}

export interface RsvpView {
  readonly personId: number;
  readonly name: string;
  readonly answer: RsvpAnswer;
  readonly reason: string | null;
}

export interface OccurrenceDetail extends OccurrenceView {
  readonly rsvps: readonly RsvpView[];
  /** Names the sekretaris recorded with /absen. */
  readonly attendance: readonly string[];
  readonly minutes: string | null;
}

export type Zoned<T> = T & { readonly timeZone: string };

export type AnnounceOutcome = Zoned<{
  readonly ok: true;
  /** The first occurrence; a rutin series also has the others planned ahead. */
  readonly first: OccurrenceView;
  readonly reminders: readonly ReminderOffset[];
}>;

/** Why a change to one occurrence was refused. */
export type OccurrenceRefusal =
  | { readonly ok: false; readonly reason: 'not-found' | 'none-upcoming' }
  | { readonly ok: false; readonly reason: 'cancelled' | 'started'; readonly occurrence: OccurrenceView; readonly timeZone: string };

export type CancelOutcome =
  | Zoned<{ readonly ok: true; readonly cancelled: readonly OccurrenceView[]; readonly series: boolean }>
  | OccurrenceRefusal;

export type MoveOutcome = Zoned<{ readonly ok: true; readonly before: OccurrenceView; readonly after: OccurrenceView }> | OccurrenceRefusal;

export type RsvpOutcome = Zoned<{ readonly ok: true; readonly occurrence: OccurrenceDetail }> | OccurrenceRefusal;

export type AttendanceOutcome =
  | Zoned<{ readonly ok: true; readonly occurrence: OccurrenceDetail; readonly added: number }>
  | OccurrenceRefusal;

export type MinutesOutcome = Zoned<{ readonly ok: true; readonly occurrence: OccurrenceDetail }> | OccurrenceRefusal;

export interface ZoneOutcome {
  readonly ok: true;
  readonly previous: string;
  readonly timeZone: string;
  /** Upcoming occurrences kept at the same wall-clock time in the new zone. */
  readonly moved: number;
}

export interface RemindersOutcome {
  readonly ok: true;
  readonly reminders: readonly ReminderOffset[];
  /** Upcoming occurrences whose reminders were planned again. */
  readonly replanned: number;
}

/** A person named in /absen: a member when the name matched one, else a guest. */
export interface AttendeeName {
  readonly personId: number | null;
  readonly name: string;
}

export interface MeetingStore {
  /**
   * The WKSBM's zone as stored now. Dates are read in it rather than in the cached `WksbmInfo`, which
   * another process (a console that ran /zona) may have made stale.
   */
  timeZone(wksbmId: number): Promise<string>;
  reminders(wksbmId: number): Promise<readonly ReminderOffset[]>;
  /** Occurrences starting after `now`, soonest first, cancelled ones included so people see them. */
  upcoming(wksbmId: number, now: Date, limit: number): Promise<Zoned<{ occurrences: readonly OccurrenceDetail[] }>>;
  occurrence(wksbmId: number, number: number): Promise<Zoned<{ occurrence: OccurrenceDetail }> | null>;

  announce(once: Once, input: { wksbmId: number; meeting: ParsedMeeting; now: Date }, render: Render<AnnounceOutcome>): Promise<readonly Reply[]>;
  cancel(
    once: Once,
    input: { wksbmId: number; number: number; series: boolean; reason: string | null; now: Date },
    render: Render<CancelOutcome>,
  ): Promise<readonly Reply[]>;
  move(
    once: Once,
    input: { wksbmId: number; number: number; startsAt: Date; place: string | null; agenda: string | null; now: Date },
    render: Render<MoveOutcome>,
  ): Promise<readonly Reply[]>;
  /** Without a number: the next meeting that has not started. */
  rsvp(
    once: Once,
    input: { wksbmId: number; number: number | null; answer: RsvpAnswer; reason: string | null; now: Date },
    render: Render<RsvpOutcome>,
  ): Promise<readonly Reply[]>;
  recordAttendance(
    once: Once,
    input: { wksbmId: number; number: number; people: readonly AttendeeName[] },
    render: Render<AttendanceOutcome>,
  ): Promise<readonly Reply[]>;
  addMinutes(
    once: Once,
    input: { wksbmId: number; number: number; text: string },
    render: Render<MinutesOutcome>,
  ): Promise<readonly Reply[]>;
  setTimeZone(once: Once, input: { wksbmId: number; timeZone: string; now: Date }, render: Render<ZoneOutcome>): Promise<readonly Reply[]>;
  setReminders(
    once: Once,
    input: { wksbmId: number; reminders: readonly ReminderOffset[]; now: Date },
    render: Render<RemindersOutcome>,
  ): Promise<readonly Reply[]>;
}

/** What a reminder needs when it is sent: the meeting now, and who has not answered now. */
export interface ReminderFacts {
  readonly occurrence: OccurrenceDetail;
  readonly timeZone: string;
  /** Members without an answer, in the order they joined. */
  readonly pending: readonly string[];
}

/** The scheduler's side of meetings: keeping series planned ahead and reading a reminder's facts. */
export interface MeetingPlanner {
  /** Tops up the rutin series that need it; returns how many occurrences were created. */
  topUp(now: Date, limit: number): Promise<number>;
  reminderFacts(occurrenceId: number): Promise<ReminderFacts | null>;
}
