import { DateTime } from 'luxon';
import {
  dukaText,
  type LevyBook,
  type LevyEffect,
  type LevyReminderPlanner,
  levyStanding,
  owesFor,
  privateChatsOf,
  type NewOutboxMessage,
} from '../core/index.js';
import { dukaLevyReminderPayload } from '../outbox/kinds/duka-levy-reminder.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { enqueue, withdraw } from './outbox.js';
import { fundWithAliases, toFundInfo } from './rows.js';
import type { Tx } from './writer.js';

type Db = PrismaClient | Tx;

/** Reminders of a death's levy go out the next morning at this local hour (as iuran reminders do). */
const REMINDER_HOUR = 9;

/** The outbox subject of a household's levy reminders: a levy payment withdraws them. */
export const levySubject = (wksbmId: number, householdId: number) => `duka-levy:${wksbmId}:${householdId}`;

/**
 * The levy book of a WKSBM in five queries, whatever its history. The whole roster is read only once a
 * death has carried a levy: before that nothing is owed, and no caller of the whole book shows one
 * (levySection), while /tunggakan in a WKSBM of 500 KK would read its 500 households for nothing.
 */
export async function levyBookOf(db: Db, wksbmId: number, householdIds?: readonly number[]): Promise<LevyBook> {
  const households = householdIds ? { wksbmId, id: { in: [...householdIds] } } : { wksbmId };
  // One after the other: payLevy reads it inside a transaction, where every query shares one connection.
  const setting = await db.dukaLevySetting.findUnique({ where: { wksbmId } });
  const events = await db.dukaEvent.findMany({
    where: { wksbmId, levy: { gt: 0n } },
    orderBy: { number: 'asc' },
    select: { number: true, name: true, diedOn: true, levy: true },
  });
  const roster = householdIds !== undefined || events.length > 0;
  const rows = roster
    ? await db.household.findMany({ where: households, select: { id: true, name: true, address: true, since: true, leftOn: true }, orderBy: { id: 'asc' } })
    : [];
  const paid = roster
    ? await db.dukaLevyPayment.groupBy({
        by: ['householdId'],
        where: householdIds ? { wksbmId, householdId: { in: [...householdIds] } } : { wksbmId },
        _sum: { amount: true },
      })
    : [];
  const fund = setting ? await db.fund.findUniqueOrThrow({ where: { id: setting.fundId }, include: fundWithAliases }) : null;
  return {
    setting: setting && fund ? { amount: setting.amount, fund: toFundInfo(fund) } : null,
    events,
    households: rows,
    paid: paid.map((row) => ({ householdId: row.householdId, paid: row._sum.amount ?? 0n })),
  };
}

/**
 * Inside a payment's transaction, for a household paying into the levy's fund: the levy takes what the
 * household owes on it (all of it when `all`, when the fund has no iuran to take the rest), as a payment
 * row pointing at the entry; the household's levy reminders are withdrawn. Returns what it took (0: the
 * fund is not the levy's, or nothing is owed) and the standing after.
 */
export async function payLevy(
  tx: Tx,
  input: { wksbmId: number; fundId: number; householdId: number; entryId: number; amount: bigint; all: boolean; at: Date },
): Promise<LevyEffect | null> {
  const setting = await tx.dukaLevySetting.findUnique({ where: { wksbmId: input.wksbmId } });
  if (!setting || setting.fundId !== input.fundId) return null;
  const book = await levyBookOf(tx, input.wksbmId, [input.householdId]);
  const household = book.households[0]!;
  const paid = book.paid[0]?.paid ?? 0n;
  const before = levyStanding(book.events, household, paid);
  if (!input.all && before.arrears === 0n) return null;
  const amount = input.all || input.amount < before.arrears ? input.amount : before.arrears;
  await tx.dukaLevyPayment.create({ data: { wksbmId: input.wksbmId, householdId: input.householdId, entryId: input.entryId, amount } });
  await withdraw(tx, [levySubject(input.wksbmId, input.householdId)], input.at);
  return {
    household: { id: household.id, name: household.name },
    fund: book.setting!.fund,
    amount,
    standing: levyStanding(book.events, household, paid + amount),
  };
}

/** Inside a koreksi's transaction: the reversed entry's levy payments get reversing rows. Returns the households. */
export async function reverseLevyPayments(tx: Tx, input: { entryId: number; reversalEntryId: number }): Promise<number> {
  const payments = await tx.dukaLevyPayment.findMany({ where: { entryId: input.entryId, reversesId: null } });
  for (const payment of payments) {
    await tx.dukaLevyPayment.create({
      data: { wksbmId: payment.wksbmId, householdId: payment.householdId, entryId: input.reversalEntryId, amount: -payment.amount, reversesId: payment.id },
    });
  }
  return new Set(payments.map((payment) => payment.householdId)).size;
}

/**
 * Inside a /duka's transaction, when the death carries a levy: one private reminder per household on the
 * roster that day and private chat of its members, due the next morning and rendered when sent (a
 * household that paid meanwhile is skipped). The dedupe key names the death: planned once.
 */
export async function planLevyReminders(tx: Tx, input: { wksbmId: number; number: number; diedOn: string; levy: bigint; zone: string; at: Date }) {
  const households = (await tx.household.findMany({ where: { wksbmId: input.wksbmId, leftOn: null }, select: { id: true, since: true, leftOn: true } })).filter(
    (household) => owesFor(household, input),
  );
  if (households.length === 0) return;
  const members = await tx.householdMember.findMany({ where: { householdId: { in: households.map((h) => h.id) } }, select: { householdId: true, personId: true } });
  const identities = await tx.identity.findMany({ where: { personId: { in: members.map((m) => m.personId) } }, orderBy: { id: 'asc' } });
  const dueAt = DateTime.fromJSDate(input.at, { zone: input.zone }).plus({ days: 1 }).set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });
  const messages: NewOutboxMessage[] = [];
  // One private chat per person and channel: a member known by two identities (merged) is reminded once.
  const chats = privateChatsOf(identities);
  for (const member of members) {
    for (const { channel, chatId } of chats.filter((chat) => chat.personId === member.personId)) {
      messages.push({
        dedupeKey: `duka-levy:${input.wksbmId}:${input.number}:${member.householdId}:${channel}:${chatId}`,
        channel,
        chatId,
        subject: levySubject(input.wksbmId, member.householdId),
        payload: dukaLevyReminderPayload({ wksbmId: input.wksbmId, householdId: member.householdId }),
        dueAt: dueAt.toJSDate(),
        notAfter: dueAt.plus({ days: 1 }).startOf('day').toJSDate(),
      });
    }
  }
  for (let i = 0; i < messages.length; i += 500) await enqueue(tx, messages.slice(i, i + 500));
}

export function createLevyReminderPlanner(read: PrismaClient): LevyReminderPlanner {
  return {
    async renderLevyReminder({ wksbmId, householdId }) {
      const book = await levyBookOf(read, wksbmId, [householdId]);
      const household = book.households[0];
      if (!household || !book.setting) return { ok: false, why: 'household or levy gone' };
      const standing = levyStanding(book.events, household, book.paid[0]?.paid ?? 0n);
      if (standing.arrears === 0n) return { ok: false, why: 'paid' };
      const wksbm = await read.wksbm.findUniqueOrThrow({ where: { id: wksbmId }, select: { name: true } });
      return { ok: true, text: dukaText.levyReminder(wksbm.name, household, book.setting.fund.name, standing) };
    },
  };
}
