import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { engineOf } from '../src/db-url.js';
import { migrate } from '../src/store/index.js';
import { POSTGRES_MIGRATIONS_TABLE } from '../src/store/migrate-postgresql.js';

/** Fresh copies of one migrated database, in a folder removed by `cleanup`. */
export async function createDatabases(): Promise<{ fresh(): string; cleanup(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wksbm-bench-'));
  const template = path.join(dir, 'template.db');
  await migrate(`file:${template}`);
  return {
    fresh() {
      const file = path.join(dir, `${randomUUID()}.db`);
      copyFileSync(template, file);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The PostgreSQL database a benchmark was given (`--db postgresql://…`), migrated, emptied before each
 * run. Every table is truncated: give the benchmark a database of its own, never a WKSBM's.
 */
export async function postgresDatabase(url: string): Promise<{ fresh(): Promise<string> }> {
  if (engineOf(url) !== 'postgresql') throw new Error('--db must be a postgresql:// URL');
  await migrate(url);
  return {
    async fresh() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1`,
        [POSTGRES_MIGRATIONS_TABLE],
      );
      await client.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
      await client.end();
      return url;
    },
  };
}

/** `--db <url>` from the command line, if given. */
export function databaseArgument(): string | undefined {
  const index = process.argv.indexOf('--db');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The value at quantile q of sorted numbers. */
export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
