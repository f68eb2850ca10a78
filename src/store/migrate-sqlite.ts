import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { WksError } from '../core/errors.js';
import { migrationFiles } from './migration-files.js';

/** Prisma's own bookkeeping table, exactly as `prisma migrate deploy` creates it on SQLite. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** How Prisma stores a DateTime on SQLite. */
const prismaTime = (date: Date): string => date.toISOString().replace('Z', '+00:00');

/**
 * Applies the migrations of `folder` that the SQLite file has not applied, all in one transaction, and
 * records each in `_prisma_migrations` as `prisma migrate deploy` does (same checksum, same columns), so
 * the CLI and this runner agree about what is applied. Spawning the CLI cost a fresh database most of its
 * start-up; here a fresh database is migrated in milliseconds, and a failure leaves the file as it was.
 * A migration Prisma recorded as failed stops start-up, as it stops `migrate deploy`.
 */
export function migrateSqlite(file: string, folder: string, busyTimeoutMs: number): string[] {
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    // Prisma's table redefinitions switch foreign keys off around a DROP TABLE (which would otherwise
    // cascade to the rows that point at it); inside a transaction that pragma is ignored, so they are off
    // for the whole run and checked once before the commit instead.
    db.pragma('foreign_keys = OFF');
    const files = migrationFiles(folder);
    const pending = (): typeof files => {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      if (!hasTable) return files;
      const rows = db.prepare('SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations').all() as {
        name: string;
        finished: string | null;
        rolledBack: string | null;
      }[];
      const failed = rows.filter((row) => row.finished === null && row.rolledBack === null).map((row) => row.name);
      if (failed.length > 0) throw new WksError('WKS_ERR_STORE', `migrations recorded as failed, resolve them with prisma migrate resolve: ${failed.join(', ')}`);
      const done = new Set(rows.filter((row) => row.rolledBack === null).map((row) => row.name));
      return files.filter((migration) => !done.has(migration.name));
    };
    // Most starts have nothing to apply: a plain read, without taking the write lock.
    if (pending().length === 0) return [];
    const apply = db.transaction(() => {
      // Read again under the write lock: another process on the file may have migrated meanwhile.
      db.exec(CREATE_MIGRATIONS_TABLE);
      const todo = pending();
      const record = db.prepare(
        'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
      );
      for (const migration of todo) {
        const started = prismaTime(new Date());
        try {
          db.exec(migration.sql);
        } catch (error) {
          throw new WksError('WKS_ERR_STORE', `SQLite migration ${migration.name} failed`, { cause: error });
        }
        record.run(randomUUID(), migration.checksum, prismaTime(new Date()), migration.name, started);
      }
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0) {
        throw new WksError('WKS_ERR_STORE', `migrations would leave broken references in ${[...new Set(broken.map((row) => row.table))].join(', ')}`);
      }
      return todo.map((migration) => migration.name);
    });
    return apply.immediate();
  } finally {
    db.close();
  }
}
