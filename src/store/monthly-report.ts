import { DateTime } from 'luxon';
import { previousMonth, type MonthlyReports, type NewOutboxMessage } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { enqueue } from './outbox.js';
import { monthlySubject, reportPayload } from './report.js';
import type { Writer } from './writer.js';

/** Planned this long before it is due, so a scheduler that was down a while still finds it in time. */
const LEAD_MS = 24 * 60 * 60_000;
/**
 * Still sent this long after it was due (after a downtime), and no longer planned after that. Kept far
 * below the 30 days settled outbox rows are kept, so the row that proves it was sent outlives the
 * planning window and a month is never planned twice.
 */
const GRACE_MS = 3 * 24 * 60 * 60_000;
const WKSBM_PAGE = 500;


/** The due instants around `now` for a zone: this month's 1st 08:00 and next month's. */
function dues(now: Date, timeZone: string): Date[] {
  const first = DateTime.fromJSDate(now, { zone: timeZone }).startOf('month').set({ hour: 8 });
  return [first, first.plus({ months: 1 })].map((due) => due.toJSDate());
}

/** Any zone's 1st 08:00 ± the lead and grace falls within these days of the UTC month. */
const nearMonthStart = (now: Date) => now.getUTCDate() >= 26 || now.getUTCDate() <= 5;

export function createMonthlyReports(read: PrismaClient, writer: Writer): MonthlyReports {
  return {
    async plan(now) {
      if (!nearMonthStart(now)) return 0;
      let added = 0;
      let after = 0;
      for (;;) {
        const page = await read.wksbm.findMany({
          where: { id: { gt: after } },
          orderBy: { id: 'asc' },
          take: WKSBM_PAGE,
          select: { id: true, timeZone: true, chats: { select: { channel: true, externalId: true } } },
        });
        if (page.length === 0) break;
        after = page.at(-1)!.id;
        const off = new Set(
          (
            await read.wksbmProfile.findMany({
              where: { wksbmId: { in: page.map((row) => row.id) }, autoMonthly: false },
              select: { wksbmId: true },
            })
          ).map((row) => row.wksbmId),
        );
        const messages: NewOutboxMessage[] = [];
        for (const wksbm of page) {
          if (off.has(wksbm.id)) continue;
          for (const due of dues(now, wksbm.timeZone)) {
            if (due.getTime() - LEAD_MS > now.getTime() || now.getTime() >= due.getTime() + GRACE_MS) continue;
            const period = previousMonth(due, wksbm.timeZone);
            for (const chat of wksbm.chats) {
              messages.push({
                dedupeKey: `${monthlySubject(wksbm.id)}:${period.slug}:${chat.channel}:${chat.externalId}`,
                channel: chat.channel as NewOutboxMessage['channel'],
                chatId: chat.externalId,
                subject: monthlySubject(wksbm.id),
                payload: reportPayload({ wksbmId: wksbm.id, period, variant: 'grup', madeAt: due }, true),
                dueAt: due,
                notAfter: new Date(due.getTime() + GRACE_MS),
              });
            }
          }
        }
        if (messages.length) added += await writer.run((tx) => enqueue(tx, messages));
        if (page.length < WKSBM_PAGE) break;
      }
      return added;
    },

    async wanted(wksbmId) {
      const row = await read.wksbmProfile.findUnique({ where: { wksbmId }, select: { autoMonthly: true } });
      return row?.autoMonthly ?? true;
    },
  };
}
