/**
 * `npm run bench:reminders`: 10,000 WKSBM (BENCH_WKSBM) each with a meeting whose day-before reminder
 * falls due at the same minute. The reminders are planned by the real commands into the outbox and
 * sent by the production scheduler (the one `npm start` runs) to a loopback Telegram that enforces
 * Telegram's limits (30 messages a second overall, 20 a minute per group, answering 429 with
 * retry_after beyond them) and refuses a share of sends with 429 anyway (BENCH_429_RATE, default 2%).
 *
 * The clock is real time shifted to the bench's calendar, so rate limits and waits are real.
 * Prints the achieved send rate over the allowed one (target ≥ 0.9) and how many reminders were sent
 * twice, lost or sent before they were due (each must be 0).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { createCore, type ChannelSender, type Clock, type Inbound } from '../src/core/index.js';
import { openDb } from '../src/db.js';
import { startScheduler } from '../src/scheduler/index.js';
import { createStores, migrate } from '../src/store/index.js';

const WKSBM = Number(process.env.BENCH_WKSBM ?? 10_000);
const INJECTED_429 = Number(process.env.BENCH_429_RATE ?? 0.02);
const ALLOWED_PER_SECOND = 30;
const PER_CHAT = { limit: 20, windowMs: 60_000 };
const SETUP_CONCURRENCY = 64;

/** Monday 23 November 2026, 12.00 WIB: meetings are announced for tomorrow 19.30. */
const ANNOUNCED_AT = Date.parse('2026-11-23T05:00:00Z');
/** Their day-before reminders: Monday 19.00 WIB. */
const DUE = Date.parse('2026-11-23T12:00:00Z');
/** The scheduler starts this long before the reminders are due, so an early send would show. */
const LEAD_MS = 3_000;

let shift = ANNOUNCED_AT - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + shift) };

const dir = mkdtempSync(path.join(tmpdir(), 'wksbm-bench-reminders-'));
const url = `file:${path.join(dir, 'bench.db')}`;
await migrate(url);
const db = await openDb(url);
const log = pino({ level: 'silent' });
const stores = createStores(db, log);
const core = createCore({ ...stores, clock });

// 1. Set-up. The groups (ketua, WKSBM, linked Telegram chat) are written straight into the file, as
//    /mulai would leave them; the meetings are announced through the real /rapat command, which plans
//    their reminders into the outbox.
const setupStart = performance.now();
const raw = new Database(path.join(dir, 'bench.db'));
const now = new Date().toISOString();
const insert = {
  person: raw.prepare('INSERT INTO Person (id, name, createdAt) VALUES (?, ?, ?)'),
  identity: raw.prepare("INSERT INTO Identity (channel, externalId, personId, createdAt) VALUES ('telegram', ?, ?, ?)"),
  wksbm: raw.prepare("INSERT INTO Wksbm (id, name, timeZone, nextNumber, createdById, createdAt) VALUES (?, ?, 'Asia/Jakarta', 1, ?, ?)"),
  chat: raw.prepare("INSERT INTO Chat (channel, externalId, wksbmId, linkedById, createdAt) VALUES ('telegram', ?, ?, ?, ?)"),
  membership: raw.prepare("INSERT INTO Membership (wksbmId, personId, role, roleSetById, roleSetAt, createdAt) VALUES (?, ?, 'ketua', ?, ?, ?)"),
};
raw.transaction(() => {
  for (let i = 0; i < WKSBM; i++) {
    const id = i + 1;
    insert.person.run(id, `Ketua ${i}`, now);
    insert.identity.run(`ketua-${i}`, id, now);
    insert.wksbm.run(id, `WKSBM ${i}`, id, now);
    insert.chat.run(`-100${i}`, id, id, now);
    insert.membership.run(id, id, id, now, now);
  }
})();
raw.close();

const message = (chat: number, text: string): Inbound => ({
  chat: { channel: 'telegram', id: `-100${chat}`, kind: 'group' },
  sender: { id: `ketua-${chat}`, name: `Ketua ${chat}` },
  messageId: randomUUID(),
  text,
});
let nextChat = 0;
await Promise.all(
  Array.from({ length: SETUP_CONCURRENCY }, async () => {
    while (nextChat < WKSBM) {
      const chat = nextChat++;
      const [answer] = await core.handle(message(chat, '/rapat insidental besok 19.30 Balai RW | Bench'));
      if (!answer?.text.startsWith('✅')) throw new Error(`set-up failed for chat ${chat}: ${answer?.text}`);
    }
  }),
);
await stores.writer.idle();
const planned = await db.read.outbox.count({ where: { dueAt: new Date(DUE) } });
const setupSeconds = (performance.now() - setupStart) / 1000;

// 2. A loopback Telegram: limits enforced where messages arrive, 429s injected, every acceptance recorded.
const accepted = new Map<string, number>();
const overall: number[] = [];
const perChat = new Map<string, number[]>();
const counts = { injected429: 0, limit429: 0, early: 0 };
let lastAcceptedAt = 0;
const tooMany = (seconds: number) => Object.assign(new Error('429: Too Many Requests'), { parameters: { retry_after: seconds } });
const within = (times: number[], now: number, windowMs: number) => {
  while (times.length && times[0]! <= now - windowMs) times.shift();
  return times;
};
const loopback: ChannelSender = {
  channel: 'telegram',
  async send(chatId) {
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4)); // network
    const now = Date.now();
    if (Math.random() < INJECTED_429) {
      counts.injected429++;
      throw tooMany(1);
    }
    const all = within(overall, now, 1_000);
    const chat = within(perChat.get(chatId) ?? [], now, PER_CHAT.windowMs);
    if (all.length >= ALLOWED_PER_SECOND || chat.length >= PER_CHAT.limit) {
      counts.limit429++;
      throw tooMany(1);
    }
    all.push(now);
    chat.push(now);
    perChat.set(chatId, chat);
    if (clock.now().getTime() < DUE) counts.early++;
    accepted.set(chatId, (accepted.get(chatId) ?? 0) + 1);
    lastAcceptedAt = now;
  },
  async sendDocument() {
    throw new Error('this benchmark sends reminders only');
  },
};

// 3. The production scheduler, started just before the minute everything falls due.
shift = DUE - LEAD_MS - Date.now();
const dueAtReal = Date.now() + LEAD_MS;
const scheduler = startScheduler(stores, [loopback], { clock, log });
const deadline = dueAtReal + (WKSBM / ALLOWED_PER_SECOND) * 2_000 + 60_000;
while (accepted.size < WKSBM && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
// A little longer, so a duplicate still in flight would be counted.
await new Promise((resolve) => setTimeout(resolve, 3_000));
await scheduler.stop();
await stores.writer.idle();
const rows = await db.read.outbox.groupBy({ by: ['status'], where: { dueAt: new Date(DUE) }, _count: true });
await db.close();
rmSync(dir, { recursive: true, force: true });

const sent = [...accepted.values()].reduce((a, b) => a + b, 0);
const twice = [...accepted.values()].reduce((sum, n) => sum + (n - 1), 0);
const lost = WKSBM - accepted.size;
const seconds = (lastAcceptedAt - dueAtReal) / 1000;
const rate = sent / seconds;
const ratio = rate / ALLOWED_PER_SECOND;
const status = Object.fromEntries(rows.map((row) => [row.status, row._count]));

console.log(
  `bench:reminders — ${WKSBM} WKSBM, one reminder each due at the same minute, through the outbox to a loopback ` +
    `Telegram (30/s overall, 20/min per group, ${(INJECTED_429 * 100).toFixed(0)}% injected 429)`,
);
console.log(`set-up (/rapat through the core for each WKSBM): ${setupSeconds.toFixed(1)} s, ${planned} reminders planned in the outbox`);
console.log(`sent ${sent} in ${seconds.toFixed(1)} s: ${rate.toFixed(2)}/s of ${ALLOWED_PER_SECOND}/s allowed, ratio ${ratio.toFixed(3)} (target ≥ 0.9)`);
console.log(`sent twice ${twice}, lost ${lost}, sent early ${counts.early} (each must be 0)`);
console.log(
  `429s: ${counts.injected429} injected, ${counts.limit429} for exceeding a limit; outbox rows: ` +
    Object.entries(status).map(([key, value]) => `${value} ${key}`).join(', '),
);
const met = ratio >= 0.9 && twice === 0 && lost === 0 && counts.early === 0;
console.log(`target: ${met ? 'met' : 'NOT met'}`);
process.exit(met ? 0 : 1);
