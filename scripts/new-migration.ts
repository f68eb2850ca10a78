/**
 * `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
 * SQL that takes the committed schema (git HEAD) to the working one, and its PostgreSQL twin under
 * prisma/postgresql/migrations/ (scripts/postgresql.ts). `prisma migrate dev` cannot run on these machines
 * (its shadow database fails), so migrations are authored with `migrate diff`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeMissingTwins } from './postgresql.js';

const SCHEMA = 'prisma/schema.prisma';
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new-migration -- <name in snake_case>');
  process.exit(2);
}

/** Runs git; any failure stops the script with git's own message, never a guess. */
function git(args: readonly string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    console.error(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : `: ${(error as Error).message}`}`);
    console.error('No migration written: the committed schema (git HEAD) is needed to know what changed.');
    process.exit(1);
  }
}

/**
 * The schema as committed at HEAD, or null only when HEAD has no prisma/schema.prisma (the first
 * migration). A missing git, a folder outside a repository or a repository without commits stop the
 * script: diffing from an empty database there would write a migration that recreates every table.
 */
function committedSchema(): string | null {
  const listed = git(['ls-tree', '--name-only', 'HEAD', '--', SCHEMA]);
  return listed.trim() === '' ? null : git(['show', `HEAD:./${SCHEMA}`]);
}

const previous = committedSchema();
const from = previous === null ? ['--from-empty'] : ['--from-schema-datamodel', writeTemp(previous)];
const sql = execFileSync(
  'npx',
  ['prisma', 'migrate', 'diff', ...from, '--to-schema-datamodel', SCHEMA, '--script'],
  { encoding: 'utf8' },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.error('The schema did not change since HEAD: no migration written.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
writeFileSync(path.join('prisma', 'migrations', 'migration_lock.toml'), 'provider = "sqlite"\n');
console.log(`Wrote ${dir}/migration.sql`);
for (const twin of writeMissingTwins()) console.log(`Wrote prisma/postgresql/migrations/${twin}/migration.sql`);
console.log('Run npm run db:generate to refresh both Prisma clients (SQLite and PostgreSQL).');

function writeTemp(schema: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'wksbm-schema-')), 'schema.prisma');
  writeFileSync(file, schema);
  return file;
}
