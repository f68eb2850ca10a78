import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createClient, databaseEngine, ensureDatabaseFolder } from '../db.js';
// Straight from errors.ts: the test run's global setup migrates without loading the whole core.
import { WksError } from '../core/errors.js';
import { migratePostgres } from './migrate-postgresql.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
/** PostgreSQL's twin of each SQLite migration, generated from the same schema (scripts/postgresql.ts). */
export const POSTGRES_MIGRATIONS = path.join(ROOT, 'prisma', 'postgresql', 'migrations');

/** Migrations in prisma/migrations that the SQLite database has not applied yet. */
export async function pendingMigrations(client: PrismaClient): Promise<string[]> {
  const known = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const hasTable = await client.$queryRawUnsafe<unknown[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  );
  if (hasTable.length === 0) return known;
  const applied = await client.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(applied.map((row) => row.migration_name));
  return known.filter((name) => !done.has(name));
}

/**
 * Applies pending migrations. On SQLite with Prisma's own `migrate deploy`, so the database records them
 * exactly as the CLI would; checking first keeps start-up fast when there is nothing to do. Runs before
 * the server opens its connections: the CLI cannot take the file while they hold it. On PostgreSQL with
 * the project's runner, whose advisory lock lets several instances start at once.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  if (databaseEngine(databaseUrl) === 'postgresql') return migratePostgres(databaseUrl, POSTGRES_MIGRATIONS);
  ensureDatabaseFolder(databaseUrl);
  const client = createClient(databaseUrl);
  let pending: string[];
  try {
    pending = await pendingMigrations(client);
  } finally {
    await client.$disconnect();
  }
  if (pending.length === 0) return [];
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  try {
    await promisify(execFile)(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  } catch (error) {
    throw new WksError('WKS_ERR_STORE', `prisma migrate deploy failed for ${pending.join(', ')}`, { cause: error });
  }
  return pending;
}
