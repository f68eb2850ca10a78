import pg from 'pg';
import { WksError } from '../core/errors.js';
import { migrationFiles } from './migration-files.js';

/** Prisma's `migrate deploy` cannot run through the pg driver adapter, so PostgreSQL has this runner. */
export const POSTGRES_MIGRATIONS_TABLE = '_wksbm_migrations';

/** Held for the whole run, so instances starting together apply each migration once ("wksm" in ASCII). */
const MIGRATION_LOCK_KEY = 0x776b736d;

/**
 * Applies the migrations of `folder` that the database has not applied, each in its own transaction
 * with its bookkeeping row (PostgreSQL's DDL is transactional, so a failed migration leaves nothing
 * half done). A migration whose file changed after it was applied stops start-up: the database and the
 * code would disagree about the schema.
 */
export async function migratePostgres(url: string, folder: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${POSTGRES_MIGRATIONS_TABLE}" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "${POSTGRES_MIGRATIONS_TABLE}"`)).rows.map(
        (row) => [row.name, row.checksum],
      ),
    );
    const files = migrationFiles(folder);
    const changed = files.filter((file) => applied.has(file.name) && applied.get(file.name) !== file.checksum);
    if (changed.length > 0) {
      throw new WksError('WKS_ERR_STORE', `applied migrations were edited afterwards: ${changed.map((file) => file.name).join(', ')}`);
    }
    const pending = files.filter((file) => !applied.has(file.name));
    for (const file of pending) {
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query(`INSERT INTO "${POSTGRES_MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`, [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new WksError('WKS_ERR_STORE', `PostgreSQL migration ${file.name} failed`, { cause: error });
      }
    }
    return pending.map((file) => file.name);
  } finally {
    await client.end();
  }
}
