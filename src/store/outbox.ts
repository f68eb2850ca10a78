import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type ChannelName,
  type NewOutboxMessage,
  type OutboxMessage,
  outboxPayload,
  type OutboxPayload,
  type OutboxStore,
  type Outcome,
} from '../core/index.js';
import { insertRows, rawDate } from './sql.js';
import type { SqlReader } from './sql-reader.js';
import { sqlOf } from './dialect.js';
import type { Lane, Tx, Writer } from './writer.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

/**
 * The durable outbox: messages due at a time, sent by the scheduler. A row is claimed with a
 * conditional UPDATE (only rows nobody holds, or whose lease ran out), so two scheduler instances on
 * one database never both hold it; the writer takes SQLite's write lock before the claim reads.
 *
 * Delivery is at-least-once at the platform boundary and exactly-once everywhere else: a row is marked
 * sent right after the channel accepted it, in its own small transaction. Only a crash between the
 * platform accepting and that mark (milliseconds) can make another instance send it again once the
 * lease runs out; no channel offers an idempotency key that would close that gap.
 */
const CHANNELS = ['console', 'telegram', 'whatsapp'] as const satisfies readonly ChannelName[];
/** Made once: building a zod schema costs more than the parse, and every claimed row is parsed. */
const channelName = z.enum(CHANNELS);

/** Inside a transaction: adds the messages whose dedupe key is new (one statement); returns how many were added. */
export async function enqueue(tx: Tx, messages: readonly NewOutboxMessage[]): Promise<number> {
  const now = new Date();
  return insertRows(
    tx,
    'Outbox',
    messages.map((message) => ({
      dedupeKey: message.dedupeKey,
      channel: message.channel,
      chatId: message.chatId,
      subject: message.subject,
      payload: JSON.stringify(message.payload),
      dueAt: message.dueAt,
      notAfter: message.notAfter === null ? null : message.notAfter,
      nextAttemptAt: message.dueAt,
      status: 'pending',
      attempts: 0,
      createdAt: now,
    })),
    { ignoreDuplicates: true },
  );
}

/**
 * Inside a transaction: removes the messages about these subjects that are neither sent nor held by
 * a scheduler right now. A held one is checked again when it is rendered (it carries the start it was
 * planned for), so it is dropped rather than sent stale.
 */
export async function withdraw(tx: Tx, subjects: readonly string[], now: Date): Promise<void> {
  if (subjects.length === 0) return;
  await tx.outbox.deleteMany({
    where: {
      subject: { in: [...subjects] },
      status: 'pending',
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    },
  });
}

/**
 * The due messages a claim may take, oldest first: a chat's messages go out in the order they were
 * written, so a message is a candidate only when every earlier due message of its chat is one too (none
 * is held by another claim or waiting for a retry or the rate limit), and at most `perChat` per chat.
 * Portable SQL (window functions), as SQLite and PostgreSQL both run it.
 */
async function inOrderCandidates(
  tx: Tx,
  request: { channels: readonly ChannelName[]; chatId?: string; now: Date; limit: number; perChat: number },
): Promise<number[]> {
  const { now } = request;
  const chat = request.chatId === undefined ? Prisma.empty : Prisma.sql`AND "chatId" = ${request.chatId}`;
  const rows = await sqlOf(tx).all<{ id: number | bigint }>(Prisma.sql`
    SELECT "id" FROM (
      SELECT "id",
        ROW_NUMBER() OVER (PARTITION BY "channel", "chatId" ORDER BY "id") AS "place",
        SUM(CASE WHEN "nextAttemptAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now}) THEN 0 ELSE 1 END)
          OVER (PARTITION BY "channel", "chatId" ORDER BY "id" ROWS UNBOUNDED PRECEDING) AS "waiting"
      FROM "Outbox"
      WHERE "status" = 'pending' AND "dueAt" <= ${now} AND "channel" IN (${Prisma.join([...request.channels])}) ${chat}
    ) AS "queue"
    WHERE "place" <= ${request.perChat} AND "waiting" = 0
    ORDER BY "id"
    LIMIT ${request.limit}`);
  return rows.map((row) => Number(row.id));
}

/** A row as RETURNING gives it: integers may be bigint, DateTime columns text on SQLite. */
interface ClaimedRow {
  readonly id: number | bigint;
  readonly dedupeKey: string;
  readonly channel: string;
  readonly chatId: string;
  readonly payload: string;
  readonly dueAt: Date | string;
  readonly notAfter: Date | string | null;
  readonly attempts: number | bigint;
}

interface Settlement {
  readonly message: Pick<OutboxMessage, 'id' | 'claimToken'>;
  readonly outcome: Outcome;
}

/** What an outcome sets on its message, which it also releases. */
function settlementSet(outcome: Outcome): Prisma.Sql {
  const release = Prisma.sql`"claimToken" = NULL, "claimedUntil" = NULL`;
  switch (outcome.kind) {
    case 'sent':
      return Prisma.sql`${release}, "status" = 'sent', "sentAt" = ${outcome.at}, "attempts" = "attempts" + 1`;
    case 'dropped':
      return Prisma.sql`${release}, "status" = 'dropped', "lastError" = ${outcome.why}`;
    case 'retry':
      return Prisma.sql`${release}, "nextAttemptAt" = ${outcome.at}, "lastError" = ${outcome.error}, "attempts" = "attempts" + ${outcome.attempt ? 1 : 0}`;
    case 'failed':
      return Prisma.sql`${release}, "status" = 'failed', "lastError" = ${outcome.error}, "attempts" = "attempts" + 1`;
  }
}

/**
 * Outcomes reported while a transaction is open are written together in the next one: the sends of one
 * claim settle in one statement (sent at the batch's latest time), the rest one by one.
 */
const settleLane: Lane<Settlement, boolean> = {
  name: 'outbox-settle',
  maxBatch: 256,
  // A send the platform accepted is not recorded until this commits: the shorter that gap, the less a
  // crash or an expired claim can make another instance send it again.
  urgent: true,
  rawSql: true,
  async apply(tx, settlements) {
    const results = new Map<Settlement, boolean>();
    const sent = new Map<string, Settlement[]>();
    for (const settlement of settlements) {
      if (settlement.outcome.kind !== 'sent') continue;
      const token = settlement.message.claimToken;
      sent.set(token, [...(sent.get(token) ?? []), settlement]);
    }
    for (const [claimToken, group] of sent) {
      const at = new Date(Math.max(...group.map((settlement) => (settlement.outcome as { at: Date }).at.getTime())));
      // Raw SQL: this runs for every claim the sender made, and Prisma's updateMany costs a millisecond of CPU.
      const count = await sqlOf(tx).run(Prisma.sql`UPDATE "Outbox" SET ${settlementSet({ kind: 'sent', at })}
        WHERE "id" IN (${Prisma.join(group.map((settlement) => settlement.message.id))}) AND "claimToken" = ${claimToken}`);
      // All held: one statement did it. Some claim ran out: say which, one by one (rare).
      if (count === group.length) for (const settlement of group) results.set(settlement, true);
    }
    for (const settlement of settlements) {
      if (results.has(settlement)) continue;
      const count = await sqlOf(tx).run(Prisma.sql`UPDATE "Outbox" SET ${settlementSet(settlement.outcome)}
        WHERE "id" = ${settlement.message.id} AND "claimToken" = ${settlement.message.claimToken}`);
      results.set(settlement, count === 1);
    }
    return settlements.map((settlement) => results.get(settlement)!);
  },
};

/**
 * `sql` reads what the sender asks on every round (is anything due, when is the next): as prepared
 * statements these cost microseconds, through Prisma most of a millisecond of CPU each.
 */
export function createOutboxStore(read: PrismaClient, writer: Writer, sql: SqlReader): OutboxStore {
  const listeners = new Set<() => void>();
  /** Pending messages of these channels (and chat) that nobody holds at `now`. */
  const waiting = (channels: readonly ChannelName[], chatId: string | undefined, now: Date) => Prisma.sql`"status" = 'pending'
    AND "channel" IN (${Prisma.join([...channels])}) ${chatId === undefined ? Prisma.empty : Prisma.sql`AND "chatId" = ${chatId}`}
    AND ("claimedUntil" IS NULL OR "claimedUntil" < ${sql.time(now)})`;
  return {
    async add(messages) {
      if (messages.length === 0) return;
      await writer.run((tx) => enqueue(tx, messages), { rawSql: true });
      for (const listener of listeners) listener();
    },

    onWritten(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    written() {
      for (const listener of listeners) listener();
    },

    async claim({ channels, chatId, now, limit, leaseMs, perChat = 4 }) {
      if (channels.length === 0 || limit <= 0) return [];
      // Looking first on the read connection keeps an idle poll from taking the write lock.
      const due = await sql.all(Prisma.sql`SELECT "id" FROM "Outbox"
        WHERE ${waiting(channels, chatId, now)} AND "nextAttemptAt" <= ${sql.time(now)} LIMIT 1`);
      if (due.length === 0) return [];
      return writer.run(
        async (tx) => {
          const candidates = await inOrderCandidates(tx, { channels, chatId, now, limit, perChat });
          if (candidates.length === 0) return [];
          const claimToken = randomUUID();
          // The condition is repeated in the UPDATE: it is the claim, the SELECT only picks candidates.
          // One raw statement claims and reads back (RETURNING, on both engines): Prisma's updateMany and
          // findMany cost about a millisecond of CPU each, paid by every claim the sender makes.
          const rows = await sqlOf(tx).all<ClaimedRow>(Prisma.sql`UPDATE "Outbox" SET "claimToken" = ${claimToken}, "claimedUntil" = ${new Date(now.getTime() + leaseMs)}
            WHERE "id" IN (${Prisma.join(candidates)}) AND "status" = 'pending' AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
            RETURNING "id", "dedupeKey", "channel", "chatId", "payload", "dueAt", "notAfter", "attempts"`);
          return rows
            .map((row) => ({
              id: Number(row.id),
              dedupeKey: row.dedupeKey,
              channel: channelName.parse(row.channel),
              chatId: row.chatId,
              payload: outboxPayload.parse(JSON.parse(row.payload)) as OutboxPayload,
              dueAt: rawDate(row.dueAt),
              notAfter: row.notAfter === null ? null : rawDate(row.notAfter),
              attempts: Number(row.attempts),
              claimToken,
            }))
            .sort((a, b) => a.id - b.id);
        },
        { rawSql: true },
      );
    },

    extend(claimToken, ids, until) {
      return writer.run(
        async (tx) => {
          // By primary key: claimToken has no index (see claim).
          const held = await tx.outbox.findMany({ where: { id: { in: [...ids] }, claimToken, status: 'pending' }, select: { id: true } });
          const heldIds = held.map((row) => row.id);
          await tx.outbox.updateMany({ where: { id: { in: heldIds } }, data: { claimedUntil: until } });
          return heldIds;
        },
        { urgent: true },
      );
    },

    settle(message, outcome) {
      return writer.submit(settleLane, { message, outcome });
    },

    async prune(before) {
      const { count } = await writer.run((tx) =>
        tx.outbox.deleteMany({ where: { status: { in: ['sent', 'dropped', 'failed'] }, dueAt: { lt: before } } }),
      );
      return count;
    },

    async recentSends(channels, since) {
      if (channels.length === 0) return [];
      const rows = await read.outbox.findMany({
        where: { status: 'sent', channel: { in: [...channels] }, sentAt: { gte: since } },
        select: { channel: true, chatId: true, sentAt: true },
        orderBy: { sentAt: 'asc' },
      });
      return rows.map((row) => ({ channel: channelName.parse(row.channel), chatId: row.chatId, sentAt: row.sentAt! }));
    },

    async nextDue(channels, now, chatId) {
      if (channels.length === 0) return null;
      const [row] = await sql.all<{ nextAttemptAt: Date | string }>(Prisma.sql`SELECT "nextAttemptAt" FROM "Outbox"
        WHERE ${waiting(channels, chatId, now)} ORDER BY "nextAttemptAt" LIMIT 1`);
      return row ? rawDate(row.nextAttemptAt) : null;
    },
  };
}
