/**
 * The PostgreSQL variant of the schema and its migrations, derived from prisma/schema.prisma and the
 * SQLite migrations so that nothing is written twice by hand.
 *
 *   tsx scripts/postgresql.ts generate   writes prisma/postgresql/schema.prisma and generates its client
 *                                        (src/generated/prisma-pg); `npm run db:generate` and `npm install` run it
 *   npm run db:pg-migrations             writes the PostgreSQL twin of every SQLite migration that has none
 *
 * A twin is the PostgreSQL DDL between the schemas before and after its SQLite migration. Those schemas
 * are read back from the SQLite migrations themselves: the chain is applied to a scratch SQLite file and
 * introspected after each step (`prisma db pull`), so a twin depends only on the migrations, not on which
 * commit or branch they came from. The newest migration's twin goes to schema.prisma itself, so what
 * SQLite's DDL cannot show (a key the schema no longer numbers by itself) still reaches PostgreSQL.
 * Data statements in a SQLite migration (an UPDATE that fills a new column) are not carried over: add
 * them to the twin by hand. test/store/postgresql-schema.test.ts checks that every SQLite migration has a
 * twin, and test/postgresql/migrations.test.ts that the twins build exactly the schema.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

// The project the command runs in, as for new-migration.ts (the tests run it in scratch projects).
const ROOT = process.cwd();
const SQLITE_SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
const SQLITE_MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
export const POSTGRES_SCHEMA = path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma');
export const POSTGRES_MIGRATIONS = path.join(ROOT, 'prisma', 'postgresql', 'migrations');
const POSTGRES_CONFIG = path.join(ROOT, 'prisma.postgresql.config.ts');

const SQLITE_DATASOURCE = /datasource db \{[^}]*\}/;
// The URL is never used: the server reaches PostgreSQL through the pg adapter and `generate` connects
// nowhere. Without a URL the CLI falls back to its binary engine, which it would have to download.
const POSTGRES_DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://localhost/unused"\n}';

/** The same models on PostgreSQL; the generator's output moves to src/generated/prisma-pg. */
export function postgresSchema(sqliteSchema: string): string {
  if (!SQLITE_DATASOURCE.test(sqliteSchema)) throw new Error('schema has no datasource block');
  return sqliteSchema
    .replace(SQLITE_DATASOURCE, POSTGRES_DATASOURCE)
    .replace(/output\s*=\s*"[^"]*"/, 'output     = "../../src/generated/prisma-pg"');
}

function prisma(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function generate(): void {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  const header = '// Generated from ../schema.prisma by scripts/postgresql.ts: edit that file, not this one.\n';
  writeFileSync(POSTGRES_SCHEMA, header + postgresSchema(readFileSync(SQLITE_SCHEMA, 'utf8')));
  prisma(['generate', '--config', POSTGRES_CONFIG]);
}

const migrationNames = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

/** SQLite migrations that have no PostgreSQL twin yet. */
export function missingTwins(): string[] {
  const twins = new Set(migrationNames(POSTGRES_MIGRATIONS));
  return migrationNames(SQLITE_MIGRATIONS).filter((name) => !twins.has(name));
}

const BARE_SQLITE_SCHEMA = `generator client {
  provider   = "prisma-client"
  output     = "./unused"
  engineType = "client"
}

datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}
`;

/**
 * The datamodel of a SQLite database, as `prisma db pull` reads it. SQLite writes every `Int @id` as
 * `INTEGER PRIMARY KEY AUTOINCREMENT`, so introspection reads each as `@default(autoincrement())`, also a
 * key the schema sets by hand (`IuranSettings.wksbmId`). What SQLite cannot show is taken from
 * schema.prisma: a model whose key has no autoincrement there gets that default taken off.
 */
function introspect(bareSchema: string, file: string): string {
  const printed = prisma(['db', 'pull', '--print', '--schema', bareSchema], { DATABASE_URL: `file:${file}` });
  // The CLI prints its warnings on stdout too, before the schema.
  const schema = printed.slice(printed.indexOf('generator client {'));
  const byHand = new Set(
    [...readFileSync(SQLITE_SCHEMA, 'utf8').matchAll(/^model (\w+) \{([^}]*)\}/gm)]
      .filter(([, , body]) => body!.split('\n').some((line) => /\s@id\b/.test(line) && !line.includes('autoincrement()')))
      .map(([, name]) => name!),
  );
  return schema.replace(/^model (\w+) \{[^}]*\}/gm, (block, name: string) =>
    byHand.has(name) ? block.replace(/\s*@default\(autoincrement\(\)\)/g, '') : block,
  );
}

/** Writes the twins of the SQLite migrations that have none; returns their names. */
export function writeMissingTwins(): string[] {
  const missing = new Set(missingTwins());
  if (missing.size === 0) return [];
  const scratch = mkdtempSync(path.join(tmpdir(), 'wksbm-twins-'));
  try {
    const file = path.join(scratch, 'chain.db');
    const bare = path.join(scratch, 'bare.prisma');
    writeFileSync(bare, BARE_SQLITE_SCHEMA);
    const sqlite = new Database(file);
    let previous: string | null = null;
    const names = migrationNames(SQLITE_MIGRATIONS);
    for (const [index, name] of names.entries()) {
      sqlite.exec(readFileSync(path.join(SQLITE_MIGRATIONS, name, 'migration.sql'), 'utf8'));
      const needed = missing.has(name) || missing.has(names[index + 1] ?? '');
      if (!needed) {
        previous = null;
        continue;
      }
      const current = path.join(scratch, `${index}.prisma`);
      writeFileSync(current, postgresSchema(index === names.length - 1 ? readFileSync(SQLITE_SCHEMA, 'utf8') : introspect(bare, file)));
      if (missing.has(name)) {
        const from = previous === null ? ['--from-empty'] : ['--from-schema-datamodel', previous];
        // The SQLite project config diffs PostgreSQL datamodels without connecting anywhere; the PostgreSQL
        // config would connect its adapter first, which would make authoring a migration need a server.
        const sql = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', current, '--script']);
        mkdirSync(path.join(POSTGRES_MIGRATIONS, name), { recursive: true });
        writeFileSync(path.join(POSTGRES_MIGRATIONS, name, 'migration.sql'), sql);
      }
      previous = current;
    }
    sqlite.close();
    return [...missing];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'generate') {
    generate();
  } else if (command === 'twins') {
    const written = writeMissingTwins();
    console.log(written.length ? written.map((name) => `Wrote prisma/postgresql/migrations/${name}/migration.sql`).join('\n') : 'Every SQLite migration has its PostgreSQL twin.');
  } else {
    console.error('Usage: tsx scripts/postgresql.ts generate|twins');
    process.exit(2);
  }
}
