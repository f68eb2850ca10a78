import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client.js';
import { sqliteFilePath } from './db-url.js';
import { openSqlReader, type SqlReader } from './store/sql-reader.js';

/**
 * Two connections to one database. The adapter runs every query on its single connection, so a read
 * issued while an interactive transaction is open would run inside that transaction and could see
 * rows that are later rolled back. Writes go through `write` (owned by the store's writer), everything
 * else through `read`, which in WAL mode sees the last committed state and never waits for a writer.
 */
export interface Db {
  readonly write: PrismaClient;
  readonly read: PrismaClient;
  /** Prepared statements for the few reads every dashboard request makes (see store/sql-reader.ts). */
  readonly sql: SqlReader;
  readonly file: string;
  close(): Promise<void>;
}

/** How long a connection waits for another process's write lock (the console shares the file). */
const BUSY_TIMEOUT_MS = 10_000;

/** Makes the folder of the database file, so a fresh clone needs no set-up step. */
export function ensureDatabaseFolder(url: string): void {
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
}

/** One connection, for short jobs such as checking migrations. */
export function createClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: BUSY_TIMEOUT_MS }) });
}

export async function openDb(url: string): Promise<Db> {
  ensureDatabaseFolder(url);
  const file = sqliteFilePath(url);
  const connect = async () => {
    const client = createClient(url);
    // WAL lets readers run beside the writer; NORMAL is durable across application crashes in WAL mode.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  };
  const write = await connect();
  const read = await connect();
  const sql = openSqlReader(file);
  return {
    write,
    read,
    sql,
    file,
    async close() {
      sql.close();
      await Promise.all([write.$disconnect(), read.$disconnect()]);
    },
  };
}
