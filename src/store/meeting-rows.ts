import { z } from 'zod';
import {
  DEFAULT_REMINDERS,
  type IsoWeekday,
  type OccurrenceDetail,
  type OccurrenceView,
  type ReminderOffset,
  type RsvpView,
  type RutinRule,
  WksError,
} from '../core/index.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Tx } from './writer.js';

/** Stored JSON is parsed, never trusted: these mirror the core's types. */
const timeOfDay = z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) });
const weekday = z.number().int().min(1).max(7).transform((day) => day as IsoWeekday);

const rutinRule = z.object({
  recurrence: z.discriminatedUnion('freq', [
    z.object({ freq: z.literal('weekly'), weekday }),
    z.object({ freq: z.literal('monthly-weekday'), weekday, nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)]) }),
    z.object({ freq: z.literal('monthly-day'), day: z.number().int().min(-1).max(31) }),
  ]),
  time: timeOfDay,
});

const reminderOffsets = z.array(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('days-before'), days: z.number().int().min(1), at: timeOfDay }),
    z.object({ kind: z.literal('minutes-before'), minutes: z.number().int().min(1) }),
  ]),
);

export const parseRule = (json: string): RutinRule => rutinRule.parse(JSON.parse(json));

export async function remindersOf(db: Tx | PrismaClient, wksbmId: number): Promise<readonly ReminderOffset[]> {
  const row = await db.wksbmSettings.findUnique({ where: { wksbmId } });
  return row ? reminderOffsets.parse(JSON.parse(row.reminders)) : DEFAULT_REMINDERS;
}

export const occurrenceInclude = { meeting: { select: { kind: true, rule: true } } } as const satisfies Prisma.MeetingOccurrenceInclude;
export type OccurrenceRow = Prisma.MeetingOccurrenceGetPayload<{ include: typeof occurrenceInclude }>;

export function toOccurrenceView(row: OccurrenceRow): OccurrenceView {
  const { kind } = row.meeting;
  if (kind !== 'rutin' && kind !== 'insidental') throw new WksError('WKS_ERR_STORE', `meeting ${row.meetingId} has kind ${kind}`);
  if (row.status !== 'terjadwal' && row.status !== 'batal') {
    throw new WksError('WKS_ERR_STORE', `occurrence ${row.id} has status ${row.status}`);
  }
  return {
    id: row.id,
    number: row.number,
    kind,
    rule: row.meeting.rule ? parseRule(row.meeting.rule) : null,
    startsAt: row.startsAt,
    place: row.place,
    agenda: row.agenda,
    status: row.status,
    cancelReason: row.cancelReason,
  };
}

/** Occurrences with their answers and attendance, in the order given. */
export async function withDetails(db: Tx | PrismaClient, rows: readonly OccurrenceRow[]): Promise<OccurrenceDetail[]> {
  const ids = rows.map((row) => row.id);
  // One after the other: inside a transaction every query shares one connection (see writer.ts).
  const rsvps = await db.meetingRsvp.findMany({ where: { occurrenceId: { in: ids } }, orderBy: { updatedAt: 'asc' } });
  const attendance = await db.meetingAttendance.findMany({ where: { occurrenceId: { in: ids } }, orderBy: { id: 'asc' } });
  const people = await db.person.findMany({
    where: { id: { in: [...new Set(rsvps.map((rsvp) => rsvp.personId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  return rows.map((row) => ({
    ...toOccurrenceView(row),
    rsvps: rsvps
      .filter((rsvp) => rsvp.occurrenceId === row.id)
      .map((rsvp): RsvpView => {
        if (rsvp.answer !== 'hadir' && rsvp.answer !== 'izin') throw new WksError('WKS_ERR_STORE', `rsvp ${rsvp.id} has answer ${rsvp.answer}`);
        return { personId: rsvp.personId, name: names.get(rsvp.personId) ?? '?', answer: rsvp.answer, reason: rsvp.reason };
      }),
    attendance: attendance.filter((entry) => entry.occurrenceId === row.id).map((entry) => entry.name),
    minutes: row.minutes,
  }));
}

export function serializeReminders(reminders: readonly ReminderOffset[]): string {
  return JSON.stringify(reminders);
}
