import { DateTime } from 'luxon';
import { owedWindow, standing, type Standing } from '../core/iuran/dues.js';
import { periodAt, periodKey } from '../core/iuran/period.js';
import type { HouseholdInfo, IuranInfo } from '../core/iuran/ports.js';
import { standingsOf } from '../core/iuran/standing.js';
import { iuranText } from '../core/iuran/text.js';
import type { ChannelName } from '../core/message.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { bookOf, householdInfos, iuranInfos, reminderSubject } from './iuran.js';
import { enqueue, type NewOutboxMessage } from './outbox.js';
import type { Writer } from './writer.js';

/** Reminders go out from this local hour of the reminder day. */
export const REMINDER_HOUR = 9;

/** A person's private chat with the bot, from their identity on a channel. */
const PRIVATE_CHAT: Record<ChannelName, (externalId: string) => string> = {
  telegram: (id) => id,
  whatsapp: (id) => id,
  console: (id) => `private:${id}`,
};

export type ReminderRender =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly why: string };

/** The scheduler's side of iuran: planning the day's reminders, and rendering one when it is sent. */
export interface IuranReminderPlanner {
  /** Plans the reminders of every iuran whose reminder day has come and that are not planned yet. */
  planReminders(now: Date): Promise<number>;
  /** A household's reminder as it is now; not sent when the household has paid since it was planned. */
  renderReminder(input: { iuranId: number; householdId: number }, now: Date): Promise<ReminderRender>;
}

/** Whether `now` is on or after the reminder time of the iuran's reminder day, in the WKSBM's zone. */
export function isReminderDue(iuran: Pick<IuranInfo, 'kind' | 'reminderDay'>, now: Date, zone: string): boolean {
  if (iuran.reminderDay === null) return false;
  const local = DateTime.fromJSDate(now, { zone });
  const day = iuran.kind === 'mingguan' ? local.weekday : local.day;
  return day === iuran.reminderDay && local.hour >= REMINDER_HOUR;
}

/**
 * Planning writes, in one transaction per WKSBM: one private outbox row per household in arrears and
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
      const todo = due.filter((c) => !done.has(`${c.id}:${periodOf(c)}`));
      const byWksbm = new Map<number, typeof todo>();
      for (const c of todo) byWksbm.set(c.wksbmId, [...(byWksbm.get(c.wksbmId) ?? []), c]);

      let planned = 0;
      for (const [wksbmId, iurans] of byWksbm) {
        planned += await writer.run(async (tx) => {
          const already = await tx.iuranReminderRun.findMany({ where: { OR: iurans.map((c) => ({ iuranId: c.id, period: periodOf(c) })) } });
          const fresh = iurans.filter((c) => !already.some((run) => run.iuranId === c.id));
          if (fresh.length === 0) return 0;
          const zone = zones.get(wksbmId)!;
          const book = await bookOf(tx, wksbmId);
          const memberRows = await tx.householdMember.findMany({ where: { wksbmId }, select: { householdId: true, personId: true } });
          const identities = await tx.identity.findMany({ where: { personId: { in: memberRows.map((m) => m.personId) } }, orderBy: { id: 'asc' } });
          const chats = await tx.chat.findMany({ where: { wksbmId }, orderBy: { id: 'asc' } });
          const notAfter = DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
          const messages: NewOutboxMessage[] = [];
          let count = 0;
          for (const { iuran, rows } of standingsOf(book, now, zone)) {
            const run = fresh.find((c) => c.id === iuran.id);
            if (!run) continue;
            const period = periodOf(run);
            const active = rows.filter((row) => row.household.leftOn === null);
            let reminded = 0;
            for (const { household, standing: owed } of active) {
              if (owed.arrears === 0n) continue;
              const people = new Set(memberRows.filter((m) => m.householdId === household.id).map((m) => m.personId));
              const reach = identities.filter((identity) => people.has(identity.personId) && identity.channel in PRIVATE_CHAT);
              if (reach.length === 0) continue;
              reminded++;
              for (const identity of reach) {
                const chatId = PRIVATE_CHAT[identity.channel as ChannelName](identity.externalId);
                messages.push({
                  dedupeKey: `iuran-reminder:${iuran.id}:${period}:${household.id}:${identity.channel}:${chatId}`,
                  channel: identity.channel as ChannelName,
                  chatId,
                  subject: reminderSubject(iuran.id, household.id),
                  payload: { kind: 'iuran-reminder', iuranId: iuran.id, householdId: household.id },
                  dueAt: now,
                  notAfter,
                });
              }
            }
            const paidUp = active.filter((row) => row.standing.arrears === 0n).length;
            const line = iuranText.reminderGroupLine(iuran, reminded, paidUp, active.length);
            for (const chat of chats) {
              messages.push({
                dedupeKey: `iuran-group:${iuran.id}:${period}:${chat.channel}:${chat.externalId}`,
                channel: chat.channel as ChannelName,
                chatId: chat.externalId,
                subject: `iuran-group:${iuran.id}`,
                payload: { kind: 'text', text: line },
                dueAt: now,
                notAfter,
              });
            }
            await tx.iuranReminderRun.create({ data: { iuranId: iuran.id, period, planned: reminded } });
            count += reminded;
          }
          await enqueue(tx, messages);
          return count;
        });
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
