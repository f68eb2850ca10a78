import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA } from '../../scripts/postgresql.js';
import { POSTGRES_MIGRATIONS_TABLE, migratePostgres } from '../../src/store/migrate-postgresql.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrate.js';
import { createTestDatabase, dropTestDatabase, testDatabases } from '../helpers/database.js';
import { ROOT } from '../helpers/paths.js';

const urls: string[] = [];
async function emptyDatabase(): Promise<string> {
  const url = await createTestDatabase({ migrated: false });
  urls.push(url);
  return url;
}
afterEach(async () => {
  for (const url of urls.splice(0)) await dropTestDatabase(url);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Everything the schema decides about a database: columns, keys, indexes and constraints. */
async function catalog(url: string) {
  const [columns, indexes, constraints] = await Promise.all([
    query(url, `SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '${POSTGRES_MIGRATIONS_TABLE}'
      ORDER BY table_name, column_name`),
    query(url, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '${POSTGRES_MIGRATIONS_TABLE}'
      ORDER BY indexname`),
    query(url, `SELECT c.conname, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '${POSTGRES_MIGRATIONS_TABLE}' ORDER BY c.conname`),
  ]);
  return { columns, indexes, constraints };
}

/** Every `CREATE INDEX … WHERE …;` of the twins. */
const partialIndexes = (): string[] =>
  readdirSync(POSTGRES_MIGRATIONS)
    .sort()
    .flatMap((name) => readFileSync(path.join(POSTGRES_MIGRATIONS, name, 'migration.sql'), 'utf8').match(/^CREATE (?:UNIQUE )?INDEX [^;]* WHERE [^;]*;/gm) ?? []);

describe('PostgreSQL migrations', () => {
  it('build exactly the database the schema describes', async () => {
    // 1. the twins, applied by the runner the server uses
    const migrated = await emptyDatabase();
    const applied = await migratePostgres(migrated, POSTGRES_MIGRATIONS);
    expect(applied).toEqual(readdirSync(POSTGRES_MIGRATIONS).sort());
    // 2. the schema itself, in one script
    const direct = await emptyDatabase();
    const script = execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', POSTGRES_SCHEMA, '--script'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    await query(direct, script);
    // Partial indexes, which Prisma 6 cannot declare, are in the migrations alone: added as written there.
    await query(direct, partialIndexes().join('\n'));
    // 3. the same tables, columns, defaults, keys and indexes
    const [fromTwins, fromSchema] = await Promise.all([catalog(migrated), catalog(direct)]);
    expect(fromSchema.columns.length).toBeGreaterThan(50);
    expect(fromTwins).toEqual(fromSchema);
  });

  it('are applied once when several instances start together, and not again on the next start', async () => {
    const url = await emptyDatabase();
    const runs = await Promise.all([0, 1, 2].map(() => migratePostgres(url, POSTGRES_MIGRATIONS)));
    expect(runs.map((names) => names.length).toSorted()).toEqual([0, 0, readdirSync(POSTGRES_MIGRATIONS).length]);
    expect(await migratePostgres(url, POSTGRES_MIGRATIONS)).toEqual([]);
    const rows = await query<{ count: string }>(url, `SELECT count(*) FROM "${POSTGRES_MIGRATIONS_TABLE}"`);
    expect(Number(rows[0]!.count)).toBe(readdirSync(POSTGRES_MIGRATIONS).length);
  });

  it('refuses to start on a database whose applied migration was edited since, and rolls back a failing one', async () => {
    const url = await emptyDatabase();
    const folder = mkdtempSync(path.join(testDatabases().tmpDir, 'twins-'));
    try {
      cpSync(POSTGRES_MIGRATIONS, folder, { recursive: true });
      await migratePostgres(url, folder);
      const first = readdirSync(folder).sort()[0]!;
      writeFileSync(path.join(folder, first, 'migration.sql'), '-- edited\nSELECT 1;');
      await expect(migratePostgres(url, folder)).rejects.toThrow(`applied migrations were edited afterwards: ${first}`);

      cpSync(POSTGRES_MIGRATIONS, folder, { recursive: true });
      const broken = path.join(folder, '99999999999999_broken');
      cpSync(path.join(folder, first), broken, { recursive: true });
      writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";');
      await expect(migratePostgres(url, folder)).rejects.toThrow('PostgreSQL migration 99999999999999_broken failed');
      expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
