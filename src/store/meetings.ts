import { DateTime } from 'luxon';
import type {
  AnnounceOutcome,
  AttendanceOutcome,
  CancelOutcome,
  MeetingPlanner,
  MeetingStore,
  MinutesOutcome,
  MoveOutcome,
  OccurrenceDetail,
  OccurrenceRefusal,
  RemindersOutcome,
  RsvpOutcome,
  ZoneOutcome,
} from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { TOP_UP_BELOW_DAYS, createOccurrences, extendSeries, planContext, replanReminders, topUpSeries, withdrawAll } from './meeting-plan.js';
import { occurrenceInclude, remindersOf, serializeReminders, toOccurrenceView, withDetails, type OccurrenceRow } from './meeting-rows.js';
import { applyOnce } from './once.js';
import type { Tx, Writer } from './writer.js';

const zoneOf = async (db: Tx | PrismaClient, wksbmId: number) =>
  (await db.wksbm.findUniqueOrThrow({ where: { id: wksbmId }, select: { timeZone: true } })).timeZone;

/** Finds the occurrence a change names and checks it can still change; a refusal otherwise. */
async function changeable(
  tx: Tx,
  wksbmId: number,
  number: number | null,
  now: Date,
  options: { allowStarted: boolean },
): Promise<{ ok: true; row: OccurrenceRow; timeZone: string } | OccurrenceRefusal> {
  const row =
    number === null
      ? await tx.meetingOccurrence.findFirst({
          where: { wksbmId, status: 'terjadwal', startsAt: { gt: now } },
          orderBy: { startsAt: 'asc' },
          include: occurrenceInclude,
        })
      : await tx.meetingOccurrence.findUnique({ where: { wksbmId_number: { wksbmId, number } }, include: occurrenceInclude });
  if (!row) return { ok: false, reason: number === null ? 'none-upcoming' : 'not-found' };
  const timeZone = await zoneOf(tx, wksbmId);
  if (row.status === 'batal') return { ok: false, reason: 'cancelled', occurrence: toOccurrenceView(row), timeZone };
  if (!options.allowStarted && row.startsAt <= now) return { ok: false, reason: 'started', occurrence: toOccurrenceView(row), timeZone };
  return { ok: true, row, timeZone };
}

async function detailOf(tx: Tx, occurrenceId: number): Promise<OccurrenceDetail> {
  const row = await tx.meetingOccurrence.findUniqueOrThrow({ where: { id: occurrenceId }, include: occurrenceInclude });
  return (await withDetails(tx, [row]))[0]!;
}

/** Scheduled occurrences of a WKSBM that have not started. */
const upcomingWhere = (wksbmId: number, now: Date) => ({ wksbmId, status: 'terjadwal', startsAt: { gt: now } });

export function createMeetingStore(
  read: PrismaClient,
  writer: Writer,
  hooks: { readonly wksbmChanged: (wksbmId: number) => void },
): MeetingStore & MeetingPlanner {
  return {
    timeZone: (wksbmId) => zoneOf(read, wksbmId),
    reminders: (wksbmId) => remindersOf(read, wksbmId),

    async upcoming(wksbmId, now, limit) {
      const rows = await read.meetingOccurrence.findMany({
        where: { wksbmId, startsAt: { gt: now } },
        orderBy: [{ startsAt: 'asc' }, { number: 'asc' }],
        take: limit,
        include: occurrenceInclude,
      });
      return { occurrences: await withDetails(read, rows), timeZone: await zoneOf(read, wksbmId) };
    },

    async occurrence(wksbmId, number) {
      const row = await read.meetingOccurrence.findUnique({ where: { wksbmId_number: { wksbmId, number } }, include: occurrenceInclude });
      if (!row) return null;
      return { occurrence: (await withDetails(read, [row]))[0]!, timeZone: await zoneOf(read, wksbmId) };
    },

    announce(once, { wksbmId, meeting, now }, render) {
      return applyOnce<AnnounceOutcome>(
        writer,
        once,
        async (tx) => {
          const ctx = await planContext(tx, wksbmId, now);
          const { when, place, agenda } = meeting;
          const row = await tx.meeting.create({
            data: {
              wksbmId,
              kind: when.kind,
              rule: when.kind === 'rutin' ? JSON.stringify(when.rule) : null,
              place,
              agenda,
              createdById: once.personId,
            },
          });
          const created =
            when.kind === 'rutin'
              ? await extendSeries(tx, ctx, { ...row, rule: when.rule })
              : await createOccurrences(tx, ctx, row, [when.startsAt]);
          return { ok: true, first: toOccurrenceView(created[0]!), reminders: ctx.reminders, timeZone: ctx.timeZone };
        },
        render,
      );
    },

    cancel(once, { wksbmId, number, series, reason, now }, render) {
      return applyOnce<CancelOutcome>(
        writer,
        once,
        async (tx) => {
          const found = await changeable(tx, wksbmId, number, now, { allowStarted: false });
          if (!found.ok) return found;
          const wholeSeries = series && found.row.meeting.kind === 'rutin';
          const rows = wholeSeries
            ? await tx.meetingOccurrence.findMany({
                where: { meetingId: found.row.meetingId, status: 'terjadwal', startsAt: { gt: now } },
                orderBy: { startsAt: 'asc' },
                include: occurrenceInclude,
              })
            : [found.row];
          if (wholeSeries) await tx.meeting.update({ where: { id: found.row.meetingId }, data: { endedAt: now } });
          await tx.meetingOccurrence.updateMany({
            where: { id: { in: rows.map((row) => row.id) } },
            data: { status: 'batal', cancelReason: reason },
          });
          await withdrawAll(tx, rows, now);
          return {
            ok: true,
            series: wholeSeries,
            cancelled: rows.map((row) => ({ ...toOccurrenceView(row), status: 'batal' as const, cancelReason: reason })),
            timeZone: found.timeZone,
          };
        },
        render,
      );
    },

    move(once, { wksbmId, number, startsAt, place, agenda, now }, render) {
      return applyOnce<MoveOutcome>(
        writer,
        once,
        async (tx) => {
          const found = await changeable(tx, wksbmId, number, now, { allowStarted: false });
          if (!found.ok) return found;
          const row = await tx.meetingOccurrence.update({
            where: { id: found.row.id },
            data: { startsAt, ...(place === null ? {} : { place, agenda }) },
            include: occurrenceInclude,
          });
          await replanReminders(tx, await planContext(tx, wksbmId, now), [row]);
          return { ok: true, before: toOccurrenceView(found.row), after: toOccurrenceView(row), timeZone: found.timeZone };
        },
        render,
      );
    },

    rsvp(once, { wksbmId, number, answer, reason, now }, render) {
      return applyOnce<RsvpOutcome>(
        writer,
        once,
        async (tx) => {
          const found = await changeable(tx, wksbmId, number, now, { allowStarted: false });
          if (!found.ok) return found;
          const where = { occurrenceId_personId: { occurrenceId: found.row.id, personId: once.personId } };
          await tx.meetingRsvp.upsert({
            where,
            create: { occurrenceId: found.row.id, personId: once.personId, answer, reason },
            update: { answer, reason },
          });
          return { ok: true, occurrence: await detailOf(tx, found.row.id), timeZone: found.timeZone };
        },
        render,
      );
    },

    recordAttendance(once, { wksbmId, number, people }, render) {
      return applyOnce<AttendanceOutcome>(
        writer,
        once,
        async (tx) => {
          const found = await changeable(tx, wksbmId, number, new Date(0), { allowStarted: true });
          if (!found.ok) return found;
          const recorded = await tx.meetingAttendance.findMany({ where: { occurrenceId: found.row.id }, select: { name: true } });
          const known = new Set(recorded.map((entry) => entry.name.toLowerCase()));
          const fresh = people.filter((person) => {
            const key = person.name.toLowerCase();
            if (known.has(key)) return false;
            known.add(key);
            return true;
          });
          await tx.meetingAttendance.createMany({
            data: fresh.map((person) => ({ occurrenceId: found.row.id, personId: person.personId, name: person.name, recordedById: once.personId })),
          });
          return { ok: true, occurrence: await detailOf(tx, found.row.id), added: fresh.length, timeZone: found.timeZone };
        },
        render,
      );
    },

    addMinutes(once, { wksbmId, number, text }, render) {
      return applyOnce<MinutesOutcome>(
        writer,
        once,
        async (tx) => {
          const found = await changeable(tx, wksbmId, number, new Date(0), { allowStarted: true });
          if (!found.ok) return found;
          const minutes = found.row.minutes ? `${found.row.minutes}\n${text}` : text;
          await tx.meetingOccurrence.update({ where: { id: found.row.id }, data: { minutes } });
          return { ok: true, occurrence: await detailOf(tx, found.row.id), timeZone: found.timeZone };
        },
        render,
      );
    },

    async setTimeZone(once, { wksbmId, timeZone, now }, render) {
      const replies = await applyOnce<ZoneOutcome>(
        writer,
        once,
        async (tx) => {
          const previous = await zoneOf(tx, wksbmId);
          if (previous === timeZone) return { ok: true, previous, timeZone, moved: 0 };
          // What people agreed on is the wall-clock time: 19.30 stays 19.30 in the new zone.
          const keepWallTime = (date: Date) =>
            DateTime.fromJSDate(date, { zone: previous }).setZone(timeZone, { keepLocalTime: true }).toJSDate();
          await tx.wksbm.update({ where: { id: wksbmId }, data: { timeZone } });
          const series = await tx.meeting.findMany({ where: { wksbmId, kind: 'rutin', endedAt: null, plannedUntil: { not: null } } });
          for (const meeting of series) {
            await tx.meeting.update({ where: { id: meeting.id }, data: { plannedUntil: keepWallTime(meeting.plannedUntil!) } });
          }
          // Cancelled ones move too, so /jadwal keeps showing them at the time they were announced for.
          const rows = await tx.meetingOccurrence.findMany({ where: { wksbmId, startsAt: { gt: now } } });
          const moved = [];
          for (const row of rows) {
            const startsAt = keepWallTime(row.startsAt);
            if (startsAt <= now) continue;
            moved.push(await tx.meetingOccurrence.update({ where: { id: row.id }, data: { startsAt } }));
          }
          const scheduled = moved.filter((row) => row.status === 'terjadwal');
          await replanReminders(tx, await planContext(tx, wksbmId, now), scheduled);
          return { ok: true, previous, timeZone, moved: scheduled.length };
        },
        render,
      );
      hooks.wksbmChanged(wksbmId);
      return replies;
    },

    setReminders(once, { wksbmId, reminders, now }, render) {
      return applyOnce<RemindersOutcome>(
        writer,
        once,
        async (tx) => {
          const json = serializeReminders(reminders);
          await tx.wksbmSettings.upsert({
            where: { wksbmId },
            create: { wksbmId, reminders: json, updatedById: once.personId },
            update: { reminders: json, updatedById: once.personId },
          });
          const rows = await tx.meetingOccurrence.findMany({ where: upcomingWhere(wksbmId, now) });
          await replanReminders(tx, await planContext(tx, wksbmId, now), rows);
          return { ok: true, reminders, replanned: rows.length };
        },
        render,
      );
    },

    async topUp(now, limit) {
      const threshold = DateTime.fromJSDate(now).plus({ days: TOP_UP_BELOW_DAYS }).toJSDate();
      const due = await read.meeting.findMany({
        where: { kind: 'rutin', endedAt: null, plannedUntil: { lt: threshold } },
        select: { id: true },
        take: limit,
      });
      let created = 0;
      for (const { id } of due) created += await writer.run((tx) => topUpSeries(tx, id, now));
      return created;
    },

    async reminderFacts(occurrenceId) {
      const row = await read.meetingOccurrence.findUnique({ where: { id: occurrenceId }, include: occurrenceInclude });
      if (!row) return null;
      const [[occurrence], timeZone, members] = await Promise.all([
        withDetails(read, [row]),
        zoneOf(read, row.wksbmId),
        read.membership.findMany({ where: { wksbmId: row.wksbmId }, include: { person: { select: { id: true, name: true } } }, orderBy: { id: 'asc' } }),
      ]);
      const answered = new Set(occurrence!.rsvps.map((rsvp) => rsvp.personId));
      return {
        occurrence: occurrence!,
        timeZone,
        pending: members.filter((member) => !answered.has(member.person.id)).map((member) => member.person.name),
      };
    },
  };
}
