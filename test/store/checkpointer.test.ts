import { copyFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { openDb, type Db } from '../../src/db.js';
import { sqliteFilePath } from '../../src/db-url.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { sqlOf } from '../../src/store/dialect.js';
import { checkpointInThread } from '../../src/store/checkpointer.js';
import { createStores } from '../../src/store/index.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';

const namesIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT "name" FROM "Person" WHERE "name" NOT LIKE \'isi %\' ORDER BY "id"').all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
};

async function withDb(test: (db: Db, file: string, add: (names: readonly string[]) => Promise<void>) => Promise<void>) {
  const url = await createTestDatabase();
  const db = await openDb(url);
  const { writer } = createStores(db, pino({ level: 'silent' }));
  const add = (names: readonly string[]) =>
    writer.run(async (tx) => {
      for (const name of names) await sqlOf(tx).run(Prisma.sql`INSERT INTO "Person" ("name", "createdAt") VALUES (${name}, ${new Date()})`);
    }, { rawSql: true });
  try {
    await test(db, sqliteFilePath(url), add);
  } finally {
    await db.close();
    await dropTestDatabase(url);
  }
}

const writerCheckpoints = (db: Db) => Number(db.writeConnection!().pragma('wal_autocheckpoint', { simple: true }));

describe('the checkpoint thread', () => {
  it('takes the checkpoints over from the writer once the server is busy, and copies each commit into the database file', async () => {
    await withDb(async (db, file, add) => {
      expect(writerCheckpoints(db)).toBe(1000);
      // More than SQLite's thousand pages of log: what a busy server writes between two checkpoints.
      await add(Array.from({ length: 1_200 }, (_, index) => `isi ${index} ${'x'.repeat(4_000)}`));
      await expect.poll(() => writerCheckpoints(db), { timeout: 5_000 }).toBe(0);

      await add(['Bu Sri', 'Pak Budi']);
      // The database file alone, without its WAL, as a copy of it taken now would be.
      const copy = `${file}.copy`;
      await expect
        .poll(() => {
          copyFileSync(file, copy);
          return namesIn(copy);
        })
        .toEqual(['Bu Sri', 'Pak Budi']);
      rmSync(copy);
    });
  });

  it('stays off while the server is quiet: the writer checkpoints, and no thread takes memory', async () => {
    await withDb(async (db, _file, add) => {
      await add(['Bu Sri']);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(writerCheckpoints(db)).toBe(1000);
    });
  });

  it('gives the checkpoints back to the writer when the thread stops, and says so in the log', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const file = path.join(tmpdir(), `checkpointer-${process.pid}.db`);
    // A WAL past the threshold, of a database file that is not there: the thread cannot open it and stops.
    writeFileSync(`${file}-wal`, '');
    truncateSync(`${file}-wal`, 5 * 1024 * 1024);
    const pages: number[] = [];
    const checkpointer = checkpointInThread(file, (value) => void pages.push(value), log);
    try {
      await expect.poll(() => pages, { timeout: 5_000 }).toEqual([0, 1000]);
      expect(lines.join('')).toContain('the writer checkpoints again');
    } finally {
      await checkpointer.close();
      rmSync(`${file}-wal`);
    }
  });
});
