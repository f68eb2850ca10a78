/**
 * `npm run bench:ledger`: /setor through the whole core path (parse → role check → idempotency →
 * transaction → reply text) against the physical limit, the same rows written by raw better-sqlite3 in
 * one transaction each with the same WAL and synchronous settings. Both run in this process, one after
 * the other, on fresh copies of one migrated database, so the ratio is fair on a noisy machine.
 *
 * `npm run bench:ledger -- --db postgresql://…` does the same on PostgreSQL (a database of its own: it is
 * emptied before each run), against raw `pg` writing the same rows in one transaction each, 64 at once
 * over a pool, with the atomic `SET x = x + …` updates a hand-written PostgreSQL program would use.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { createCore, systemClock, type Inbound } from '../src/core/index.js';
import { openDb } from '../src/db.js';
import { createStores } from '../src/store/index.js';
import { createDatabases, databaseArgument, postgresDatabase, quantile } from './fixtures.js';

const RAW_TX = Number(process.env.BENCH_RAW_TX ?? 20_000);
const CORE_SEQUENTIAL = Number(process.env.BENCH_CORE_SEQUENTIAL ?? 2_000);
const CORE_CONCURRENT = Number(process.env.BENCH_CORE_CONCURRENT ?? 20_000);
const CONCURRENCY = 64;

const postgresUrl = databaseArgument();
const sqlite = postgresUrl ? undefined : await createDatabases();
const postgres = postgresUrl ? await postgresDatabase(postgresUrl) : undefined;
const freshUrl = async () => (postgres ? postgres.fresh() : `file:${sqlite!.fresh()}`);

/** The rows one posted /setor writes: its entry and inbound record, the new balance and the next number. */
function rawBaseline(): { rate: number } {
  const db = new Database(sqlite!.fresh());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const now = new Date().toISOString();
  db.prepare('INSERT INTO Person (id, name, createdAt) VALUES (1, ?, ?)').run('Bu Sri', now);
  db.prepare('INSERT INTO Wksbm (id, name, timeZone, nextNumber, createdById, createdAt) VALUES (1, ?, ?, 1, 1, ?)').run('Bench', 'Asia/Jakarta', now);
  db.prepare('INSERT INTO Fund (id, wksbmId, name, unit, balance, createdById, createdAt) VALUES (1, 1, ?, ?, 0, 1, ?)').run('jimpitan', 'IDR', now);
  const insertEntry = db.prepare(
    'INSERT INTO LedgerEntry (wksbmId, number, fundId, kind, amount, balanceAfter, contributorName, contributorId, recordedById, createdAt) VALUES (1, ?, 1, ?, ?, ?, ?, 1, 1, ?)',
  );
  const insertInbound = db.prepare('INSERT INTO InboundMessage (key, personId, replies, createdAt) VALUES (?, 1, ?, ?)');
  const updateBalance = db.prepare('UPDATE Fund SET balance = ? WHERE id = 1 AND balance = ?');
  const updateNumber = db.prepare('UPDATE Wksbm SET nextNumber = ? WHERE id = 1 AND nextNumber = ?');
  let balance = 0n;
  const post = db.transaction((number: number, amount: bigint) => {
    const after = balance + amount;
    insertEntry.run(number, 'setor', amount, after, 'Bu Sri', new Date().toISOString());
    insertInbound.run(`bench:${number}`, '[{"text":"✅"}]', new Date().toISOString());
    updateBalance.run(after, balance);
    updateNumber.run(number + 1, number);
    balance = after;
  });
  const start = performance.now();
  for (let i = 1; i <= RAW_TX; i++) post(i, 5000n);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { rate: RAW_TX / seconds };
}

/** The same rows through raw `pg`: one transaction per setor, CONCURRENCY at once. */
async function rawPostgresBaseline(url: string): Promise<{ rate: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  const now = new Date();
  await pool.query('INSERT INTO "Person" ("id", "name", "createdAt") VALUES (1, $1, $2)', ['Bu Sri', now]);
  await pool.query(
    'INSERT INTO "Wksbm" ("id", "name", "timeZone", "nextNumber", "createdById", "createdAt") VALUES (1, $1, $2, 1, 1, $3)',
    ['Bench', 'Asia/Jakarta', now],
  );
  await pool.query(
    'INSERT INTO "Fund" ("id", "wksbmId", "name", "unit", "balance", "createdById", "createdAt") VALUES (1, 1, $1, $2, 0, 1, $3)',
    ['jimpitan', 'IDR', now],
  );
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < RAW_TX) {
        next++;
        await client.query('BEGIN');
        const number = (await client.query<{ n: number }>('UPDATE "Wksbm" SET "nextNumber" = "nextNumber" + 1 WHERE "id" = 1 RETURNING "nextNumber" - 1 AS n')).rows[0]!.n;
        const after = (await client.query<{ b: string }>('UPDATE "Fund" SET "balance" = "balance" + 5000 WHERE "id" = 1 RETURNING "balance" AS b')).rows[0]!.b;
        await client.query(
          'INSERT INTO "LedgerEntry" ("wksbmId", "number", "fundId", "kind", "amount", "balanceAfter", "contributorName", "contributorId", "recordedById", "createdAt") VALUES (1, $1, 1, $2, 5000, $3, $4, 1, 1, $5)',
          [number, 'setor', after, 'Bu Sri', new Date()],
        );
        await client.query('INSERT INTO "InboundMessage" ("key", "personId", "replies", "createdAt") VALUES ($1, 1, $2, $3)', [`bench:${number}`, '[{"text":"✅"}]', new Date()]);
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  await pool.end();
  return { rate: RAW_TX / seconds };
}

interface CoreRun {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  balanceOk: boolean;
}

async function corePath(total: number, concurrency: number): Promise<CoreRun> {
  const db = await openDb(await freshUrl());
  const stores = createStores(db, pino({ level: 'silent' }));
  const core = createCore({ ...stores, clock: systemClock });
  const message = (text: string): Inbound => ({
    chat: { channel: 'console', id: 'rt05', kind: 'group' },
    sender: { id: 'bu sri', name: 'Bu Sri' },
    messageId: randomUUID(),
    text,
  });
  await core.handle(message('/mulai WKSBM Bench'));
  await core.handle(message('/setor 1 jimpitan')); // warms the caches every command reads

  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const started = performance.now();
      const replies = await core.handle(message('/setor 5rb jimpitan'));
      latencies.push(performance.now() - started);
      if (!replies[0]?.text.startsWith('✅ #')) errors++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  await stores.writer.idle();
  const fund = await db.read.fund.findFirstOrThrow({ where: { name: 'jimpitan' } });
  await db.close();
  latencies.sort((a, b) => a - b);
  return {
    rate: total / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    balanceOk: fund.balance === 1n + 5000n * BigInt(total),
  };
}

const raw = postgresUrl ? await rawPostgresBaseline(await freshUrl()) : rawBaseline();
const sequential = await corePath(CORE_SEQUENTIAL, 1);
const concurrent = await corePath(CORE_CONCURRENT, CONCURRENCY);
sqlite?.cleanup();

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(2)} ms`;
if (postgresUrl) {
  console.log('bench:ledger — /setor, whole core path vs raw pg (same rows) on PostgreSQL');
  console.log(`raw pg, 1 tx per setor, ${CONCURRENCY} at once      ${fmt(raw.rate)} setor/s  (baseline, ${RAW_TX} tx)`);
} else {
  console.log('bench:ledger — /setor, whole core path vs raw better-sqlite3 (same rows, WAL, synchronous=NORMAL)');
  console.log(`raw better-sqlite3, 1 tx per setor       ${fmt(raw.rate)} setor/s  (baseline, ${RAW_TX} tx)`);
}
for (const [label, run, total] of [
  ['core, concurrency 1 ', sequential, CORE_SEQUENTIAL],
  [`core, concurrency ${CONCURRENCY}`, concurrent, CORE_CONCURRENT],
] as const) {
  console.log(
    `${label}                    ${fmt(run.rate)} setor/s  ratio ${(run.rate / raw.rate).toFixed(3)}  ` +
      `p50 ${ms(run.p50)}  p99 ${ms(run.p99)}  errors ${run.errors}/${total}  balance ${run.balanceOk ? 'exact' : 'WRONG'}`,
  );
}
const target = concurrent.rate / raw.rate >= 0.3 && concurrent.errors === 0 && concurrent.balanceOk;
console.log(`target (ratio ≥ 0.30, zero errors at concurrency ${CONCURRENCY}): ${target ? 'met' : 'NOT met'}`);
