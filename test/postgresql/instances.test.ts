import { createServer, request as httpRequest, type Server } from 'node:http';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { freePort, startServer, type ServerProcess } from '../helpers/server-process.js';

/** 2,000 keeps CI within its time; MULTI_INSTANCE_UPDATES=10000 runs the full size of issue 15. */
const UPDATES = Number(process.env.MULTI_INSTANCE_UPDATES ?? 2_000);
const GROUPS = 50;
const IN_FLIGHT = 48;
const SECRET = 'rahasia-webhook-0123456789';
const SRI: TestUser = { id: 5, first_name: 'Bu', last_name: 'Sri' };

let servers: (ServerProcess | null)[] = [];
let api: BotApiServer | undefined;
let proxy: Server | undefined;
let url: string | undefined;
afterEach(async () => {
  for (const server of servers) server?.child.kill('SIGKILL');
  await Promise.all(servers.map((server) => server?.exited));
  servers = [];
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await api?.close();
  if (url) await dropTestDatabase(url);
});

/** A small reverse proxy: each request to a random live instance; a dead one answers 502, as nginx would. */
function startProxy(port: number, targets: () => number[]): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const live = targets();
    const target = live[Math.floor(Math.random() * live.length)];
    if (target === undefined) {
      outgoing.writeHead(502).end();
      return;
    }
    const forward = httpRequest(
      { host: '127.0.0.1', port: target, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forward);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Telegram's side: POSTs an update until an instance answers 200. */
async function deliver(proxyPort: number, update: Record<string, unknown>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const status = await fetch(`http://127.0.0.1:${proxyPort}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return attempt;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * attempt)));
  }
}

describe('three instances on one PostgreSQL database behind a round-robin proxy', () => {
  it(`apply each of ${UPDATES} webhook updates over ${GROUPS} groups exactly once, delivered 1–3 times, with an instance killed mid-way`, async () => {
    api = await startBotApiServer();
    url = await createTestDatabase();
    const proxyPort = await freePort();
    const env = {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${proxyPort}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    };
    // The proxy takes its port before the servers pick theirs: freePort only found it free a moment ago.
    proxy = await startProxy(proxyPort, () => servers.filter((server) => server !== null).map((server) => server.port));
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
    await Promise.all(servers.map((server) => server!.waitForHealth((health) => health.status === 'ok')));

    // 1. fifty groups register, each through whichever instance the proxy picks
    let updateId = 1;
    const groups = Array.from({ length: GROUPS }, (_, index) => -1009000 - index);
    for (const group of groups) api.setAdmin(group, SRI, 'creator');
    await Promise.all(groups.map((group) => deliver(proxyPort, { update_id: updateId++, ...api!.message(group, SRI, `/mulai WKSBM Uji ${group}`) })));

    // 2. a reminder for each group, due in 20 s: planned now, sent once by whichever instance owns the sending
    const remindAt = new Date(Date.now() + 20_000);
    const planner = new pg.Client({ connectionString: url });
    await planner.connect();
    for (const group of groups) {
      await planner.query(
        `INSERT INTO "Outbox" ("dedupeKey", "channel", "chatId", "subject", "payload", "dueAt", "nextAttemptAt", "status", "attempts", "createdAt")
         VALUES ($1, 'telegram', $2, 'uji', $3, $4, $4, 'pending', 0, now())`,
        [`uji-${group}`, String(group), JSON.stringify({ kind: 'text', text: `Pengingat rapat ${group}` }), remindAt],
      );
    }
    await planner.end();

    // 3. the setoran: each update goes 1–3 times to random instances, many at once
    const expected = new Map<number, { count: number; sum: bigint }>(groups.map((group) => [group, { count: 0, sum: 0n }]));
    const updates = Array.from({ length: UPDATES }, (_, index) => {
      const group = groups[index % GROUPS]!;
      const amount = 1000 * (1 + (index % 7));
      const totals = expected.get(group)!;
      totals.count++;
      totals.sum += BigInt(amount);
      return { update_id: updateId++, ...api!.message(group, SRI, `/setor ${amount} kas`) };
    });
    let acknowledged = 0;
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < updates.length) {
        const update = updates[next++]!;
        const copies = 1 + Math.floor(Math.random() * 3);
        await Promise.all(Array.from({ length: copies }, () => deliver(proxyPort, update)));
        acknowledged++;
        // 4. mid-way, the instance that owns the sending dies without a word and comes back a little later
        if (!killed && acknowledged >= updates.length / 2) {
          killed = true;
          const roles = await Promise.all(servers.map((server) => server?.health().then((health) => health?.instance?.role)));
          const index = Math.max(0, roles.indexOf('owner'));
          const victim = servers[index]!;
          victim.child.kill('SIGKILL');
          servers[index] = null;
          void victim.exited.then(async () => {
            await new Promise((resolve) => setTimeout(resolve, 2_000));
            const restarted = await startServer(env);
            await restarted.waitForHealth((health) => health.status === 'ok');
            servers[index] = restarted;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(acknowledged).toBe(UPDATES);
    expect(killed).toBe(true);

    // 5. every acknowledged update is in the inbox; the instances work through it
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const waiting = async () => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "InboxUpdate" WHERE "status" = 'pending'`)).rows[0]!.n);
    for (const deadline = Date.now() + 600_000; (await waiting()) > 0; ) {
      if (Date.now() > deadline) throw new Error(`${await waiting()} updates still pending`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const unhandled = await client.query(`SELECT "key", "status", "attempts", "lastError" FROM "InboxUpdate" WHERE "status" <> 'done'`);
    expect(unhandled.rows).toEqual([]);

    // 6. every acknowledged update was applied exactly once: counts, numbers and balances are exact
    const { rows } = await client.query<{ externalId: string; entries: number; numbers: number; top: number; sum: string; balance: string }>(`
      SELECT c."externalId", count(e.*)::int AS entries, count(DISTINCT e."number")::int AS numbers,
             max(e."number")::int AS top, COALESCE(sum(e."amount"), 0)::text AS sum, f."balance"::text AS balance
      FROM "Chat" c JOIN "Fund" f ON f."wksbmId" = c."wksbmId" AND f."name" = 'kas'
      LEFT JOIN "LedgerEntry" e ON e."fundId" = f."id"
      GROUP BY c."externalId", f."balance"`);
    expect(rows).toHaveLength(GROUPS);
    for (const row of rows) {
      const want = expected.get(Number(row.externalId))!;
      expect({ group: row.externalId, entries: row.entries, numbers: row.numbers, top: row.top, sum: row.sum, balance: row.balance }).toEqual({
        group: row.externalId,
        entries: want.count,
        numbers: want.count,
        top: want.count,
        sum: String(want.sum),
        balance: String(want.sum),
      });
    }

    // 7. each group's reminder was sent exactly once, none before it was due
    const isReminder = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' && String(call.payload.text).startsWith('Pengingat rapat');
    await api.waitFor((calls) => new Set(calls.filter((call) => isReminder(call) && call.status === 200).map((call) => call.payload.chat_id)).size === GROUPS, 300_000);
    const reminders = api.calls.filter((call) => isReminder(call) && call.status === 200);
    expect(reminders.map((call) => Number(call.payload.chat_id)).toSorted()).toEqual(groups.toSorted());
    for (const call of reminders) expect(call.at).toBeGreaterThanOrEqual(remindAt.getTime());

    // 8. the fleet kept Telegram's 20 messages a minute to a group, across the owner's death and the take-over
    const byGroup = new Map<string, number[]>();
    for (const call of api.calls) {
      if (call.method !== 'sendMessage' || call.status !== 200) continue;
      const chat = String(call.payload.chat_id);
      byGroup.set(chat, [...(byGroup.get(chat) ?? []), call.at]);
    }
    for (const [chat, times] of byGroup) {
      const sorted = times.toSorted((a, b) => a - b);
      for (let i = 20; i < sorted.length; i++) expect({ chat, gap: sorted[i]! - sorted[i - 20]! >= 60_000 }).toEqual({ chat, gap: true });
    }
    await client.end();
  }, 1_500_000);
});
