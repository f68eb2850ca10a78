/**
 * A scheduler instance in its own process, for the test that two instances on one database send each
 * message once. Usage: outbox-worker.ts <database URL> <ISO time> <barrier dir> <instances>. Prints the chat id of
 * each message its channel accepted, one a line (a document as `<chat id> <file name>`). Like a real
 * scheduler, it first plans the monthly reports due, then sends.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { ChannelSender } from '../../src/core/index.js';
import { openDb } from '../../src/db.js';
import { createDispatcher, createRateLimiter, TELEGRAM_LIMITS } from '../../src/scheduler/index.js';
import { createStores } from '../../src/store/index.js';
import { createTestClock } from './world.js';

const [url, iso, barrier, instances] = process.argv.slice(2);
const db = await openDb(url!);
const stores = createStores(db, pino({ level: 'silent' }));
const clock = createTestClock(iso!);
const sender: ChannelSender = {
  channel: 'console',
  async send(chatId) {
    process.stdout.write(`${chatId}\n`);
  },
  async sendDocument(chatId, document) {
    process.stdout.write(`${chatId} ${document.fileName}\n`);
  },
};
const dispatcher = createDispatcher({
  outbox: stores.outbox,
  planner: stores.planner,
  reports: { reports: stores.reports, monthly: stores.monthly, filesDir: tmpdir() },
  senders: [sender],
  limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
  clock,
  log: pino({ level: 'silent' }),
  // Small claims, so the two instances interleave instead of one taking everything at once.
  options: { batch: 3 },
});
// Every instance starts claiming once all are ready (a barrier, not a start time: starting a process
// takes however long the machine's load makes it).
writeFileSync(path.join(barrier!, String(process.pid)), '');
while (readdirSync(barrier!).length < Number(instances)) await new Promise((resolve) => setTimeout(resolve, 10));
await stores.monthly.plan(clock.now());
let idle = 0;
while (idle < 3) {
  idle = (await dispatcher.runOnce()) === 0 ? idle + 1 : 0;
}
await stores.writer.idle();
await db.close();
