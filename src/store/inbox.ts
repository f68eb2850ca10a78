import { randomUUID } from 'node:crypto';
import type { ChannelName, NewOutboxMessage, OutboxPayload } from '../core/index.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { enqueue } from './outbox.js';
import { insertRows, rawDate, type SqlValue } from './sql.js';
import type { SqlReader } from './sql-reader.js';
import { sqlOf } from './dialect.js';
import type { Lane, Tx, Writer } from './writer.js';

/**
 * The durable inbox (see the InboxUpdate model): a platform update is a row before the platform is
 * told it arrived, and is handled from that row. Handling ends in one transaction that writes what the
 * bot answers into the outbox and marks the row done, so a crash at any moment either leaves the row
 * to be handled again (the core applies each message at most once, and the outbox keys its answers by
 * the row) or has both.
 */
export interface NewInboxUpdate {
  /** Unique per update: telegram:<update_id>, whatsapp:<chat>:<message id>. */
  readonly key: string;
  readonly channel: ChannelName;
  /** Updates of one chat are handled in order. */
  readonly chatKey: string;
  /** The update as JSON. */
  readonly payload: string;
}

export interface InboxRow {
  readonly id: number;
  readonly key: string;
  readonly chatKey: string;
  readonly payload: string;
  readonly attempts: number;
  readonly claimToken: string;
  /**
   * It may have been handled before: an earlier try failed, or an earlier claim ran out (its process
   * died while handling it, possibly after the change was committed).
   */
  readonly redelivered: boolean;
}

/** Something to send because of an update: its kind's payload and where it goes. */
export interface OutboxDraft {
  readonly channel: ChannelName;
  readonly chatId: string;
  readonly payload: OutboxPayload;
}

export interface InboxStore {
  /** Stores updates not seen before, in one transaction; resolves once they are durable. */
  receive(updates: readonly NewInboxUpdate[], now: Date): Promise<void>;
  /** Claims due rows of a channel, a chat's in order (none while an earlier one waits or is held). */
  claim(request: { channel: ChannelName; now: Date; limit: number; perChat: number; leaseMs: number }): Promise<readonly InboxRow[]>;
  /**
   * The outbox's newest message, read when handling an update starts: what the outbox gets after it is
   * newer, so it came from the update's change (or at the same time), and what it has is older.
   */
  mark(): Promise<number>;
  /**
   * Handled: its messages go into the outbox, keyed by the row, in the transaction that marks it done.
   * `since` is the `mark` from when its handling started.
   */
  finish(
    row: InboxRow,
    messages: readonly OutboxDraft[],
    outcome: { status: 'done' } | { status: 'failed'; error: string },
    now: Date,
    since: number,
  ): Promise<void>;
  /** Handling failed: tried again at `at`. */
  retry(row: InboxRow, at: Date, error: string): Promise<void>;
  /** Not handled (the process stops): free for the next claim at once. */
  release(row: InboxRow): Promise<void>;
  /** When the next row of the channel that nobody holds is due, or null. */
  nextDue(channel: ChannelName, now: Date): Promise<Date | null>;
  /** The stored update of a key while the row is kept (a WhatsApp answer quotes the message it answers). */
  payloadOf(key: string): Promise<string | null>;
  /** Deletes rows handled (or given up) before `before`. */
  prune(before: Date): Promise<number>;
}

interface Receive {
  readonly updates: readonly NewInboxUpdate[];
  readonly now: Date;
}

/** Updates that arrive together (a poll's batch, webhook requests side by side) are stored in one statement. */
const receiveLane: Lane<Receive, void> = {
  name: 'inbox-receive',
  maxBatch: 64,
  rawSql: true,
  async apply(tx, receives) {
    const rows = receives.flatMap(({ updates, now }) =>
      updates.map((update) => ({
        key: update.key,
        channel: update.channel,
        chatKey: update.chatKey,
        payload: update.payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
    // A redelivered update (a webhook retry, a poll after a crash) is the row that exists already.
    await insertRows(tx, 'InboxUpdate', rows, { ignoreDuplicates: true });
    return receives.map(() => undefined);
  },
};

interface Finish {
  readonly row: InboxRow;
  readonly messages: readonly OutboxDraft[];
  readonly outcome: { status: 'done' } | { status: 'failed'; error: string };
  readonly now: Date;
  readonly since: number;
}

const finishLane: Lane<Finish, void> = {
  name: 'inbox-finish',
  maxBatch: 256,
  rawSql: true,
  async apply(tx, finishes) {
    const now = finishes[0]!.now;
    const outbox: NewOutboxMessage[] = finishes.flatMap(({ row, messages }) =>
      messages.map((message, index) => ({
        // Keyed by the row: handling it again after a crash adds nothing.
        dedupeKey: `${row.key}#${index}`,
        channel: message.channel,
        chatId: message.chatId,
        subject: `inbox:${row.key}`,
        payload: message.payload,
        dueAt: now,
        notAfter: null,
      })),
    );
    await enqueue(tx, outbox);
    await behindTheAnswers(tx, finishes);
    const done = finishes.filter((finish) => finish.outcome.status === 'done').map((finish) => finish.row.id);
    // Done or given up, the row is released and its handling over.
    const ended = Prisma.sql`"claimToken" = NULL, "claimedUntil" = NULL, "doneAt" = ${now}`;
    if (done.length) {
      await sqlOf(tx).run(Prisma.sql`UPDATE "InboxUpdate" SET "status" = 'done', ${ended} WHERE "id" IN (${Prisma.join(done)})`);
    }
    for (const { row, outcome } of finishes) {
      if (outcome.status === 'failed') {
        await sqlOf(tx).run(Prisma.sql`UPDATE "InboxUpdate" SET "status" = 'failed', ${ended},
          "lastError" = ${outcome.error}, "attempts" = "attempts" + 1 WHERE "id" = ${row.id}`);
      }
    }
    return finishes.map(() => undefined);
  },
};

/**
 * The bot says things in a chat in the order it decided them: an answer first, then what its change
 * put in the outbox for the same chat (the LPJ's files after the /laporan summary). The change
 * committed before the answer, so its messages, not yet sent nor held, are written again behind it.
 */
async function behindTheAnswers(tx: Tx, finishes: readonly Finish[]): Promise<void> {
  const answered = finishes.filter((finish) => finish.messages.length > 0);
  if (answered.length === 0) return;
  const subjects = new Set(answered.map(({ row }) => `inbox:${row.key}`));
  // Each answer's own chats, from the outbox's newest message when its handling started: an earlier
  // answer in the chat stays ahead. Ids, not times: an answer committed in the millisecond the next
  // update's handling starts is older by id, and ids are in commit order (writers take turns, on both
  // engines). Several answers in one chat look from the earliest mark among them (the union of theirs).
  const since = new Map<string, number>();
  const chatOf = (message: { channel: string; chatId: string }) => `${message.channel}\u0001${message.chatId}`;
  for (const finish of answered) {
    for (const message of finish.messages) {
      const seen = since.get(chatOf(message));
      if (seen === undefined || finish.since < seen) since.set(chatOf(message), finish.since);
    }
  }
  // Raw SQL: every finished batch asks this, and Prisma's findMany with a condition per chat costs milliseconds.
  // One range of ids, from the earliest mark, read in id order: what was written since then, a few batches'
  // answers even under load. A condition per chat made SQLite read every pending message of the channel (a
  // backlog's thousands), and one seek per chat cost more still. `|| ''` keeps SQLite off the status index,
  // whose pending entries are that backlog too.
  const earliest = Math.min(...since.values());
  const recent = await sqlOf(tx).all<{ id: number | bigint; subject: string; channel: string; chatId: string }>(Prisma.sql`
    SELECT "id", "subject", "channel", "chatId" FROM "Outbox"
    WHERE "id" > ${earliest} AND "claimToken" IS NULL AND "status" || '' = 'pending'`);
  const written = recent.filter((message) => Number(message.id) > (since.get(chatOf(message)) ?? Infinity));
  const moved = written.filter((message) => !subjects.has(message.subject)).map((message) => Number(message.id));
  if (moved.length === 0) return;
  const rows = await sqlOf(tx).all<Record<string, SqlValue>>(Prisma.sql`SELECT * FROM "Outbox" WHERE "id" IN (${Prisma.join(moved)}) ORDER BY "id"`);
  await sqlOf(tx).run(Prisma.sql`DELETE FROM "Outbox" WHERE "id" IN (${Prisma.join(moved)})`);
  await insertRows(tx, 'Outbox', rows.map(({ id: _id, ...message }) => message));
}

/** Portable SQL, like the outbox's: a row is a candidate only when every earlier row of its chat is. */
async function inOrderCandidates(
  tx: Tx,
  request: { channel: string; now: Date; limit: number; perChat: number },
): Promise<{ id: number; heldBefore: boolean }[]> {
  const { now } = request;
  const rows = await sqlOf(tx).all<{ id: number | bigint; held: number | bigint | boolean }>(Prisma.sql`
    SELECT "id", "held" FROM (
      SELECT "id", CASE WHEN "claimToken" IS NULL THEN 0 ELSE 1 END AS "held",
        ROW_NUMBER() OVER (PARTITION BY "chatKey" ORDER BY "id") AS "place",
        SUM(CASE WHEN "nextAttemptAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now}) THEN 0 ELSE 1 END)
          OVER (PARTITION BY "chatKey" ORDER BY "id" ROWS UNBOUNDED PRECEDING) AS "waiting"
      FROM "InboxUpdate"
      WHERE "status" = 'pending' AND "channel" = ${request.channel}
    ) AS "queue"
    WHERE "place" <= ${request.perChat} AND "waiting" = 0
    ORDER BY "id"
    LIMIT ${request.limit}`);
  return rows.map((row) => ({ id: Number(row.id), heldBefore: Number(row.held) === 1 }));
}

/**
 * `outboxWritten` is told after a commit that added outbox messages, so the sender looks at once. `sql`
 * reads what the worker asks on every round (is anything due, when is the next) as prepared statements,
 * microseconds instead of most of a millisecond of CPU through Prisma.
 */
export function createInboxStore(read: PrismaClient, writer: Writer, sql: SqlReader, outboxWritten: () => void = () => {}): InboxStore {
  /** Pending rows of the channel that nobody holds at `now`. */
  const waiting = (channel: ChannelName, now: Date) =>
    Prisma.sql`"status" = 'pending' AND "channel" = ${channel} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${sql.time(now)})`;
  const release = (row: InboxRow, data: Prisma.InboxUpdateUpdateManyMutationInput) =>
    writer.run((tx) => tx.inboxUpdate.updateMany({ where: { id: row.id, claimToken: row.claimToken }, data: { claimToken: null, claimedUntil: null, ...data } }));
  return {
    receive: async (updates, now) => {
      if (updates.length) await writer.submit(receiveLane, { updates, now });
    },

    async claim({ channel, now, limit, perChat, leaseMs }) {
      const due = await sql.all(Prisma.sql`SELECT "id" FROM "InboxUpdate" WHERE ${waiting(channel, now)} AND "nextAttemptAt" <= ${sql.time(now)} LIMIT 1`);
      if (due.length === 0) return [];
      return writer.run(
        async (tx) => {
          const candidates = await inOrderCandidates(tx, { channel, now, limit, perChat });
          if (candidates.length === 0) return [];
          const claimToken = randomUUID();
          // A claim that ran out still names its holder: that process died (or stalled) handling the row.
          const heldBefore = new Set(candidates.filter((candidate) => candidate.heldBefore).map((candidate) => candidate.id));
          // One raw statement claims and reads back (RETURNING, on both engines), as the outbox's claim does.
          const rows = await sqlOf(tx).all<{ id: number | bigint; key: string; chatKey: string; payload: string; attempts: number | bigint }>(Prisma.sql`
            UPDATE "InboxUpdate" SET "claimToken" = ${claimToken}, "claimedUntil" = ${new Date(now.getTime() + leaseMs)}
            WHERE "id" IN (${Prisma.join(candidates.map((candidate) => candidate.id))}) AND "status" = 'pending'
              AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
            RETURNING "id", "key", "chatKey", "payload", "attempts"`);
          return rows
            .map((row) => {
              const id = Number(row.id);
              const attempts = Number(row.attempts);
              return { id, key: row.key, chatKey: row.chatKey, payload: row.payload, attempts, claimToken, redelivered: attempts > 0 || heldBefore.has(id) };
            })
            .sort((a, b) => a.id - b.id);
        },
        { rawSql: true },
      );
    },

    async mark() {
      const [row] = await sql.all<{ id: number | bigint | null }>(Prisma.sql`SELECT MAX("id") AS "id" FROM "Outbox"`);
      return Number(row?.id ?? 0);
    },

    async finish(row, messages, outcome, now, since) {
      await writer.submit(finishLane, { row, messages, outcome, now, since });
      if (messages.length) outboxWritten();
    },

    async retry(row, at, error) {
      await release(row, { nextAttemptAt: at, lastError: error, attempts: { increment: 1 } });
    },

    async release(row) {
      await release(row, {});
    },

    async nextDue(channel, now) {
      const [row] = await sql.all<{ nextAttemptAt: Date | string }>(
        Prisma.sql`SELECT "nextAttemptAt" FROM "InboxUpdate" WHERE ${waiting(channel, now)} ORDER BY "nextAttemptAt" LIMIT 1`,
      );
      return row ? rawDate(row.nextAttemptAt) : null;
    },

    async payloadOf(key) {
      const row = await read.inboxUpdate.findUnique({ where: { key }, select: { payload: true } });
      return row?.payload ?? null;
    },

    async prune(before) {
      const { count } = await writer.run((tx) => tx.inboxUpdate.deleteMany({ where: { status: { in: ['done', 'failed'] }, createdAt: { lt: before } } }));
      return count;
    },
  };
}
