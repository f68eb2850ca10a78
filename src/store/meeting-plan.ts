import { DateTime } from 'luxon';
import {
  type ChannelName,
  type NewOutboxMessage,
  nextOccurrence,
  occurrencesBetween,
  offsetKey,
  reminderDue,
  type ReminderOffset,
  type RutinRule,
} from '../core/index.js';
import { enqueue, withdraw } from './outbox.js';
import { reminderPayload } from '../outbox/kinds/reminder.js';
import { occurrenceInclude, parseRule, remindersOf, type OccurrenceRow } from './meeting-rows.js';
import type { Tx } from './writer.js';

/**
 * Planning inside a transaction: which occurrences of a rutin series exist as rows, and which reminders
 * wait in the outbox for them. Everything here is idempotent (unique slots, unique dedupe keys), so a
 * second scheduler instance doing the same work after the first changes nothing.
 */

/** Occurrences of a series exist this far ahead, so /jadwal shows them and each can be moved or cancelled. */
export const HORIZON_DAYS = 35;
/** A series is topped up when less than this much of it is planned, not on every tick. */
export const TOP_UP_BELOW_DAYS = 21;

export interface PlanContext {
  readonly wksbmId: number;
  readonly timeZone: string;
  readonly reminders: readonly ReminderOffset[];
  readonly chats: readonly { readonly channel: string; readonly externalId: string }[];
  readonly now: Date;
}

export async function planContext(tx: Tx, wksbmId: number, now: Date): Promise<PlanContext> {
  const wksbm = await tx.wksbm.findUniqueOrThrow({ where: { id: wksbmId }, select: { timeZone: true } });
  const reminders = await remindersOf(tx, wksbmId);
  const chats = await tx.chat.findMany({ where: { wksbmId }, select: { channel: true, externalId: true }, orderBy: { id: 'asc' } });
  return { wksbmId, timeZone: wksbm.timeZone, reminders, chats, now };
}

export const subjectOf = (occurrenceId: number) => `occurrence:${occurrenceId}`;

/**
 * One reminder per offset and linked chat. A reminder already due when it is planned (a meeting
 * announced for tomorrow morning after 19.00 today) is not planned: it would arrive as a late surprise.
 * The meeting start is the key's part too, so a moved meeting gets reminded again at its new time.
 */
export async function planReminders(tx: Tx, ctx: PlanContext, occurrences: readonly { id: number; startsAt: Date }[]): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  for (const occurrence of occurrences) {
    for (const offset of ctx.reminders) {
      const dueAt = reminderDue(offset, occurrence.startsAt, ctx.timeZone);
      if (dueAt <= ctx.now || dueAt >= occurrence.startsAt) continue;
      for (const chat of ctx.chats) {
        messages.push({
          dedupeKey: `reminder:${occurrence.id}:${occurrence.startsAt.getTime()}:${offsetKey(offset)}:${chat.channel}:${chat.externalId}`,
          channel: chat.channel as ChannelName,
          chatId: chat.externalId,
          subject: subjectOf(occurrence.id),
          payload: reminderPayload({ occurrenceId: occurrence.id, startsAt: occurrence.startsAt.getTime() }),
          dueAt,
          notAfter: occurrence.startsAt,
        });
      }
    }
  }
  return enqueue(tx, messages);
}

/** Withdraws the unsent reminders of these occurrences and plans them again for their current start. */
export async function replanReminders(tx: Tx, ctx: PlanContext, occurrences: readonly { id: number; startsAt: Date }[]): Promise<void> {
  await withdrawAll(tx, occurrences, ctx.now);
  await planReminders(tx, ctx, occurrences);
}

async function nextNumber(tx: Tx, wksbmId: number): Promise<number> {
  const { _max } = await tx.meetingOccurrence.aggregate({ where: { wksbmId }, _max: { number: true } });
  return (_max.number ?? 0) + 1;
}

export interface MeetingToPlan {
  readonly id: number;
  readonly place: string;
  readonly agenda: string | null;
  readonly plannedUntil: Date | null;
}

/** Creates occurrences at these starts, numbered in order, with their reminders. */
export async function createOccurrences(tx: Tx, ctx: PlanContext, meeting: MeetingToPlan, starts: readonly Date[]): Promise<OccurrenceRow[]> {
  const rows: OccurrenceRow[] = [];
  let number = await nextNumber(tx, ctx.wksbmId);
  for (const startsAt of starts) {
    rows.push(
      await tx.meetingOccurrence.create({
        data: { meetingId: meeting.id, wksbmId: ctx.wksbmId, number: number++, slot: startsAt, startsAt, place: meeting.place, agenda: meeting.agenda },
        include: occurrenceInclude,
      }),
    );
  }
  await planReminders(tx, ctx, rows);
  return rows;
}

/**
 * Materialises a rutin series up to the horizon: the occurrences after what is planned (and after
 * now: a series that waited out a downtime does not get meetings in the past), at least the next one.
 */
export async function extendSeries(tx: Tx, ctx: PlanContext, meeting: MeetingToPlan & { rule: RutinRule }): Promise<OccurrenceRow[]> {
  const horizon = DateTime.fromJSDate(ctx.now).plus({ days: HORIZON_DAYS }).toJSDate();
  const after = meeting.plannedUntil && meeting.plannedUntil > ctx.now ? meeting.plannedUntil : ctx.now;
  let starts = after < horizon ? occurrencesBetween(meeting.rule, ctx.timeZone, after, horizon) : [];
  if (starts.length === 0 && !meeting.plannedUntil) {
    const next = nextOccurrence(meeting.rule, ctx.timeZone, after);
    starts = next ? [next] : [];
  }
  const last = starts.at(-1);
  const plannedUntil = [horizon, after, ...(last ? [last] : [])].reduce((a, b) => (a > b ? a : b));
  await tx.meeting.update({ where: { id: meeting.id }, data: { plannedUntil } });
  return createOccurrences(tx, ctx, meeting, starts);
}

/** Tops up one series if it still needs it; run by the scheduler, safe to run twice. */
export async function topUpSeries(tx: Tx, meetingId: number, now: Date): Promise<number> {
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  const threshold = DateTime.fromJSDate(now).plus({ days: TOP_UP_BELOW_DAYS }).toJSDate();
  if (!meeting.rule || meeting.endedAt || (meeting.plannedUntil && meeting.plannedUntil >= threshold)) return 0;
  const ctx = await planContext(tx, meeting.wksbmId, now);
  return (await extendSeries(tx, ctx, { ...meeting, rule: parseRule(meeting.rule) })).length;
}

/** Withdraws the unsent reminders of cancelled occurrences. */
export async function withdrawAll(tx: Tx, occurrences: readonly { id: number }[], now: Date): Promise<void> {
  await withdraw(tx, occurrences.map((occurrence) => subjectOf(occurrence.id)), now);
}
