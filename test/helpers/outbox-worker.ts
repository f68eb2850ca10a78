/**
 * A scheduler instance in its own process, for the test that two instances on one database send each
 * message once. Usage: outbox-worker.ts <database URL> <ISO time> <start at epoch ms>. Prints the chat id of
 * each message its channel accepted, one a line.
 */
import { pino } from 'pino';
import type { ChannelSender } from '../../src/core/index.js';
import { openDb } from '../../src/db.js';
import { createDispatcher, createRateLimiter, TELEGRAM_LIMITS } from '../../src/scheduler/index.js';
import { createStores } from '../../src/store/index.js';
import { createTestClock } from './world.js';

const [url, iso, startAt] = process.argv.slice(2);
const db = await openDb(url!);
const stores = createStores(db, pino({ level: 'silent' }));
const clock = createTestClock(iso!);
const sender: ChannelSender = {
  channel: 'console',
  async send(chatId) {
    process.stdout.write(`${chatId}\n`);
  },
};
const dispatcher = createDispatcher({
  outbox: stores.outbox,
  planner: stores.planner,
  senders: [sender],
  limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
  clock,
  log: pino({ level: 'silent' }),
  // Small claims, so the two instances interleave instead of one taking everything at once.
  options: { batch: 3 },
});
// Both processes start claiming at the same moment.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
let idle = 0;
while (idle < 3) {
  idle = (await dispatcher.runOnce()) === 0 ? idle + 1 : 0;
}
await stores.writer.idle();
await db.close();
