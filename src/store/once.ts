import { z } from 'zod';
import type { CaseStore, Once, Render, Reply } from '../core/index.js';
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
