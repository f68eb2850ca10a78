/**
 * A Telegram bot process that dies (SIGKILL, by its own hand) at the worst moment of handling an
 * update: after the core committed the change, before the inbox row's completion and its replies are
 * written. Run by tests with `node --import tsx`; env: DATABASE_URL, TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN.
 */
import { pino } from 'pino';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { createCore, systemClock } from '../../src/core/index.js';
import { openDb } from '../../src/db.js';
import { createStores } from '../../src/store/index.js';

const db = await openDb(process.env.DATABASE_URL!);
const stores = createStores(db, pino({ level: 'silent' }));
const channel = createTelegramChannel({
  token: process.env.TELEGRAM_BOT_TOKEN!,
  apiRoot: process.env.TELEGRAM_API_ROOT!,
  core: createCore({ ...stores, clock: systemClock }),
  inbox: {
    ...stores.inbox,
    async finish() {
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    },
  },
  clock: systemClock,
  log: pino({ level: 'silent' }),
  // The next process takes the row over soon after this one dies.
  inboxOptions: { leaseMs: 1_000, pollMs: 100 },
});
await channel.init();
channel.startPolling();
console.log('ready');
