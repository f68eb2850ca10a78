/**
 * `npm run bench:telegram`: /setor updates per second through the real grammY stack (long polling
 * against a Bot API server on loopback, the durable inbox, the whole core, the database, the reply
 * committed to the outbox and sent from there) against a bare
 * grammY echo bot on the same server with the same runner, in the same run. Both send one message per
 * update. Telegram's own rate limits are off for both: this measures the bot, not the limiter.
 */
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { pino } from 'pino';
import { createTelegramChannel } from '../src/channels/telegram/channel.js';
import { createCore, systemClock } from '../src/core/index.js';
import { openDb } from '../src/db.js';
import { createRateLimiter, startScheduler } from '../src/scheduler/index.js';
import { createStores } from '../src/store/index.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../test/helpers/bot-api-server.js';
import { createDatabases } from './fixtures.js';

const UPDATES = Number(process.env.BENCH_TELEGRAM_UPDATES ?? 5_000);
const GROUPS = Number(process.env.BENCH_TELEGRAM_GROUPS ?? 100);
const ketua: TestUser = { id: 1, first_name: 'Bu', last_name: 'Sri' };
const groupId = (i: number) => -1_000_000 - i;

/** Pushes `count` updates and returns how many per second were answered. */
async function measure(api: BotApiServer, count: number, text: (i: number) => string): Promise<number> {
  const before = api.sent('sendMessage').length;
  const start = performance.now();
  for (let i = 0; i < count; i++) api.push(api.message(groupId(i % GROUPS), ketua, text(i)));
  await api.waitFor(() => api.sent('sendMessage').length >= before + count, 600_000);
  return count / ((performance.now() - start) / 1000);
}

async function echoRate(): Promise<number> {
  const api = await startBotApiServer();
  const bot = new Bot(api.token, { client: { apiRoot: api.url } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  await bot.init();
  const runner = run(bot);
  await measure(api, 200, () => 'pemanasan');
  const rate = await measure(api, UPDATES, (i) => `/setor ${1000 + i} jimpitan`);
  await runner.stop();
  await api.close();
  return rate;
}

async function wksbmRate(): Promise<{ rate: number; exact: boolean }> {
  const api = await startBotApiServer();
  const databases = await createDatabases();
  const db = await openDb(`file:${databases.fresh()}`);
  const stores = createStores(db, pino({ level: 'silent' }));
  const log = pino({ level: process.env.BENCH_LOG ?? 'silent' }, process.stderr);
  const channel = createTelegramChannel({
    token: api.token,
    apiRoot: api.url,
    core: createCore({ ...stores, clock: systemClock }),
    inbox: stores.inbox,
    clock: systemClock,
    log,
  });
  const unlimited = { limit: 1_000_000, windowMs: 1 };
  const scheduler = startScheduler(stores, [channel], {
    clock: systemClock,
    log,
    limiters: { telegram: createRateLimiter(unlimited, unlimited) },
    // Without the limits a claim is not bounded by a second of sends: take what is there.
    dispatch: { batch: 500, perChat: 50 },
  });
  for (let i = 0; i < GROUPS; i++) api.setAdmin(groupId(i), ketua, 'creator');
  await channel.init();
  channel.startPolling();
  await measure(api, GROUPS, (i) => `/mulai WKSBM Bench ${i}`);
  await measure(api, 200, () => '/setor 1 jimpitan');
  const rate = await measure(api, UPDATES, (i) => `/setor ${1000 + i} jimpitan`);
  await channel.stop();
  await scheduler.stop();
  await stores.writer.idle();
  const funds = await db.read.fund.findMany({ where: { name: 'jimpitan' } });
  const total = funds.reduce((sum, fund) => sum + fund.balance, 0n);
  const expected = 200n + Array.from({ length: UPDATES }, (_, i) => BigInt(1000 + i)).reduce((a, b) => a + b, 0n);
  await db.close();
  databases.cleanup();
  await api.close();
  return { rate, exact: total === expected };
}

const echo = await echoRate();
const wksbm = await wksbmRate();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`bench:telegram — ${UPDATES} updates over ${GROUPS} groups, long polling on loopback, rate limits off`);
console.log(`bare grammY echo bot      ${fmt(echo)} updates/s  (baseline)`);
console.log(`wksbm-bot /setor          ${fmt(wksbm.rate)} updates/s  ratio ${(wksbm.rate / echo).toFixed(3)}  balances ${wksbm.exact ? 'exact' : 'WRONG'}`);
console.log(`target (ratio ≥ 0.6): ${wksbm.rate / echo >= 0.6 && wksbm.exact ? 'met' : 'NOT met'}`);
