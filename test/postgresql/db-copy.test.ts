import { execFile } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../src/db-url.js';
import { migrate } from '../../src/store/migrate.js';
import { createTestDatabase, dropTestDatabase, testDatabases } from '../helpers/database.js';
import { ROOT } from '../helpers/paths.js';
import { createTestClock, createWorld } from '../helpers/world.js';

const urls: string[] = [];
afterEach(async () => {
  for (const url of urls.splice(0)) await dropTestDatabase(url);
});

function dbCopy(from: string, to: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'db:copy', '--', '--from', from, '--to', to], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A SQLite WKSBM with some history: entries, a correction, a pending setoran, a meeting and its reminders. */
async function sqliteWksbm(): Promise<{ url: string; saldo: string; history: string }> {
  const url = `file:${path.join(testDatabases().tmpDir, `copy-${process.pid}-${Date.now()}.db`)}`;
  await migrate(url);
  const world = await createWorld({ url, clock: createTestClock('2026-11-23T05:00:00Z') });
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  for (const amount of ['5000', '2,5jt', '750rb']) await world.say('Bu Sri', `/setor ${amount} kas`);
  await world.say('Bu Sri', '/setor 2kg beras');
  await world.say('Bu Sri', '/dana tambah beras kg');
  await world.say('Bu Sri', '/setor 2kg beras');
  await world.say('Bu Sri', '/keluar 1jt kas santunan');
  await world.say('Bu Sri', '/koreksi 2 salah ketik');
  await world.say('Pak Budi', '/setor 20rb kas');
  await world.say('Bu Sri', '/rapat insidental besok 19.30 Balai RW | Persiapan');
  const saldo = await world.say('Pak Budi', '/saldo');
  const history = await world.say('Pak Budi', '/riwayat');
  await world.close();
  return { url, saldo, history };
}

describe('npm run db:copy', () => {
  it('moves a SQLite WKSBM to PostgreSQL with every row, balance and number, and the bot carries on there', async () => {
    const source = await sqliteWksbm();
    const target = await createTestDatabase({ migrated: false });
    urls.push(target);
    // 1. the copy runs and says it checked itself
    const run = await dbCopy(source.url, target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sqlite = new Database(sqliteFilePath(source.url), { readonly: true });
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const { nextNumber } = sqlite.prepare('SELECT "nextNumber" FROM "Wksbm"').get() as { nextNumber: number };
    const pending = (sqlite.prepare('SELECT "number" FROM "Submission"').get() as { number: number }).number;
    for (const table of ['LedgerEntry', 'Submission', 'Fund', 'InboundMessage', 'Outbox', 'MeetingOccurrence']) {
      expect(run.stdout).toContain(`${table}: ${count(table)} rows`);
    }
    sqlite.close();
    expect(run.stdout).toMatch(/checked: \d+ tables row by row, 4 fund balances, 1 WKSBM numbers/);
    expect(run.stdout).toContain('every check passed');
    // 2. on PostgreSQL the members read the same balances and history
    const world = await createWorld({ url: target, clock: createTestClock('2026-11-23T06:00:00Z') });
    expect(await world.say('Pak Budi', '/saldo')).toBe(source.saldo);
    expect(await world.say('Pak Budi', '/riwayat')).toBe(source.history);
    // 3. new records continue the numbers and keys (the sequences were moved past the copied rows)
    expect(await world.say('Bu Sri', '/setor 1000 kas')).toContain(`#${nextNumber} Setoran Rp1.000 ke Kas`);
    expect(await world.say('Bu Sri', `/sahkan ${pending}`)).toContain('disahkan oleh Bu Sri');
    await world.close();
  });

  it('refuses a target that already has data, and changes nothing there', async () => {
    const source = await sqliteWksbm();
    const target = await createTestDatabase();
    urls.push(target);
    const world = await createWorld({ url: target });
    await world.say('Bu Sri', '/mulai WKSBM Lain');
    const before = await world.say('Bu Sri', '/saldo');
    const run = await dbCopy(source.url, target);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/db:copy failed: the target database is not empty/);
    expect(await world.say('Bu Sri', '/saldo')).toBe(before);
    await world.close();
  });
});
