import { z } from 'zod';
import { RoleChanged, type CaseStore, type Once, type Render, type Reply } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Tx, Writer } from './writer.js';

const storedReplies = z.array(
  z.object({
    text: z.string(),
    actions: z.array(z.object({ label: z.string(), command: z.string(), settles: z.boolean().optional() })).optional(),
    refused: z.boolean().optional(),
  }),
);

/** Replies saved with an inbound message; stored JSON is parsed, never trusted. */
export function parseStoredReplies(json: string): readonly Reply[] {
  return storedReplies.parse(JSON.parse(json));
}

export function inboundRow(once: Once, replies: readonly Reply[]) {
  return { key: once.key, personId: once.personId, replies: JSON.stringify(replies) };
}

/**
 * Throws RoleChanged when the role the command was decided with is no longer the person's. Runs inside
 * the writing transaction, whose write lock keeps the role from changing until it commits.
 */
export async function checkRole(tx: Tx, once: Once): Promise<void> {
  if (!once.role) return;
  const row = await tx.membership.findUnique({
    where: { wksbmId_personId: { wksbmId: once.role.wksbmId, personId: once.personId } },
    select: { role: true },
  });
  if (row?.role !== once.role.recorded) throw new RoleChanged();
}

/**
 * Applies a change for one inbound message at most once: in one transaction it looks for the
 * message's key, applies the change, renders the answer and stores it with the key.
 */
export function applyOnce<O>(
  writer: Writer,
  once: Once,
  change: (tx: Tx) => Promise<O>,
  render: Render<O>,
): Promise<readonly Reply[]> {
  return writer.run(async (tx) => {
    const done = await tx.inboundMessage.findUnique({ where: { key: once.key } });
    if (done) return parseStoredReplies(done.replies);
    await checkRole(tx, once);
    const replies = render(await change(tx));
    await tx.inboundMessage.create({ data: inboundRow(once, replies) });
    return replies;
  });
}

/** The replies an inbound message already got, or null when it changed nothing yet. */
export function createEarlierAnswer(read: PrismaClient): Pick<CaseStore, 'earlierAnswer'> {
  return {
    async earlierAnswer(once) {
      const row = await read.inboundMessage.findUnique({ where: { key: once.key } });
      return row ? parseStoredReplies(row.replies) : null;
    },
  };
}
