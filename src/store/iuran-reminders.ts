import { DateTime } from 'luxon';
import {
  type ChannelName,
  type HouseholdInfo,
  type IuranInfo,
  type IuranReminderPlanner,
  iuranText,
  owedWindow,
  periodAt,
  periodKey,
  privateChatsOf,
  standing,
  type Standing,
  standingsOf,
  type NewOutboxMessage,
} from '../core/index.js';
import { iuranReminderPayload } from '../outbox/kinds/iuran-reminder.js';
import { textKind } from '../outbox/kinds/text.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { booksOf, householdInfos, iuranInfos, reminderSubject } from './iuran.js';
import { enqueue } from './outbox.js';
import type { Tx, Writer } from './writer.js';

/** Reminders go out from this local hour of the reminder day. */
export const REMINDER_HOUR = 9;

/**
 * A reminder day missed (the server was down) is caught up this many days after it, once; later it is
 * skipped for that period: the next period's reminder names the arrears, which have only grown, and a
 * "tanggal 10" reminder arriving at the end of the month reads as a mistake.
 */
export const CATCH_UP_DAYS = 3;

/**
 * Days since this period's reminder time, in the WKSBM's zone: 0 on the reminder day from its hour on,
 * up to CATCH_UP_DAYS while it may still be caught up; null when no reminder is due. The reminder day
 * and `now` are in the same month (or week), so the period `now` falls in is the reminder's.
 */
export function reminderLateness(iuran: Pick<IuranInfo, 'kind' | 'reminderDay'>, now: Date, zone: string): number | null {
  if (iuran.reminderDay === null) return null;
  const local = DateTime.fromJSDate(now, { zone });
  const late = (iuran.kind === 'mingguan' ? local.weekday : local.day) - iuran.reminderDay;
  if (late < 0 || late > CATCH_UP_DAYS || (late === 0 && local.hour < REMINDER_HOUR)) return null;
  return late;
}

/** Whether this period's reminders are due at `now` (on the day, or caught up within CATCH_UP_DAYS). */
export const isReminderDue = (iuran: Pick<IuranInfo, 'kind' | 'reminderDay'>, now: Date, zone: string): boolean =>
  reminderLateness(iuran, now, zone) !== null;

/**
 * The last moment a period's reminders may be sent: the end of the last catch-up day. A reminder planned
 * just before the server went down is still sent after a restart within it, and never later.
 */
function sendableUntil(iuran: Pick<IuranInfo, 'kind' | 'reminderDay'>, now: Date, zone: string): Date {
  const late = reminderLateness(iuran, now, zone) ?? 0;
  return DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: CATCH_UP_DAYS - late + 1 }).toJSDate();
}

/** WKSBM planned per transaction: a constant number of queries for each chunk, whatever its size. */
const CHUNK = 100;

interface DueIuran {
  readonly id: number;
  readonly wksbmId: number;
  readonly period: string;
  readonly reminderDay: number | null;
}

/**
 * Plans the reminders of a chunk of WKSBM in one transaction: reads their books, members, identities and
 * chats at once, skips iuran another instance planned meanwhile, writes every outbox row and run row.
 */
async function planChunk(
  tx: Tx,
  chunk: readonly { wksbmId: number; zone: string; iurans: readonly DueIuran[] }[],
  now: Date,
  periodOf: (iuran: DueIuran) => string,
): Promise<number> {
  const wksbmIds = chunk.map((c) => c.wksbmId);
  const due = chunk.flatMap((c) => c.iurans);
  const already = await tx.iuranReminderRun.findMany({ where: { iuranId: { in: due.map((c) => c.id) } }, select: { iuranId: true, period: true } });
  const done = new Set(already.map((run) => `${run.iuranId}:${run.period}`));
  const where = { wksbmId: { in: wksbmIds } };
  const books = await booksOf(tx, wksbmIds);
  // A join rather than a list of person ids: a chunk's members can outnumber SQLite's bound parameters.
  const reachable = await tx.$queryRaw<{ householdId: number; personId: number; channel: string; externalId: string }[]>`
    SELECT m."householdId", m."personId", i."channel", i."externalId" FROM "HouseholdMember" m
    JOIN "Identity" i ON i."personId" = m."personId"
    WHERE m."wksbmId" IN (${Prisma.join(wksbmIds)}) ORDER BY i."id"`;
  const chats = await tx.chat.findMany({ where, orderBy: { id: 'asc' } });
  const reachOf = new Map<number, { personId: number; channel: string; externalId: string }[]>();
  for (const row of reachable) reachOf.set(Number(row.householdId), [...(reachOf.get(Number(row.householdId)) ?? []), { ...row, personId: Number(row.personId) }]);

  const messages: NewOutboxMessage[] = [];
  const runs: { iuranId: number; period: string; planned: number }[] = [];
  for (const { wksbmId, zone, iurans } of chunk) {
    for (const { iuran, rows } of standingsOf(books.get(wksbmId)!, now, zone, { periods: false })) {
      const run = iurans.find((c) => c.id === iuran.id);
      if (!run || done.has(`${run.id}:${periodOf(run)}`)) continue;
      const period = periodOf(run);
      const notAfter = sendableUntil(iuran, now, zone);
      const active = rows.filter((row) => row.household.leftOn === null);
      let reminded = 0;
      for (const { household, standing: owed } of active) {
        if (owed.arrears === 0n) continue;
        // One private chat per member and channel: a member known by two identities (merged) is reminded once.
        const reach = privateChatsOf(reachOf.get(household.id) ?? []);
        if (reach.length === 0) continue;
        reminded++;
        for (const { channel, chatId } of reach) {
          messages.push({
            dedupeKey: `iuran-reminder:${iuran.id}:${period}:${household.id}:${channel}:${chatId}`,
            channel,
            chatId,
            subject: reminderSubject(iuran.id, household.id),
            payload: iuranReminderPayload({ iuranId: iuran.id, householdId: household.id }),
            dueAt: now,
            notAfter,
          });
        }
      }
      const paidUp = active.filter((row) => row.standing.arrears === 0n).length;
      const line = iuranText.reminderGroupLine(iuran, reminded, paidUp, active.length);
      for (const chat of chats.filter((c) => c.wksbmId === wksbmId)) {
        messages.push({
          dedupeKey: `iuran-group:${iuran.id}:${period}:${chat.channel}:${chat.externalId}`,
          channel: chat.channel as ChannelName,
          chatId: chat.externalId,
          subject: `iuran-group:${iuran.id}`,
          payload: textKind.make({ text: line }),
          dueAt: now,
          notAfter,
        });
      }
      runs.push({ iuranId: iuran.id, period, planned: reminded });
    }
  }
  await tx.iuranReminderRun.createMany({ data: runs });
  // enqueue looks its dedupe keys up in one list: kept under SQLite's bound-parameter limit.
  for (let i = 0; i < messages.length; i += 500) await enqueue(tx, messages.slice(i, i + 500));
  return runs.reduce((sum, run) => sum + run.planned, 0);
}

/**
 * Planning writes, in one transaction per chunk of WKSBM: one private outbox row per household in arrears and
 * private chat of its members, one line with counts (never names) to each of the WKSBM's groups, and a
 * run row that makes the period planned once. The outbox's dedupe keys make a second planner (another
 * instance) add nothing; a payment withdraws the household's rows, and rendering checks again.
 */
export function createIuranReminderPlanner(read: PrismaClient, writer: Writer): IuranReminderPlanner {
  return {
    async planReminders(now) {
      const candidates = await read.iuran.findMany({ where: { reminderDay: { not: null } }, select: { id: true, wksbmId: true, period: true, reminderDay: true } });
      if (candidates.length === 0) return 0;
      const zones = new Map(
        (await read.wksbm.findMany({ where: { id: { in: [...new Set(candidates.map((c) => c.wksbmId))] } }, select: { id: true, timeZone: true } })).map((w) => [w.id, w.timeZone]),
      );
      const due = candidates.filter((c) => isReminderDue({ kind: c.period as IuranInfo['kind'], reminderDay: c.reminderDay }, now, zones.get(c.wksbmId)!));
      if (due.length === 0) return 0;
      const periodOf = (c: (typeof due)[number]) => {
        const kind = c.period as IuranInfo['kind'];
        return periodKey(kind, periodAt(kind, now, zones.get(c.wksbmId)!));
      };
      const runs = await read.iuranReminderRun.findMany({ where: { iuranId: { in: due.map((c) => c.id) } }, select: { iuranId: true, period: true } });
      const done = new Set(runs.map((run) => `${run.iuranId}:${run.period}`));
      const byWksbm = new Map<number, DueIuran[]>();
      for (const c of due.filter((c) => !done.has(`${c.id}:${periodOf(c)}`))) byWksbm.set(c.wksbmId, [...(byWksbm.get(c.wksbmId) ?? []), c]);

      let planned = 0;
      const wksbmIds = [...byWksbm.keys()];
      for (let i = 0; i < wksbmIds.length; i += CHUNK) {
        const chunk = wksbmIds.slice(i, i + CHUNK);
        planned += await writer.run((tx) => planChunk(tx, chunk.map((id) => ({ wksbmId: id, zone: zones.get(id)!, iurans: byWksbm.get(id)! })), now, periodOf));
      }
      return planned;
    },

    async renderReminder({ iuranId, householdId }, now) {
      const [iuran] = await iuranInfos(read, { id: iuranId });
      const [household] = await householdInfos(read, { id: { in: [householdId] } });
      if (!iuran || !household) return { ok: false, why: 'iuran or household gone' };
      const [wksbm, account] = await Promise.all([
        read.wksbm.findUniqueOrThrow({ where: { id: (await read.iuran.findUniqueOrThrow({ where: { id: iuranId } })).wksbmId } }),
        read.iuranAccount.findUnique({ where: { iuranId_householdId: { iuranId, householdId } } }),
      ]);
      const current = standingNow(iuran, household, account?.paid ?? 0n, now, wksbm.timeZone);
      if (current.arrears === 0n) return { ok: false, why: 'paid' };
      return { ok: true, text: iuranText.reminder(wksbm.name, household, iuran, current) };
    },
  };
}

function standingNow(iuran: IuranInfo, household: HouseholdInfo, paid: bigint, now: Date, zone: string): Standing {
  return standing(iuran, owedWindow(iuran, household, periodAt(iuran.kind, now, zone)), paid);
}
