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

/** What each /setor pushed to the bot was for, by its message id in its group. */
const amounts = new Map<string, bigint>();
const messageKey = (chatId: unknown, messageId: unknown) => `${String(chatId)}:${String(messageId)}`;

interface Run {
  /** Updates answered per second. */
  readonly rate: number;
  /** CPU time of this process (bot, Bot API server and database together) per update, in ms. */
  readonly cpuMs: number;
}

/** Pushes `count` updates and measures how fast they were answered. */
async function measure(api: BotApiServer, count: number, text: (i: number) => string, chat = (i: number) => groupId(i % GROUPS)): Promise<Run> {
  const before = api.sentCount('sendMessage');
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const update = api.message(chat(i), ketua, text(i)) as { message: { message_id: number; chat: { id: number } } };
    const setor = /^\/setor (\d+) /.exec(text(i));
    if (setor) amounts.set(messageKey(update.message.chat.id, update.message.message_id), BigInt(setor[1]!));
    api.push(update);
  }
  await api.waitFor(() => api.sentCount('sendMessage') >= before + count, 600_000);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { rate: count / seconds, cpuMs: (used.user + used.system) / 1000 / count };
}

async function echoRate(): Promise<Run> {
  const api = await startBotApiServer();
  const bot = new Bot(api.token, { client: { apiRoot: api.url } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  await bot.init();
  const runner = run(bot);
  await measure(api, 200, () => 'pemanasan');
  const result = await measure(api, UPDATES, (i) => `/setor ${1000 + i} jimpitan`);
  await runner.stop();
  await api.close();
  return result;
}

/**
 * The balances against what the bot said: each /setor answered with its amount is in the books, and a
 * /setor answered with a refusal (admin list unreadable under load: "coba lagi sebentar") is not.
 */
function expectedTotal(api: BotApiServer): { total: bigint; refused: number; answers: number; refusals: Set<string> } {
  const refusals = new Set<string>();
  let total = 0n;
  let refused = 0;
  let answers = 0;
  for (const payload of api.sent('sendMessage')) {
    const quoted = (payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
    const amount = amounts.get(messageKey(payload.chat_id, quoted));
    if (amount === undefined) continue;
    answers++;
    if (String(payload.text).startsWith('✅')) total += amount;
    else {
      refused++;
      refusals.add(String(payload.text).slice(0, 60));
    }
  }
  return { total, refused, answers, refusals };
}

async function wksbmRate(): Promise<Run & { exact: boolean; refused: number }> {
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
  // A /mulai answered "coba lagi sebentar" (the admin list unreadable under load) is typed again, as a
  // person would: every group is linked before the measured /setor.
  for (let round = 0; round < 5; round++) {
    const linked = new Set(
      api
        .sent('sendMessage')
        .filter((payload) => /^🎉|sudah terdaftar/.test(String(payload.text)))
        .map((payload) => String(payload.chat_id)),
    );
    const unlinked = Array.from({ length: GROUPS }, (_, i) => groupId(i)).filter((id) => !linked.has(String(id)));
    if (unlinked.length === 0) break;
    for (const id of unlinked) await measure(api, 1, () => `/mulai WKSBM Bench ${id}`, () => id);
  }
  amounts.clear();
  await measure(api, 200, () => '/setor 1 jimpitan');
  const run = await measure(api, UPDATES, (i) => `/setor ${1000 + i} jimpitan`);
  await channel.stop();
  await scheduler.stop();
  await stores.writer.idle();
  const funds = await db.read.fund.findMany({ where: { name: 'jimpitan' } });
  const total = funds.reduce((sum, fund) => sum + fund.balance, 0n);
  const expected = expectedTotal(api);
  await db.close();
  databases.cleanup();
  await api.close();
  const exact = total === expected.total && expected.answers === amounts.size;
  if (!exact) console.log(`books ${total}, answers say ${expected.total}; ${expected.answers} of ${amounts.size} /setor answered`);
  if (expected.refused) console.log(`refusals: ${[...expected.refusals].join(' | ')}`);
  return { ...run, exact, refused: expected.refused };
}

const ROUNDS = Number(process.env.BENCH_TELEGRAM_ROUNDS ?? 3);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const cpu = (run: Run) => `${run.cpuMs.toFixed(2)} ms CPU/update`;
console.log(`bench:telegram — ${UPDATES} updates over ${GROUPS} groups, long polling on loopback, rate limits off, ${ROUNDS} rounds`);
// The bots take turns, each round a fresh server of each: the first round runs in a process not yet
// warmed up (the echo bot, first, gains most from later rounds), and the machine's noise comes and goes.
const ratios: number[] = [];
let correct = true;
for (let round = 1; round <= ROUNDS; round++) {
  const echo = await echoRate();
  const wksbm = await wksbmRate();
  const ratio = wksbm.rate / echo.rate;
  ratios.push(ratio);
  correct &&= wksbm.exact && wksbm.refused === 0;
  console.log(`round ${round}  bare grammY echo bot  ${fmt(echo.rate)} updates/s  ${cpu(echo)}  (baseline)`);
  console.log(`         wksbm-bot /setor      ${fmt(wksbm.rate)} updates/s  ${cpu(wksbm)}  ratio ${ratio.toFixed(3)}  balances ${wksbm.exact ? 'exact' : 'WRONG'}, ${wksbm.refused} refused`);
}
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
console.log(`median ratio ${median.toFixed(3)}; target (≥ 0.6, every balance exact): ${median >= 0.6 && correct ? 'met' : 'NOT met'}`);
