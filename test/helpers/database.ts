import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Engine } from '../../src/db-url.js';
import type { Db } from '../../src/db.js';
import { sqliteFilePath } from '../../src/db-url.js';

/**
 * Where the suite's databases come from. `npm test` runs on SQLite files; with TEST_POSTGRES_URL (a role
 * that may create databases, e.g. postgresql://wksbm:wksbm@127.0.0.1:5432/postgres) the same files run on
 * PostgreSQL, each test database a copy of one migrated template, as each SQLite file is a copy of the
 * migrated template file.
 */
export interface TestDatabases {
  readonly engine: Engine;
  /** The migrated template: a file path (SQLite) or a database name (PostgreSQL). */
  readonly template: string;
  /** PostgreSQL only: the URL that creates and drops the test databases. */
  readonly adminUrl: string | null;
  /** The folder of this run's files (SQLite databases, logs). */
  readonly tmpDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabases: TestDatabases;
  }
}

export const testDatabases = (): TestDatabases => inject('testDatabases');
export const testEngine = (): Engine => testDatabases().engine;

/** A database URL on the given PostgreSQL server with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

let admin: pg.Pool | undefined;
const adminClient = (url: string): pg.Pool => (admin ??= new pg.Pool({ connectionString: url, max: 2 }));

/** A new database of its own, migrated unless told otherwise; drop it with `dropTestDatabase`. */
export async function createTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<string> {
  const { engine, template, adminUrl, tmpDir } = testDatabases();
  const id = randomUUID().replaceAll('-', '').slice(0, 16);
  if (engine === 'sqlite') {
    const file = path.join(tmpDir, `${id}.db`);
    if (migrated) copyFileSync(template, file);
    return `file:${file}`;
  }
  const name = `${template}_${id}`;
  await adminClient(adminUrl!).query(`CREATE DATABASE "${name}"${migrated ? ` TEMPLATE "${template}"` : ''}`);
  return withDatabase(adminUrl!, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const { engine, adminUrl } = testDatabases();
  if (engine === 'sqlite') {
    const file = sqliteFilePath(url);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return;
  }
  const name = new URL(url).pathname.slice(1);
  // FORCE ends this test's leftover connections, but not an autovacuum worker (a superuser's process)
  // that happens to be in the database: that one finishes within moments, so the drop is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await adminClient(adminUrl!).query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Makes the database refuse every new ledger entry with an error that quotes the entry's note, as a
 * failing database would (for tests that check such errors never reach the log with people's data).
 */
export async function refuseLedgerEntries(db: Db): Promise<void> {
  if (db.engine === 'sqlite') {
    await db.write.$executeRawUnsafe(
      "CREATE TRIGGER refuse_entry BEFORE INSERT ON LedgerEntry BEGIN SELECT RAISE(ABORT, 'refused: ' || NEW.note); END",
    );
    return;
  }
  await db.write.$executeRawUnsafe(
    `CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused: %', NEW."note"; END $$`,
  );
  await db.write.$executeRawUnsafe('CREATE TRIGGER refuse_entry BEFORE INSERT ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION refuse_entry()');
}
