import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from './writer.js';

/** How the SQLite adapter writes a DateTime, so rows inserted here read back like Prisma's own. */
export const storedTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

export type SqlValue = string | number | bigint | null;

/**
 * One INSERT for many rows. Prisma's createMany costs about 0.3 ms a row on this engine, which made it
 * the largest part of a batch; every row must list the same columns in the same order. With
 * `ignoreDuplicates`, a row whose unique key exists already is skipped (ON CONFLICT DO NOTHING, which
 * SQLite and PostgreSQL both read).
 */
export async function insertRows(
  tx: Tx,
  table: 'LedgerEntry' | 'Submission' | 'InboundMessage' | 'Outbox' | 'InboxUpdate',
  rows: readonly Record<string, SqlValue>[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `);
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column] ?? null))})`));
  const tail = options.ignoreDuplicates ? Prisma.sql` ON CONFLICT DO NOTHING` : Prisma.empty;
  return tx.$executeRaw`${head}${values}${tail}`;
}
