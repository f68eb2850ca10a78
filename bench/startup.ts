/**
 * `npm run bench:startup`: time from spawning the server (`node scripts/start.mjs`, what `npm start` runs,
 * npm not counted) to the first 200 from /healthz, and its resident memory after it has stood idle, on a
 * fresh database file (migrated at start) and on an existing one, against a trivial `node -e` HTTP server
 * measured in the same run (what the machine itself costs). WhatsApp and the dashboard are off; Telegram is
 * off, then on (long polling against the loopback Bot API server, so grammY and the admin look-ups load).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain JavaScript module without types
import { buildIfStale } from '../scripts/start.mjs';
import { freePort } from '../test/helpers/server-process.js';
import { startBotApiServer } from '../test/helpers/bot-api-server.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const IDLE_MS = Number(process.env.BENCH_STARTUP_IDLE_MS ?? 10_000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TRIVIAL = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

/** Resident memory of a process in MB. */
function rssMb(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

async function once(args: string[], env: Record<string, string>): Promise<{ ms: number; rss: number }> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // Only what the server needs: a developer's .env or shell must not switch channels on.
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let ms: number | undefined;
    while (ms === undefined) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => 0);
      if (status === 200) ms = performance.now() - start;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, rss: rssMb(child.pid!) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (label: string, runs: { ms: number; rss: number }[]) =>
  `${label.padEnd(22)} ${runs.map((run) => String(Math.round(run.ms)).padStart(5)).join(' ')}  median ${String(Math.round(median(runs.map((run) => run.ms)))).padStart(5)} ms` +
  `   RSS median ${median(runs.map((run) => run.rss)).toFixed(0)} MB (max ${Math.max(...runs.map((run) => run.rss)).toFixed(0)})`;

buildIfStale();
const dir = mkdtempSync(path.join(tmpdir(), 'wksbm-startup-'));
const api = await startBotApiServer();
const telegram = { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url };
try {
  const existing = `file:${path.join(dir, 'existing.db')}`;
  // Migrated once by a first start: the "existing" runs open a database that is up to date.
  await once(['scripts/start.mjs'], { DATABASE_URL: existing });
  const results: Record<string, { ms: number; rss: number }[]> = { baseline: [], fresh: [], existing: [], telegram: [] };
  // Interleaved, so a change in the machine's load touches all three alike.
  for (let run = 0; run < RUNS; run++) {
    results.baseline!.push(await once(['-e', TRIVIAL], {}));
    results.fresh!.push(await once(['scripts/start.mjs'], { DATABASE_URL: `file:${path.join(dir, `fresh-${run}.db`)}` }));
    results.existing!.push(await once(['scripts/start.mjs'], { DATABASE_URL: existing }));
    results.telegram!.push(await once(['scripts/start.mjs'], { DATABASE_URL: existing, ...telegram }));
  }
  console.log(`bench:startup — ${RUNS} runs each, time to the first 200 from /healthz (ms), RSS after ${IDLE_MS / 1000} s idle`);
  console.log(row('node -e http server', results.baseline!));
  console.log(row('wksbm-bot, fresh DB', results.fresh!));
  console.log(row('wksbm-bot, existing DB', results.existing!));
  console.log(row('  and Telegram on', results.telegram!));
  const started = [results.fresh!, results.existing!, results.telegram!];
  const met = started.every((runs) => median(runs.map((run) => run.ms)) < 2_000) && Math.max(...started.flat().map((run) => run.rss)) < 150;
  console.log(`target (under 2 s, under 150 MB): ${met ? 'met' : 'NOT met'}`);
} finally {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
