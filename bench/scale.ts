/**
 * `npm run bench:scale -- --db postgresql://…`: /setor webhook updates per second through one server
 * instance, then through three on the same PostgreSQL database (requests spread round-robin, as a
 * reverse proxy would), each run on an emptied database with the loopback Bot API taking the replies.
 * A webhook answers 200 once the update is stored in the inbox; an update counts as applied when its
 * ledger entry is committed, so both rates are printed: acknowledged and applied. Prints the ratio. On a machine with few cores this shows where the limit is, not
 * linear scaling: see README, "Lebih dari satu mesin". With the database on this machine it also prints
 * the PostgreSQL CPU time each update cost, and how many WKSBM one database server carries at that cost.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startBotApiServer, type TestUser } from '../test/helpers/bot-api-server.js';
import { startServer, type ServerProcess } from '../test/helpers/server-process.js';
import { databaseArgument, postgresDatabase } from './fixtures.js';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 3_000);
const GROUPS = 100;
const CONCURRENCY = 64;
const SECRET = randomBytes(16).toString('hex');
const SRI: TestUser = { id: 5, first_name: 'Bu', last_name: 'Sri' };
/**
 * The activity the capacity is stated for: a busy WKSBM's evening, 50 /setor in 10 minutes, with every
 * WKSBM at that peak in the same hour (the worst case: the same arisan night everywhere). The database
 * server: 4 cores kept at 70% at most.
 */
const PEAK_UPDATES_PER_SECOND = 50 / 600;
const SERVER_CORES = 4;
const SERVER_BUSY = 0.7;
/** Linux counts process CPU time in ticks of 1/100 s (USER_HZ, the same on every architecture). */
const TICKS_PER_SECOND = 100;

const url = databaseArgument();
if (!url) {
  console.error('Usage: npm run bench:scale -- --db postgresql://user:password@host:5432/wksbm_bench (a database of its own: it is emptied)');
  process.exit(2);
}
const database = await postgresDatabase(url);
const api = await startBotApiServer();

async function post(port: number, update: Record<string, unknown>): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/telegram/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  if (response.status !== 200) throw new Error(`instance answered ${response.status}`);
}

async function entries(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "LedgerEntry"')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/**
 * CPU ticks used so far by each PostgreSQL backend connected to the bench database, read from /proc;
 * null when the server is not on this machine. Only that database's backends count: other work on the
 * same server (tests of other checkouts) is not the bench's. Read while the instances are connected: a
 * backend's time is gone when it exits.
 */
async function backendTicks(databaseUrl: string): Promise<Map<number, number> | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return null;
      }
      // Fields after the command's closing parenthesis: state is the first, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    }
    return ticks;
  } finally {
    await client.end();
  }
}

/** Database CPU milliseconds between two readings (a backend started in between counts whole). */
function databaseMs(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return (ticks / TICKS_PER_SECOND) * 1000;
}

async function measure(instances: number): Promise<{ acknowledged: number; applied: number; cpu: string; databaseMsPerUpdate: number | null }> {
  const databaseUrl = await database.fresh();
  const env = {
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1/telegram/hook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'warn',
  };
  const servers: ServerProcess[] = await Promise.all(Array.from({ length: instances }, () => startServer(env)));
  try {
    await Promise.all(servers.map((server) => server.waitForHealth((health) => health.status === 'ok')));
    let updateId = 1;
    let turn = 0;
    const port = () => servers[turn++ % servers.length]!.port;
    const groups = Array.from({ length: GROUPS }, (_, index) => -1008000 - index);
    for (const group of groups) {
      api.setAdmin(group, SRI, 'creator');
      await post(port(), { update_id: updateId++, ...api.message(group, SRI, `/mulai WKSBM Bench ${group}`) });
    }
    let next = 0;
    const worker = async () => {
      while (next < UPDATES) {
        const index = next++;
        await post(port(), { update_id: updateId++, ...api.message(groups[index % GROUPS]!, SRI, '/setor 5rb kas') });
      }
    };
    const ticksBefore = await backendTicks(databaseUrl);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - start) / 1000;
    const driver = process.cpuUsage(cpuBefore);
    while ((await entries(databaseUrl)) < UPDATES) await new Promise((resolve) => setTimeout(resolve, 50));
    const appliedSeconds = (performance.now() - start) / 1000;
    const databaseCpu = databaseMs(ticksBefore, await backendTicks(databaseUrl));
    return {
      databaseMsPerUpdate: databaseCpu === null ? null : databaseCpu / UPDATES,
      acknowledged: UPDATES / seconds,
      applied: UPDATES / appliedSeconds,
      cpu: `${(((driver.user + driver.system) / 1e6 / seconds) * 100).toFixed(0)}% of a core in the driver`,
    };
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
  }
}

const one = await measure(1);
const three = await measure(3);
await api.close();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`bench:scale — /setor webhook updates on one PostgreSQL, ${UPDATES} updates over ${GROUPS} groups, ${CONCURRENCY} at once`);
console.log(`1 instance    applied ${fmt(one.applied)} updates/s (baseline), acknowledged ${fmt(one.acknowledged)}/s  (${one.cpu})`);
console.log(
  `3 instances   applied ${fmt(three.applied)} updates/s  ratio ${(three.applied / one.applied).toFixed(2)}, acknowledged ${fmt(three.acknowledged)}/s  ratio ${(three.acknowledged / one.acknowledged).toFixed(2)}  (${three.cpu})`,
);
if (one.databaseMsPerUpdate === null || three.databaseMsPerUpdate === null) {
  console.log('PostgreSQL CPU per update: not measured (the server is not on this machine)');
} else {
  // The dearer of the two runs: several instances cost the database more per update (more, smaller batches).
  const perUpdateMs = Math.max(one.databaseMsPerUpdate, three.databaseMsPerUpdate);
  const serverRate = (SERVER_CORES * SERVER_BUSY * 1000) / perUpdateMs;
  console.log(
    `PostgreSQL CPU per update: ${one.databaseMsPerUpdate.toFixed(2)} ms through 1 instance, ${three.databaseMsPerUpdate.toFixed(2)} ms through 3`,
  );
  console.log(
    `Capacity: ${SERVER_CORES} cores at ${SERVER_BUSY * 100}% / ${perUpdateMs.toFixed(2)} ms = ${fmt(serverRate)} updates/s; ` +
      `a busy WKSBM's evening (50 /setor in 10 min, ${PEAK_UPDATES_PER_SECOND.toFixed(3)}/s), all WKSBM at once: ` +
      `${fmt(serverRate / PEAK_UPDATES_PER_SECOND)} WKSBM per PostgreSQL server (its CPU only; the instances and Telegram's 30 messages/s come first)`,
  );
}
