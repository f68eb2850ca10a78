/**
 * `npm run bench:dashboard`: the Buku kas page of a WKSBM with 1,000,000 entries (BENCH_ENTRIES), as a
 * logged-in ketua opens it, under 50 concurrent clients (autocannon, in a child process), against a plain Fastify route
 * returning a fixed page of the same size, in the same process and run. Both go through real HTTP on
 * loopback, while another connection commits BENCH_WRITES_PER_S times a second. Prints requests/s and p99
 * latency for both and the ratio. Target: p99 < 100 ms, ratio ≥ 0.2.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import { pino } from 'pino';
import { dashboardDeps } from '../src/app-context.js';
import { createDashboard, systemClock } from '../src/core/index.js';
import { openDb } from '../src/db.js';
import { buildApp } from '../src/http/app.js';
import { secretHash } from '../src/store/dashboard.js';
import { createStores } from '../src/store/index.js';
import { createDatabases } from './fixtures.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SESSION = 'bench-session-id-0123456789abcdefghijklmnopq';
/**
 * Setoran per second recorded on another connection while the dashboard is measured (BENCH_WRITES_PER_S,
 * default 20, as if typed in the chat; 0 for none). Each is a commit that changes the page's first rows
 * and drops every page and answer the server kept, so the figure includes rendering again after writes.
 */
const WRITES_PER_S = Number(process.env.BENCH_WRITES_PER_S ?? 20);

const { fresh, cleanup } = await createDatabases();
const file = fresh();

/** One WKSBM, its ketua, three funds and a live dashboard session; then the entries, as the ledger writes them. */
function seed(): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date();
  const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  db.prepare('INSERT INTO Person (id, name, createdAt) VALUES (1, ?, ?), (2, ?, ?)').run('Bu Sri', at(+now), 'Pak Budi', at(+now));
  db.prepare('INSERT INTO Wksbm (id, name, timeZone, nextNumber, createdById, createdAt) VALUES (1, ?, ?, ?, 1, ?)').run('WKSBM Bench', 'Asia/Jakarta', ENTRIES + 1, at(+now));
  db.prepare("INSERT INTO Membership (wksbmId, personId, role, roleSetById, roleSetAt, createdAt) VALUES (1, 1, 'ketua', 1, ?, ?)").run(at(+now), at(+now));
  db.prepare("INSERT INTO Chat (channel, externalId, title, wksbmId, linkedById, createdAt) VALUES ('telegram', '-100123', 'Grup RW 05', 1, 1, ?)").run(at(+now));
  const fund = db.prepare("INSERT INTO Fund (id, wksbmId, name, unit, balance, createdById, createdAt) VALUES (?, 1, ?, 'IDR', ?, 1, ?)");
  const insert = db.prepare(
    `INSERT INTO LedgerEntry (wksbmId, number, fundId, kind, amount, balanceAfter, contributorName, contributorId, recordedById, note, sourceKey, createdAt)
     VALUES (1, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?)`,
  );
  ['kas', 'jimpitan', 'kematian'].forEach((name, index) => fund.run(index + 1, name, 0, at(+now)));
  const balances = [0n, 0n, 0n];
  const start = now.getTime() - ENTRIES * 60_000;
  db.transaction(() => {
    for (let n = 1; n <= ENTRIES; n++) {
      const fundIndex = n % 3;
      const spend = n % 10 === 0 && balances[fundIndex]! >= 20_000n;
      const amount = spend ? -20_000n : 5_000n;
      balances[fundIndex] = balances[fundIndex]! + amount;
      insert.run(n, fundIndex + 1, spend ? 'keluar' : 'setor', amount, balances[fundIndex]!, spend ? null : 'Pak Budi', spend ? 'beli perlengkapan pos ronda' : 'jimpitan malam', `telegram:-100123:${n}`, at(start + n * 60_000));
    }
  })();
  const setBalance = db.prepare('UPDATE Fund SET balance = ? WHERE id = ?');
  balances.forEach((balance, index) => setBalance.run(balance, index + 1));
  db.prepare('INSERT INTO DashboardSession (idHash, personId, expiresAt, createdAt) VALUES (?, 1, ?, ?)').run(secretHash(SESSION), at(+now + 86_400_000), at(+now));
  db.close();
}

interface Figures {
  readonly rate: number;
  readonly p99: number;
  readonly non2xx: number;
  /** CPU this process (the server) spent per answered request: unlike req/s, barely moved by other load. */
  readonly cpuMs: number;
}

const cannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/**
 * autocannon in a process of its own: in this one it would share the event loop with the server it
 * measures, and the cost of reading 26 kB answers would count against whichever server is faster.
 */
async function load(url: string, headers: Record<string, string>): Promise<Figures> {
  const args = [cannon, '-j', '-c', String(CONNECTIONS), '-d', String(SECONDS)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  const cpu = process.cpuUsage();
  const child = spawn(process.execPath, [...args, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p99: number }; non2xx: number; errors: number };
  const cpuMs = (used.user + used.system) / 1000 / Math.max(1, result.requests.total);
  return { rate: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors, cpuMs };
}

const seeded = performance.now();
seed();
console.log(`seeded ${ENTRIES.toLocaleString('en')} entries in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

const log = pino({ level: 'silent' });
const db = await openDb(`file:${file}`);
const stores = createStores(db, log);
const deps = { ...stores, clock: systemClock, publicUrl: 'http://127.0.0.1' };
const app = await buildApp({
  log,
  version: 'bench',
  channels: () => ({}),
  checkDatabase: async () => {},
  dashboard: dashboardDeps({ stores, dashboard: createDashboard(deps), clock: systemClock }, 'http://127.0.0.1'),
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const pageUrl = `${address}/dasbor/1/buku-kas`;
const first = await fetch(pageUrl, { headers: { cookie: `wksbm_sesi=${SESSION}` } });
// A browser keeps the CSRF secret cookie the first page set, and sends it with every later page.
const csrfCookie = first.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
const cookie = { cookie: `wksbm_sesi=${SESSION}; ${csrfCookie}` };
const sample = await fetch(pageUrl, { headers: cookie });
const body = await sample.text();
if (sample.headers.getSetCookie().length) throw new Error('the page set a cookie again');
if (sample.status !== 200 || !body.includes(`#${ENTRIES}`)) throw new Error(`the Buku kas page did not render (${sample.status})`);
console.log(`Buku kas page: ${body.length.toLocaleString('en')} characters, ${(body.match(/class="entry /g) ?? []).length} rows`);

// The baseline: Fastify returning a fixed page of the same size, nothing else.
const plain = Fastify();
plain.get('/page', (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
const plainAddress = await plain.listen({ host: '127.0.0.1', port: 0 });

await load(`${plainAddress}/page`, {}); // warm-up of the loopback and autocannon
const baseline = await load(`${plainAddress}/page`, {});
const other = new Database(file);
other.pragma('busy_timeout = 10000');
const nextNumber = other.prepare('SELECT "nextNumber" AS number FROM "Wksbm" WHERE "id" = 1');
const addToKas = other.prepare('UPDATE "Fund" SET "balance" = "balance" + 5000 WHERE "id" = 1 RETURNING "balance"');
const entry = other.prepare(
  `INSERT INTO LedgerEntry (wksbmId, number, fundId, kind, amount, balanceAfter, contributorName, recordedById, note, sourceKey, createdAt)
   VALUES (1, ?, 1, 'setor', 5000, ?, 'Pak Budi', 1, 'jimpitan malam', ?, ?)`,
);
const setNextNumber = other.prepare('UPDATE "Wksbm" SET "nextNumber" = ? WHERE "id" = 1');
/** One setoran of Rp5.000 into kas, written as the ledger writes it: the entry, the balance, the next number. */
const setoran = other.transaction(() => {
  const { number } = nextNumber.get() as { number: number };
  const { balance } = addToKas.get() as { balance: number };
  entry.run(number, balance, `telegram:-100123:bench-${number}`, new Date().toISOString().replace('Z', '+00:00'));
  setNextNumber.run(number + 1);
});
let writes = 0;
const writer = WRITES_PER_S > 0 ? setInterval(() => (setoran(), writes++), 1000 / WRITES_PER_S) : null;
const dashboard = await load(pageUrl, cookie);
if (writer) clearInterval(writer);
other.close();
const after = await fetch(pageUrl, { headers: cookie }).then((response) => response.text());
if (writes && !after.includes(`#${ENTRIES + writes}`)) throw new Error('the Buku kas page did not show the last setoran');
if (writes) console.log(`${writes} setoran recorded by another connection during the dashboard run (${WRITES_PER_S}/s asked), the last one shown`);

const cpuOf = (figures: Figures) => `${figures.cpuMs.toFixed(2)} ms server CPU per request`;
console.log(`fixed page (baseline): ${baseline.rate.toFixed(0)} req/s, p99 ${baseline.p99} ms, ${cpuOf(baseline)}`);
console.log(`Buku kas, ${ENTRIES.toLocaleString('en')} entries: ${dashboard.rate.toFixed(0)} req/s, p99 ${dashboard.p99} ms, ${cpuOf(dashboard)}`);
console.log(`ratio: ${(dashboard.rate / baseline.rate).toFixed(2)} (target ≥ 0.2), p99 target < 100 ms`);
// On a shared machine the figures move with the load: say what it was.
console.log(`load average (1, 5, 15 min): ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${cpus().length} CPUs`);
if (baseline.non2xx || dashboard.non2xx) console.log(`non-2xx or errors: baseline ${baseline.non2xx}, dashboard ${dashboard.non2xx}`);

await plain.close();
await app.close();
await stores.writer.idle();
await db.close();
if (!process.env.BENCH_KEEP) cleanup(); else console.log(file);
