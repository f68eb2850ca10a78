/**
 * `npm run bench:scale -- --db postgresql://…`: /setor webhook updates per second through one server
 * instance, then through three on the same PostgreSQL database (requests spread round-robin, as a
 * reverse proxy would), each run on an emptied database with the loopback Bot API taking the replies.
 * A webhook answers 200 once the update is stored in the inbox; an update counts as applied when its
 * ledger entry is committed, so both rates are printed: acknowledged and applied. Prints the ratio. On a machine with few cores this shows where the limit is, not
 * linear scaling: see README, "Lebih dari satu mesin".
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startBotApiServer, type TestUser } from '../test/helpers/bot-api-server.js';
import { startServer, type ServerProcess } from '../test/helpers/server-process.js';
import { databaseArgument, postgresDatabase } from './fixtures.js';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 3_000);
const GROUPS = 100;
const CONCURRENCY = 64;
const SECRET = randomBytes(16).toString('hex');
const SRI: TestUser = { id: 5, first_name: 'Bu', last_name: 'Sri' };

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

async function measure(instances: number): Promise<{ acknowledged: number; applied: number; cpu: string }> {
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
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - start) / 1000;
    const driver = process.cpuUsage(cpuBefore);
    while ((await entries(databaseUrl)) < UPDATES) await new Promise((resolve) => setTimeout(resolve, 50));
    const appliedSeconds = (performance.now() - start) / 1000;
    return {
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
