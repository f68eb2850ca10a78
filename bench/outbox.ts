/**
 * `npm run bench:outbox`: messages claimed and marked sent per second (the sender's whole use of the
 * database) on an outbox that keeps a month of sent messages, as the server does before it prunes them,
 * against the same work on an empty outbox, in the same run. A claim reads a chat's pending messages;
 * what was sent before must not make it slower.
 */
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { openDb } from '../src/db.js';
import { dialectFor } from '../src/store/dialect.js';
import { createStores } from '../src/store/index.js';
import { createDatabases } from './fixtures.js';

const KEPT = Number(process.env.BENCH_OUTBOX_KEPT ?? 200_000);
const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 5_000);
const CHATS = 100;
const ROUNDS = Number(process.env.BENCH_OUTBOX_ROUNDS ?? 3);
const DAY = 24 * 60 * 60_000;

const databases = await createDatabases();
/** DateTime columns as the server stores them on SQLite. */
const sqlite = dialectFor('sqlite');

/** A month of sent messages over a thousand chats (the bench's hundred among them), written directly. */
function keepSent(file: string, count: number): void {
  const db = new Database(file);
  const insert = db.prepare(`INSERT INTO "Outbox" ("dedupeKey", "channel", "chatId", "payload", "subject", "dueAt", "status", "attempts", "nextAttemptAt", "sentAt", "createdAt")
    VALUES (?, 'telegram', ?, ?, ?, ?, 'sent', 1, ?, ?, ?)`);
  const payload = JSON.stringify({ kind: 'text', text: '✅ Setoran dicatat.' });
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = sqlite.time(new Date(Date.now() - 30 * DAY + Math.floor((i / count) * 30 * DAY)));
      insert.run(`kept:${i}`, String(-1_000_000 - (i % 1_000)), payload, `inbox:kept:${i}`, at, at, at, at);
    }
  })();
  db.close();
}

/** Adds MESSAGES pending messages over CHATS chats, then claims and settles them all; messages per second. */
async function sendAll(kept: number): Promise<number> {
  const file = databases.fresh();
  if (kept) keepSent(file, kept);
  const db = await openDb(`file:${file}`);
  const { outbox } = createStores(db, pino({ level: 'silent' }));
  const now = new Date();
  for (let from = 0; from < MESSAGES; from += 500) {
    await outbox.add(
      Array.from({ length: Math.min(500, MESSAGES - from) }, (_, i) => ({
        dedupeKey: `bench:${from + i}`,
        channel: 'telegram' as const,
        chatId: String(-1_000_000 - ((from + i) % CHATS)),
        subject: `inbox:bench:${from + i}`,
        payload: { kind: 'text' as const, text: `✅ Setoran ${from + i} dicatat.` },
        dueAt: now,
        notAfter: null,
      })),
    );
  }
  const start = performance.now();
  let sent = 0;
  for (;;) {
    const claimed = await outbox.claim({ channels: ['telegram'], now: new Date(), limit: 500, perChat: 50, leaseMs: 60_000 });
    if (claimed.length === 0) break;
    const at = new Date();
    await Promise.all(claimed.map((message) => outbox.settle(message, { kind: 'sent', at })));
    sent += claimed.length;
  }
  const seconds = (performance.now() - start) / 1000;
  await db.close();
  if (sent !== MESSAGES) throw new Error(`sent ${sent} of ${MESSAGES}`);
  return sent / seconds;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`bench:outbox — ${MESSAGES} messages over ${CHATS} chats claimed and marked sent, ${ROUNDS} rounds`);
const ratios: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const empty = await sendAll(0);
  const full = await sendAll(KEPT);
  ratios.push(full / empty);
  console.log(`round ${round}  empty outbox                       ${fmt(empty)} messages/s  (baseline)`);
  console.log(`         ${fmt(KEPT)} sent messages kept        ${fmt(full)} messages/s  ratio ${(full / empty).toFixed(3)}`);
}
databases.cleanup();
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
console.log(`median ratio ${median.toFixed(3)}; target (≥ 0.8: what was sent does not slow the sender): ${median >= 0.8 ? 'met' : 'NOT met'}`);
