/**
 * `npm run bench:iuran`, two figures, each against a plain indexed SELECT of the same rows measured in
 * the same run on the same file:
 *
 * 1. `/tunggakan` p99 in a WKSBM of 500 households (BENCH_KK) × 3 iuran (kematian bulanan, kas mingguan,
 *    jimpitan harian) × 24 months of history (every payment and allocation row a real history leaves:
 *    about 430,000 allocations), through the whole core path: parse, role scope, read, standings, text.
 *    Both readings: a pengurus's private chat (households in arrears, named) and an anggota in the group
 *    (counts only); and a warga's own `/iuran saya` in private. Target: p99 under 50 ms for each. With each figure, the CPU time per call, and the
 *    load average at the end: on a shared machine the wall times say as much about the neighbours.
 * 2. Planning one month's reminders for 1,000 WKSBM (BENCH_WKSBM) of 40 households (BENCH_KK_SMALL) with
 *    3 iuran each, the kematian one reminding on the 10th: the production planner writes every private
 *    reminder and group line into the outbox.
 */
import { availableParallelism, loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { createCore, type Clock, type Inbound } from '../src/core/index.js';
import { periodKey, periodOfDate, type PeriodKind } from '../src/core/iuran/period.js';
import { openDb } from '../src/db.js';
import { createStores } from '../src/store/index.js';
import { createDatabases, quantile } from './fixtures.js';

const KK = Number(process.env.BENCH_KK ?? 500);
const WKSBM = Number(process.env.BENCH_WKSBM ?? 1_000);
const KK_SMALL = Number(process.env.BENCH_KK_SMALL ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

/** 10 November 2026, 10.00 WIB: the kematian reminder day, 24 months after the iuran began. */
const NOW = new Date('2026-11-10T03:00:00Z');
const START = '2024-11-01';
const clock: Clock = { now: () => NOW };

const IURAN: readonly { fund: string; kind: PeriodKind; amount: number; reminderDay: number | null }[] = [
  { fund: 'kematian', kind: 'bulanan', amount: 10_000, reminderDay: 10 },
  { fund: 'kas', kind: 'mingguan', amount: 2_000, reminderDay: null },
  { fund: 'jimpitan', kind: 'harian', amount: 500, reminderDay: null },
];

const { fresh, cleanup } = await createDatabases();
const iso = new Date().toISOString();

/** Every period from the start to now, oldest first. */
function periods(kind: PeriodKind): number[] {
  const first = periodOfDate(kind, START);
  const last = periodOfDate(kind, DateTime.fromJSDate(NOW, { zone: 'Asia/Jakarta' }).toISODate()!);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Writes WKSBM with their households, members, iuran and history straight into the file, as the commands
 * would leave them: one ledger entry per iuran and period paying every household that paid (a jimpitan
 * round, a monthly collection), one payment and one allocation row per household and period. One household
 * in five stopped paying 1–6 months ago; `history` false writes only the account totals.
 */
function seed(file: string, wksbms: number, households: number, history: boolean) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const q = {
    person: db.prepare('INSERT INTO Person (id, name, createdAt) VALUES (?, ?, ?)'),
    identity: db.prepare("INSERT INTO Identity (channel, externalId, personId, createdAt) VALUES ('telegram', ?, ?, ?)"),
    wksbm: db.prepare("INSERT INTO Wksbm (id, name, timeZone, nextNumber, createdById, createdAt) VALUES (?, ?, 'Asia/Jakarta', 1, ?, ?)"),
    chat: db.prepare("INSERT INTO Chat (channel, externalId, wksbmId, linkedById, createdAt) VALUES ('telegram', ?, ?, ?, ?)"),
    membership: db.prepare('INSERT INTO Membership (wksbmId, personId, role, roleSetById, roleSetAt, createdAt) VALUES (?, ?, ?, ?, ?, ?)'),
    fund: db.prepare("INSERT INTO Fund (id, wksbmId, name, unit, balance, createdById, createdAt) VALUES (?, ?, ?, 'IDR', 0, ?, ?)"),
    iuran: db.prepare('INSERT INTO Iuran (id, wksbmId, fundId, period, start, reminderDay, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    rate: db.prepare('INSERT INTO IuranRate (iuranId, fromPeriod, amount, createdById, createdAt) VALUES (?, ?, ?, ?, ?)'),
    household: db.prepare('INSERT INTO Household (id, wksbmId, name, since, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?)'),
    member: db.prepare('INSERT INTO HouseholdMember (wksbmId, householdId, personId, addedById, createdAt) VALUES (?, ?, ?, ?, ?)'),
    entry: db.prepare("INSERT INTO LedgerEntry (id, wksbmId, number, fundId, kind, amount, balanceAfter, recordedById, createdAt) VALUES (?, ?, ?, ?, 'setor', ?, ?, ?, ?)"),
    account: db.prepare('INSERT INTO IuranAccount (id, wksbmId, iuranId, householdId, paid, allocated) VALUES (?, ?, ?, ?, ?, ?)'),
    payment: db.prepare('INSERT INTO IuranPayment (id, accountId, entryId, amount, createdAt) VALUES (?, ?, ?, ?, ?)'),
    allocation: db.prepare('INSERT INTO IuranAllocation (accountId, paymentId, period, amount, createdAt) VALUES (?, ?, ?, ?, ?)'),
  };
  let person = 0;
  let entry = 0;
  let payment = 0;
  let account = 0;
  let household = 0;
  let fund = 0;
  const stoppedAgo = (h: number) => (h % 5 === 0 ? 1 + (h % 6) : 0);
  db.transaction(() => {
    for (let w = 1; w <= wksbms; w++) {
      const ketua = ++person;
      q.person.run(ketua, `Ketua ${w}`, iso);
      q.identity.run(`ketua-${w}`, ketua, iso);
      q.wksbm.run(w, `WKSBM ${w}`, ketua, iso);
      q.chat.run(`-${w}`, w, ketua, iso);
      q.membership.run(w, ketua, 'ketua', ketua, iso, iso);
      const homes: number[] = [];
      for (let h = 0; h < households; h++) {
        const id = ++household;
        homes.push(id);
        q.household.run(id, w, `KK ${h} Warga ${w}`, START, ketua, iso);
        const member = ++person;
        q.person.run(member, `Warga ${w}-${h}`, iso);
        q.identity.run(`warga-${w}-${h}`, member, iso);
        q.membership.run(w, member, 'anggota', ketua, iso, iso);
        q.member.run(w, id, member, ketua, iso);
      }
      IURAN.forEach((spec, index) => {
        const fundId = ++fund;
        q.fund.run(fundId, w, spec.fund, ketua, iso);
        const iuranId = fundId;
        q.iuran.run(iuranId, w, fundId, spec.kind, START, spec.reminderDay, ketua, iso);
        q.rate.run(iuranId, START, spec.amount, ketua, iso);
        const all = periods(spec.kind);
        const perMonth = all.length / 24;
        const accounts = homes.map((home, h) => {
          const paidPeriods = all.length - Math.round(stoppedAgo(h) * perMonth);
          const paid = BigInt(paidPeriods * spec.amount);
          const id = ++account;
          q.account.run(id, w, iuranId, home, paid, paid);
          return { id, paidPeriods };
        });
        if (!history) return;
        all.forEach((period, p) => {
          const entryId = ++entry;
          q.entry.run(entryId, w, entryId, fundId, spec.amount, spec.amount, ketua, iso);
          for (const { id, paidPeriods } of accounts) {
            if (p >= paidPeriods) continue;
            const paymentId = ++payment;
            q.payment.run(paymentId, id, entryId, spec.amount, iso);
            q.allocation.run(id, paymentId, periodKey(spec.kind, period), spec.amount, iso);
          }
        });
        void index;
      });
    }
  })();
  db.close();
}

/** Times running the statements one after the other (each an indexed SELECT), `runs` times. */
function timeRaw(file: string, sqls: readonly string[], args: unknown[], runs: number): number[] {
  const db = new Database(file, { readonly: true });
  const statements = sqls.map((sql) => db.prepare(sql));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (const statement of statements) statement.all(...args);
    times.push(performance.now() - start);
  }
  db.close();
  return times.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

// 1. /tunggakan in one big WKSBM.
{
  const file = fresh();
  const seedStart = performance.now();
  seed(file, 1, KK, true);
  const rows = new Database(file, { readonly: true }).prepare('SELECT count(*) AS n FROM IuranAllocation').get() as { n: number };
  console.log(`seeded 1 WKSBM × ${KK} KK × ${IURAN.length} iuran × 24 months: ${rows.n} allocations in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const db = await openDb(`file:${file}`);
  const stores = createStores(db, pino({ level: 'silent' }));
  const core = createCore({ ...stores, clock });
  let n = 0;
  const warga = { id: 'warga-1-0', name: 'Warga 1-0' };
  /** In the group (a warga), the ketua in private, or a warga in private. */
  const ask = (text: string, where: 'group' | 'ketua' | 'warga'): Inbound => ({
    chat: where === 'group' ? { channel: 'telegram', id: '-1', kind: 'group' } : { channel: 'telegram', id: `${where}-1`, kind: 'private' },
    sender: where === 'ketua' ? { id: 'ketua-1', name: 'Ketua 1' } : warga,
    messageId: `m${++n}`,
    text,
  });
  const first = (await core.handle(ask('/tunggakan', 'ketua')))[0]!.text;
  if (!first.includes(`belum lunas`)) throw new Error('the bench WKSBM shows no arrears');
  // On SQLite the read connection keeps an answer while nothing was committed; a busy WKSBM commits all
  // the time, so unless `cached`, another connection commits a row just before every call, as the writer
  // would, and every call reads the database.
  const other = new Database(file);
  other.exec('CREATE TABLE "BenchCommit" ("at" REAL)');
  const commit = other.prepare('INSERT INTO "BenchCommit" ("at") VALUES (?)');
  const measure = async (text: string, where: 'group' | 'ketua' | 'warga', cached = false) => {
    const times: number[] = [];
    let cpu = 0;
    for (let i = 0; i < RUNS; i++) {
      if (!cached) commit.run(i);
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await core.handle(ask(text, where));
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu += (used.user + used.system) / 1000;
    }
    return { times: times.sort((a, b) => a - b), cpuPerCall: cpu / RUNS };
  };
  if (!(await core.handle(ask('/iuran saya', 'warga')))[0]!.text.includes('Warga')) throw new Error('the bench warga has no household');
  await measure('/tunggakan', 'ketua'); // warm-up
  await measure('/tunggakan', 'group');
  await measure('/iuran saya', 'warga');
  const named = await measure('/tunggakan', 'ketua');
  const counts = await measure('/tunggakan', 'group');
  const countsCached = await measure('/tunggakan', 'group', true);
  const mine = await measure('/iuran saya', 'warga');
  other.close();
  await db.close();
  const baseline = timeRaw(
    file,
    [
      'SELECT id, name, address, since, leftOn FROM Household WHERE wksbmId = ?',
      'SELECT householdId, iuranId, paid FROM IuranAccount WHERE wksbmId = ?',
      'SELECT * FROM Iuran i JOIN IuranRate r ON r.iuranId = i.id WHERE i.wksbmId = ?',
    ],
    [1],
    RUNS,
  );
  const b99 = quantile(baseline, 0.99);
  const line = (label: string, { times, cpuPerCall }: { times: number[]; cpuPerCall: number }) => {
    const p99 = quantile(times, 0.99);
    console.log(
      `${label}  p50 ${fmt(quantile(times, 0.5))}  p99 ${fmt(p99)}  CPU ${fmt(cpuPerCall)}/call  ratio to baseline p99 ${(p99 / b99).toFixed(1)}  target p99 < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'}`,
    );
  };
  line('/tunggakan (pengurus, names)        ', named);
  line('/tunggakan (group, counts)          ', counts);
  line('/tunggakan (group, counts, no commit)', countsCached);
  line('/iuran saya (a warga, in private)   ', mine);
  console.log(`baseline: indexed SELECTs of the WKSBM's households, accounts and iuran (raw better-sqlite3)  p50 ${fmt(quantile(baseline, 0.5))}  p99 ${fmt(b99)}`);
  console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
}

// 2. One month's reminders for many WKSBM.
{
  const file = fresh();
  const seedStart = performance.now();
  seed(file, WKSBM, KK_SMALL, false);
  console.log(`seeded ${WKSBM} WKSBM × ${KK_SMALL} KK × ${IURAN.length} iuran in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const baseline = timeRaw(
    file,
    [
      'SELECT * FROM Iuran WHERE reminderDay IS NOT NULL',
      'SELECT h.* FROM Household h JOIN Iuran i ON i.wksbmId = h.wksbmId AND i.reminderDay IS NOT NULL',
      'SELECT a.* FROM IuranAccount a JOIN Iuran i ON i.wksbmId = a.wksbmId AND i.reminderDay IS NOT NULL',
      'SELECT m.*, p.* FROM HouseholdMember m JOIN Iuran i ON i.wksbmId = m.wksbmId AND i.reminderDay IS NOT NULL JOIN Identity p ON p.personId = m.personId',
    ],
    [],
    5,
  );
  const db = await openDb(`file:${file}`);
  const stores = createStores(db, pino({ level: 'silent' }));
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const planned = await stores.planner.planReminders(NOW);
  const took = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  await stores.writer.idle();
  const outbox = await db.read.outbox.count();
  await db.close();
  const b = quantile(baseline, 0.5);
  console.log(`planning reminders for ${WKSBM} WKSBM: ${planned} households reminded, ${outbox} outbox rows, ${(took / 1000).toFixed(2)} s (${fmt(took / WKSBM)} per WKSBM)`);
  console.log(`CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${fmt((cpu.user + cpu.system) / 1000 / WKSBM)} per WKSBM)`);
  console.log(`baseline: indexed SELECTs of the same rows (raw better-sqlite3) ${fmt(b)}  ratio ${(took / b).toFixed(1)}`);
  console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
}

cleanup();
