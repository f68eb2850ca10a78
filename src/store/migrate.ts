import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUSY_TIMEOUT_MS, databaseEngine, ensureDatabaseFolder } from '../db.js';
import { sqliteFilePath } from '../db-url.js';
import { migrateSqlite } from './migrate-sqlite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
/** PostgreSQL's twin of each SQLite migration, generated from the same schema (scripts/postgresql.ts). */
export const POSTGRES_MIGRATIONS = path.join(ROOT, 'prisma', 'postgresql', 'migrations');

/**
 * Applies pending migrations: on SQLite in one transaction, recorded as Prisma's `migrate deploy` records
 * them; on PostgreSQL with the project's runner, whose advisory lock lets several instances start at once.
 * Runs before the server opens its connections.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  if (databaseEngine(databaseUrl) === 'postgresql') {
    // pg is loaded only for PostgreSQL (see createClient).
    return (await import('./migrate-postgresql.js')).migratePostgres(databaseUrl, POSTGRES_MIGRATIONS);
  }
  ensureDatabaseFolder(databaseUrl);
  return migrateSqlite(sqliteFilePath(databaseUrl), MIGRATIONS, BUSY_TIMEOUT_MS);
}
