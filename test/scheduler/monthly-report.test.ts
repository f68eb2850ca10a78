import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT, tmpDir } from '../helpers/paths.js';
import { createTestClock, createWorld } from '../helpers/world.js';

/** test/helpers/outbox-worker.ts in a process of its own: plans the monthly reports due, then sends. */
/** The worker's barrier arguments for an instance that runs by itself. */
const alone = () => [mkdtempSync(path.join(tmpDir(), 'barrier-')), '1'];

function runWorker(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'helpers', 'outbox-worker.ts'), ...args], { cwd: ROOT }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

const lines = (outputs: readonly string[]) => outputs.flatMap((output) => output.trim().split('\n').filter(Boolean));

const urls: string[] = [];
afterEach(async () => {
  for (const url of urls.splice(0)) await dropTestDatabase(url);
});

describe('the monthly report', () => {
  it('is posted once per WKSBM on the 1st at 08.00, with two schedulers and after a restart, and not where it is off', async () => {
    const url = await createTestDatabase();
    urls.push(url);
    const world = await createWorld({ url, clock: createTestClock() });
    const chats = ['rt01', 'rt02', 'rt03', 'rt04', 'rt05'];
    for (const chat of chats) {
      await world.say('Bu Sri', `/mulai WKSBM ${chat.toUpperCase()}`, { chat });
      await world.say('Bu Sri', '/setor 50000 kas iuran', { chat });
    }
    await world.say('Bu Sri', '/laporan otomatis mati', { chat: 'rt05' });
    await world.close();

    // The entries are of this month (the real one): its report is due on the 1st of the next, 08.00 WIB.
    const due = DateTime.now().setZone('Asia/Jakarta').startOf('month').plus({ months: 1 }).set({ hour: 8 });
    const month = DateTime.now().setZone('Asia/Jakarta').toFormat('yyyy-MM');

    // 1. an hour before: planned, not sent
    expect(lines([await runWorker([url, due.minus({ hours: 1 }).toUTC().toISO()!, ...alone()])])).toEqual([]);

    // 2. due: two instances at the same moment; each WKSBM that keeps it on gets its summary and PDF once
    const barrier = mkdtempSync(path.join(tmpDir(), 'barrier-'));
    const sent = lines(await Promise.all([0, 1].map(() => runWorker([url, due.toUTC().toISO()!, barrier, '2']))));
    const expected = chats.slice(0, 4).flatMap((chat) => [chat, `${chat} LPJ-WKSBM-${chat.toUpperCase()}-${month}.pdf`]);
    expect(sent.toSorted()).toEqual(expected.toSorted());

    // 3. a restarted scheduler an hour later plans it again and sends nothing
    expect(lines([await runWorker([url, due.plus({ hours: 1 }).toUTC().toISO()!, ...alone()])])).toEqual([]);
  }, 120_000);
});
