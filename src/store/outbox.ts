import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type ChannelName,
  type NewOutboxMessage,
  type OutboxMessage,
  outboxPayload,
  type OutboxStore,
  type Outcome,
} from '../core/index.js';
import type { Lane, Tx, Writer } from './writer.js';
import type { PrismaClient } from '../generated/prisma/client.js';

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

/** Inside a transaction: adds the messages whose dedupe key is new; returns how many were added. */
export async function enqueue(tx: Tx, messages: readonly NewOutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const existing = await tx.outbox.findMany({
    where: { dedupeKey: { in: messages.map((message) => message.dedupeKey) } },
    select: { dedupeKey: true },
  });
  const known = new Set(existing.map((row) => row.dedupeKey));
  const fresh = messages.filter((message) => !known.has(message.dedupeKey));
  if (fresh.length === 0) return 0;
  await tx.outbox.createMany({
    data: fresh.map((message) => ({ ...message, payload: JSON.stringify(message.payload), nextAttemptAt: message.dueAt })),
  });
  return fresh.length;
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

interface Settlement {
  readonly message: Pick<OutboxMessage, 'id' | 'claimToken'>;
  readonly outcome: Outcome;
}

function settlementData(outcome: Outcome) {
  const release = { claimToken: null, claimedUntil: null };
  switch (outcome.kind) {
    case 'sent':
      return { ...release, status: 'sent', sentAt: outcome.at, attempts: { increment: 1 } };
    case 'dropped':
      return { ...release, status: 'dropped', lastError: outcome.why };
    case 'retry':
      return { ...release, nextAttemptAt: outcome.at, lastError: outcome.error, attempts: { increment: outcome.attempt ? 1 : 0 } };
    case 'failed':
      return { ...release, status: 'failed', lastError: outcome.error, attempts: { increment: 1 } };
  }
}

/** Outcomes reported while a transaction is open are written together in the next one. */
const settleLane: Lane<Settlement, boolean> = {
  name: 'outbox-settle',
  maxBatch: 128,
  async apply(tx, settlements) {
    const results: boolean[] = [];
    for (const { message, outcome } of settlements) {
      const { count } = await tx.outbox.updateMany({
        where: { id: message.id, claimToken: message.claimToken },
        data: settlementData(outcome),
      });
      results.push(count === 1);
    }
    return results;
  },
};

const pendingWhere = (channels: readonly ChannelName[], chatId: string | undefined) => ({
  status: 'pending',
  channel: { in: [...channels] },
  ...(chatId === undefined ? {} : { chatId }),
});

export function createOutboxStore(read: PrismaClient, writer: Writer): OutboxStore {
  return {
    async claim({ channels, chatId, now, limit, leaseMs }) {
      if (channels.length === 0 || limit <= 0) return [];
      const free = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
      const due = { ...pendingWhere(channels, chatId), nextAttemptAt: { lte: now }, ...free };
      // Looking first on the read connection keeps an idle poll from taking the write lock.
      if (!(await read.outbox.findFirst({ where: due, select: { id: true } }))) return [];
      return writer.run(async (tx) => {
        const candidates = await tx.outbox.findMany({
          where: due,
          orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
          take: limit,
          select: { id: true },
        });
        if (candidates.length === 0) return [];
        const claimToken = randomUUID();
        // The condition is repeated in the UPDATE: it is the claim, the SELECT only picks candidates.
        await tx.outbox.updateMany({
          where: { id: { in: candidates.map((row) => row.id) }, status: 'pending', ...free },
          data: { claimToken, claimedUntil: new Date(now.getTime() + leaseMs) },
        });
        const rows = await tx.outbox.findMany({ where: { claimToken }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] });
        return rows.map((row) => ({
          id: row.id,
          dedupeKey: row.dedupeKey,
          channel: z.enum(CHANNELS).parse(row.channel),
          chatId: row.chatId,
          payload: outboxPayload.parse(JSON.parse(row.payload)),
          dueAt: row.dueAt,
          notAfter: row.notAfter,
          attempts: row.attempts,
          claimToken,
        }));
      });
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

    async nextDue(channels, now, chatId) {
      if (channels.length === 0) return null;
      const row = await read.outbox.findFirst({
        where: { ...pendingWhere(channels, chatId), OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt ?? null;
    },
  };
}
