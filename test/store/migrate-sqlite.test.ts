import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite } from '../../src/store/migrate-sqlite.js';
import { ROOT, tmpDir } from '../helpers/paths.js';

const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
const ALL = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpDir(), 'migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A migrations folder holding only the migrations up to and including `last`: the code of an older release. */
function olderRelease(last: string): string {
  const folder = path.join(scratch(), 'migrations');
  for (const name of ALL.slice(0, ALL.indexOf(last) + 1)) cpSync(path.join(MIGRATIONS, name), path.join(folder, name), { recursive: true });
  return folder;
}

/** What Prisma's own CLI says about the file: it must agree with the runner about what is applied. */
function prisma(file: string, ...command: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'node_modules/prisma/build/index.js'), ...command], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: 'utf8',
  });
}

describe('SQLite migrations', () => {
  it('migrates a fresh database in one go, recorded so that prisma migrate deploy has nothing left to do', () => {
    const file = path.join(scratch(), 'fresh.db');
    expect(migrateSqlite(file, MIGRATIONS, 1_000)).toEqual(ALL);
    expect(prisma(file, 'migrate', 'deploy')).toContain('No pending migrations to apply');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM "Fund"').get()).toEqual({ n: 0 });
    db.close();
  }, 60_000);

  it('brings an older database up to date without losing its rows, also across a table Prisma redefines', () => {
    const file = path.join(scratch(), 'older.db');
    expect(migrateSqlite(file, olderRelease('20261126135951_arisan_duka'), 1_000)).toHaveLength(ALL.indexOf('20261126135951_arisan_duka') + 1);
    const db = new Database(file);
    db.prepare(`INSERT INTO "DukaEvent" ("id", "wksbmId", "number", "name", "diedOn", "form", "createdById") VALUES (7, 1, 1, 'x', '2026-11-01', 'uang', 1)`).run();
    // A santunan paid from the event: its foreign key forbids deleting the event the redefinition drops.
    db.prepare(`INSERT INTO "DukaSantunan" ("eventId", "entryId") VALUES (7, 1)`).run();
    db.close();

    const applied = migrateSqlite(file, MIGRATIONS, 1_000);
    expect(applied).toEqual(ALL.slice(ALL.indexOf('20261126135951_arisan_duka') + 1));
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT "id", "levy" FROM "DukaEvent"').all()).toEqual([{ id: 7, levy: 0 }]);
    expect(after.prepare('SELECT "eventId" FROM "DukaSantunan"').all()).toEqual([{ eventId: 7 }]);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    after.close();
  });

  it('keeps the rows that point at a redefined table, even those a deletion would cascade to', () => {
    const folder = path.join(scratch(), 'migrations');
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(folder, name), { recursive: true });
      writeFileSync(path.join(folder, name, 'migration.sql'), sql);
    };
    write('1_parent', `CREATE TABLE "Parent" ("id" INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE "Child" ("id" INTEGER NOT NULL PRIMARY KEY, "parentId" INTEGER NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);`);
    const file = path.join(scratch(), 'cascade.db');
    migrateSqlite(file, folder, 1_000);
    const db = new Database(file);
    db.exec('INSERT INTO "Parent" ("id") VALUES (1); INSERT INTO "Child" ("id", "parentId") VALUES (1, 1);');
    db.close();
    // The shape of Prisma's RedefineTables step.
    write('2_redefine', `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT);
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`);
    expect(migrateSqlite(file, folder, 1_000)).toEqual(['2_redefine']);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT "id", "parentId" FROM "Child"').all()).toEqual([{ id: 1, parentId: 1 }]);
    after.close();
  });

  it('indexes messages and updates by chat only while they are pending, which Prisma cannot declare', () => {
    const file = path.join(scratch(), 'indexes.db');
    migrateSqlite(file, MIGRATIONS, 1_000);
    const db = new Database(file, { readonly: true });
    // A claim asks for a chat's pending rows; an index of every row by chat made it read all that is kept.
    const byChat = (table: string, column: string) =>
      db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql LIKE ?`)
        .all(table, `%ON "${table}"("${column}"%`);
    expect(byChat('Outbox', 'channel')).toEqual([
      { name: 'Outbox_pending_chat_idx', sql: `CREATE INDEX "Outbox_pending_chat_idx" ON "Outbox"("channel", "chatId") WHERE "status" = 'pending'` },
    ]);
    expect(byChat('InboxUpdate', 'chatKey')).toEqual([
      { name: 'InboxUpdate_pending_chat_idx', sql: `CREATE INDEX "InboxUpdate_pending_chat_idx" ON "InboxUpdate"("chatKey") WHERE "status" = 'pending'` },
    ]);
    db.close();
  });

  it('applies nothing to a database already migrated, whether by Prisma or by itself', () => {
    const file = path.join(scratch(), 'by-prisma.db');
    prisma(file, 'migrate', 'deploy');
    expect(migrateSqlite(file, MIGRATIONS, 1_000)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const before = db.prepare('SELECT count(*) AS n FROM _prisma_migrations').get();
    db.close();
    expect(migrateSqlite(file, MIGRATIONS, 1_000)).toEqual([]);
    const again = new Database(file, { readonly: true });
    expect(again.prepare('SELECT count(*) AS n FROM _prisma_migrations').get()).toEqual(before);
    again.close();
  }, 60_000);

  it('leaves the file as it was when a migration fails, and says which one', () => {
    const file = path.join(scratch(), 'broken.db');
    const folder = olderRelease(ALL.at(-1)!);
    cpSync(path.join(MIGRATIONS, ALL[0]!), path.join(folder, '99999999999999_broken'), { recursive: true });
    expect(() => migrateSqlite(file, folder, 1_000)).toThrow(/99999999999999_broken/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    db.close();
  });
});
