import { Prisma } from '../generated/prisma/client.js';
import { dialectOf, sqlOf, type SqlValue } from './dialect.js';
import type { Tx } from './writer.js';

export type { SqlValue } from './dialect.js';

/**
 * One INSERT for many rows. Prisma's createMany costs about 0.3 ms a row on this engine, which made it
 * the largest part of a batch; every row must list the same columns in the same order. A Date is written
 * as the engine's Prisma would write it (the transaction's dialect says how). With `ignoreDuplicates`, a
 * row whose unique key exists already is skipped (ON CONFLICT DO NOTHING, which SQLite and PostgreSQL
 * both read).
 */
export async function insertRows(
  tx: Tx,
  table: 'LedgerEntry' | 'Submission' | 'InboundMessage' | 'Outbox' | 'InboxUpdate',
  rows: readonly Record<string, SqlValue>[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const { time } = dialectOf(tx);
  const columns = Object.keys(first);
  const value = (row: Record<string, SqlValue>, column: string) => {
    const cell = row[column] ?? null;
    return cell instanceof Date ? time(cell) : cell;
  };
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `);
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => value(row, column)))})`));
  const tail = options.ignoreDuplicates ? Prisma.sql` ON CONFLICT DO NOTHING` : Prisma.empty;
  return sqlOf(tx).run(Prisma.sql`${head}${values}${tail}`);
}

/**
 * A DateTime column read by raw SQL: a Date where the engine types it, the text Prisma wrote otherwise
 * (SQLite names no type for a RETURNING column).
 */
export const rawDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
