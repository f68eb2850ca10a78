import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer } from '../helpers/bot-api-server.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT } from '../helpers/paths.js';
import { freePort } from '../helpers/server-process.js';

let child: ChildProcess | undefined;
let api: BotApiServer | undefined;
let url: string | undefined;
afterEach(async () => {
  // npm, its shell and the server are one process group: a SIGKILL of npm alone would leave the server running.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  await api?.close();
  if (url) await dropTestDatabase(url);
});

describe('npm start', () => {
  it('serves /healthz, answers in a Telegram group over long polling, and stops cleanly on SIGTERM', { timeout: 150_000 }, async () => {
    api = await startBotApiServer();
    const group = -100900;
    api.setAdmin(group, { id: 5, first_name: 'Bu', last_name: 'Sri' }, 'creator');
    url = await createTestDatabase();
    const port = await freePort();
    child = spawn('npm', ['start', '-s'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.url,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

    // 1. the server comes up, says which channels run, and (alone on its database) owns long polling
    const deadline = Date.now() + 90_000;
    let health: Record<string, unknown> | undefined;
    while (Date.now() < deadline) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => response.json() as Promise<Record<string, unknown>>)
        .catch(() => undefined);
      if ((health?.channels as Record<string, string> | undefined)?.telegram === 'on: long polling (owner)') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(health).toMatchObject({
      status: 'ok',
      database: 'ok',
      channels: { telegram: 'on: long polling (owner)' },
      instance: { role: 'owner' },
    });

    // 2. a message in the group is answered
    api.push(api.message(group, { id: 5, first_name: 'Bu', last_name: 'Sri' }, '/mulai WKSBM Sawo Kecik'));
    await api.waitFor(() => api!.sent('sendMessage').length === 1, 15_000);
    expect(String(api.sent('sendMessage')[0]!.text)).toContain('WKSBM Sawo Kecik terdaftar');

    // 3. SIGTERM: polling stops, the process exits 0
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('"msg":"stopped"');
    expect(log).not.toContain('Sawo Kecik');
  });
});
