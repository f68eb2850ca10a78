import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { directSql } from '../../src/store/direct-sql.js';

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
});
