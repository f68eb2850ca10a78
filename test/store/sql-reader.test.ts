import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { createWorld, type World } from '../helpers/world.js';
import { openSqlReader } from '../../src/store/sql-reader.js';
import { sqliteFilePath } from '../../src/db-url.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
});
afterEach(async () => world.close());

const balance = (wksbmId: number) => Prisma.sql`SELECT "name", "balance" FROM "Fund" WHERE "wksbmId" = ${wksbmId} AND "name" = 'kas'`;

describe('the SQL reader', () => {
  it('answers a repeated read from memory, yet sees every commit of the server at once', async () => {
    const [before] = await world.db.sql.all<{ balance: bigint }>(balance(1));
    expect(before!.balance).toBe(0n);
    expect((await world.db.sql.all<{ balance: bigint }>(balance(1)))[0]!.balance).toBe(0n);
    await world.say('Bu Sri', '/setor 1,5jt kas');
    expect((await world.db.sql.all<{ balance: bigint }>(balance(1)))[0]!.balance).toBe(1_500_000n);
  });

  it('sees a commit made on another connection to the file, as the console or a second instance makes them', async () => {
    const reader = openSqlReader(sqliteFilePath(world.db.url));
    try {
      expect((await reader.all<{ balance: bigint }>(balance(1)))[0]!.balance).toBe(0n);
      const other = new Database(sqliteFilePath(world.db.url));
      other.prepare(`UPDATE "Fund" SET "name" = 'kas lama' WHERE "wksbmId" = 1 AND "name" = 'kas'`).run();
      other.close();
      expect(await reader.all(balance(1))).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('keeps answers to different parameters apart', async () => {
    const named = (name: string) => world.db.sql.all<{ name: string }>(Prisma.sql`SELECT "name" FROM "Fund" WHERE "name" = ${name}`);
    expect((await named('kas')).map((row) => row.name)).toEqual(['kas']);
    expect((await named('jimpitan')).map((row) => row.name)).toEqual(['jimpitan']);
    expect((await named('kas')).map((row) => row.name)).toEqual(['kas']);
  });
});
