import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { directSql } from '../../src/store/direct-sql.js';
import { sqliteFilePath } from '../../src/db-url.js';
import { dialectFor, sqlOf } from '../../src/store/dialect.js';
import { createWriter, type Writer } from '../../src/store/writer.js';
import { pino } from 'pino';

describe('the writer’s prepared statements on SQLite', () => {
  it('write inside the open transaction only: a rollback undoes them, and outside one they refuse to write', async () => {
    const db = new Database(':memory:');
    db.defaultSafeIntegers(true);
    db.exec('CREATE TABLE "Outbox" ("id" INTEGER PRIMARY KEY, "sentAt" TEXT)');
    const sql = directSql(() => db);

    db.prepare('BEGIN').run();
    await sql.run(Prisma.sql`INSERT INTO "Outbox" ("id", "sentAt") VALUES (${1}, ${new Date('2026-11-27T05:00:00.000Z')})`);
    expect(await sql.all(Prisma.sql`SELECT "id", "sentAt" FROM "Outbox"`)).toEqual([{ id: 1n, sentAt: '2026-11-27T05:00:00.000+00:00' }]);
    db.prepare('ROLLBACK').run();
    expect(db.prepare('SELECT count(*) AS n FROM "Outbox"').get()).toEqual({ n: 0n });

    // A transaction Prisma already ended (its timeout): the statement must not commit on its own.
    await expect(sql.run(Prisma.sql`INSERT INTO "Outbox" ("id", "sentAt") VALUES (${2}, ${null})`)).rejects.toThrow(/outside the write transaction/);
    expect(db.prepare('SELECT count(*) AS n FROM "Outbox"').get()).toEqual({ n: 0n });
    db.close();
  });

  it('run on the connection of Prisma’s own write transactions', async () => {
    const url = await createTestDatabase();
    const db = await openDb(url);
    try {
      expect(db.writeConnection).not.toBeNull();
      expect(db.writeConnection!().inTransaction).toBe(false);
      await db.write.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('UPDATE "Wksbm" SET "nextNumber" = "nextNumber" WHERE 1 = 0');
        expect(db.writeConnection!().inTransaction).toBe(true);
      });
    } finally {
      await db.close();
      await dropTestDatabase(url);
    }
  });

  describe('raw-SQL transactions, opened on the connection without Prisma', () => {
    const addPerson = (writer: Writer, name: string, after?: () => void) =>
      writer.run(
        async (tx) => {
          await sqlOf(tx).run(Prisma.sql`INSERT INTO "Person" ("name", "createdAt") VALUES (${name}, ${new Date()})`);
          after?.();
        },
        { rawSql: true },
      );

    async function withWriter(test: (writer: Writer, names: () => string[], file: string) => Promise<void>) {
      const url = await createTestDatabase();
      const db = await openDb(url);
      const names = () => (db.writeConnection!().prepare('SELECT "name" FROM "Person" ORDER BY "id"').all() as { name: string }[]).map((row) => row.name);
      try {
        await test(createWriter(db.write, dialectFor('sqlite'), pino({ level: 'silent' }), directSql(db.writeConnection!)), names, sqliteFilePath(url));
      } finally {
        await db.close();
        await dropTestDatabase(url);
      }
    }

    it('are all or nothing, and a Prisma query in one fails at once instead of waiting for a transaction of its own', async () => {
      await withWriter(async (writer, names) => {
        await addPerson(writer, 'Bu Sri');
        await expect(
          addPerson(writer, 'Pak Budi', () => {
            throw new Error('gagal di tengah');
          }),
        ).rejects.toThrow('gagal di tengah');
        expect(names()).toEqual(['Bu Sri']);

        await expect(writer.run((tx) => tx.person.create({ data: { name: 'Bu Ani' } }), { rawSql: true })).rejects.toThrow(/runs raw SQL only/);
        // The same work in a transaction of Prisma's own, and the writer goes on after the refusal.
        await writer.run((tx) => tx.person.create({ data: { name: 'Bu Ani' } }));
        await addPerson(writer, 'Pak Eko');
        expect(names()).toEqual(['Bu Sri', 'Bu Ani', 'Pak Eko']);
      });
    });

    it('wait while another process writes (the console beside the server), then commit', async () => {
      await withWriter(async (writer, names, file) => {
        // A process of its own: this one's connection waits for the lock without running timers.
        const script = `const db = new (require('better-sqlite3'))(process.argv[1]);
          db.prepare('BEGIN IMMEDIATE').run();
          db.prepare('INSERT INTO "Person" ("name", "createdAt") VALUES (?, ?)').run('dari konsol', new Date().toISOString());
          console.log('locked');
          setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, 400);`;
        const other = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
        const exited = new Promise((resolve) => other.on('exit', resolve));
        await new Promise((resolve) => other.stdout.once('data', resolve));
        const started = Date.now();
        await addPerson(writer, 'Bu Sri');
        expect(Date.now() - started).toBeGreaterThanOrEqual(300);
        expect(names()).toEqual(['dari konsol', 'Bu Sri']);
        expect(await exited).toBe(0);
      });
    });
  });
});
