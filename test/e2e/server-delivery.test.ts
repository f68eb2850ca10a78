import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

/**
 * The server as a process (what npm start runs, without npm in between: a SIGKILL of npm would leave the
 * server running) against the loopback Bot API, killed and stopped while it works: what Telegram was told
 * had arrived must be applied once and answered, whatever happens to the process.
 */
const ketua: TestUser = { id: 5, first_name: 'Bu', last_name: 'Sri' };
// Ten groups, ten setoran each: under Telegram's 20 a minute per group, so the limit does not set the pace.
const GROUPS = Array.from({ length: 10 }, (_, i) => -100901 - i);

let servers: ServerProcess[] = [];
let api: BotApiServer | undefined;
let url: string | undefined;
afterEach(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await Promise.all(servers.map((server) => server.exited));
  servers = [];
  await api?.close();
  if (url) await dropTestDatabase(url);
  url = undefined;
});

async function start(): Promise<ServerProcess> {
  const server = await startServer({ DATABASE_URL: url!, TELEGRAM_BOT_TOKEN: api!.token, TELEGRAM_API_ROOT: api!.url });
  servers.push(server);
  await server.waitForHealth(() => true);
  return server;
}

/** The message ids the bot's replies quote: which commands were answered. */
const answered = () => new Set(api!.sent('sendMessage').map((payload) => (payload.reply_parameters as { message_id?: number } | undefined)?.message_id));

async function linkGroups(): Promise<void> {
  for (const group of GROUPS) {
    api!.setAdmin(group, ketua, 'creator');
    api!.push(api!.message(group, ketua, `/mulai WKSBM Uji ${group}`));
  }
  await api!.waitFor(() => api!.sent('sendMessage').length >= GROUPS.length, 30_000);
}

describe('npm start under failure', () => {
  it('loses nothing and applies nothing twice when killed (SIGKILL) in the middle of a polling burst', { timeout: 240_000 }, async () => {
    api = await startBotApiServer();
    url = await createTestDatabase();
    const first = await start();
    await linkGroups();

    // 1. a burst of 100 setoran in ten groups
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) {
      const message = api.message(GROUPS[i % GROUPS.length]!, ketua, `/setor ${1000 + i} kas`);
      ids.push((message.message as { message_id: number }).message_id);
      api.push(message);
    }
    // 2. killed while it works through them: some answered, most not yet
    await api.waitFor(() => ids.filter((id) => answered().has(id)).length >= 10, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(ids.filter((id) => answered().has(id)).length).toBeLessThan(100);

    // 3. started again: every setoran is answered (what the dead process held comes back after its lease)
    await start();
    await api.waitFor(() => ids.every((id) => answered().has(id)), 180_000);
    const db = await openDb(url);
    try {
      expect(await db.read.ledgerEntry.count()).toBe(100);
      const total = (await db.read.fund.findMany({ where: { name: 'kas' } })).reduce((sum, fund) => sum + fund.balance, 0n);
      expect(total).toBe(BigInt(Array.from({ length: 100 }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0)));
    } finally {
      await db.close();
    }
  });

  it('stops within 5 s on SIGTERM with replies waiting, and sends them after the restart', { timeout: 120_000 }, async () => {
    api = await startBotApiServer();
    url = await createTestDatabase();
    const first = await start();
    await linkGroups();

    // 1. Telegram asks for a pause of 8 s; replies to ten setoran wait for it in the outbox
    api.tooManyRequests('sendMessage', 1, 8);
    const group = GROUPS[0]!;
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const message = api.message(group, ketua, `/setor ${500 + i} kas`);
      ids.push((message.message as { message_id: number }).message_id);
      api.push(message);
    }
    await api.waitFor((calls) => calls.some((call) => call.method === 'sendMessage' && call.status === 429), 30_000);
    // 2. SIGTERM: out within 5 s, cleanly, although the replies wait
    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(first.log()).toContain('"msg":"stopped"');
    // 3. after the restart every reply goes out, once and in order
    await start();
    await api.waitFor(() => ids.every((id) => answered().has(id)), 60_000);
    const quoted = api
      .sent('sendMessage')
      .map((payload) => (payload.reply_parameters as { message_id?: number } | undefined)?.message_id)
      .filter((id): id is number => id !== undefined && ids.includes(id));
    expect(quoted).toEqual(ids);
  });
});
