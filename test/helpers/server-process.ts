import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';
import { CONCURRENT_QUERY } from './pg-watch.mjs';

/** The watch on pg clients (pg-watch.mjs), loaded into the server processes of the PostgreSQL tests. */
export const PG_WATCH = pathToFileURL(path.join(ROOT, 'test/helpers/pg-watch.mjs')).href;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type Health = Record<string, unknown> & {
  channels?: Record<string, string>;
  instance?: { id: string; role: string };
};

/**
 * The server in a process of its own, started with `npm start`'s command (`node scripts/start.mjs`, which runs
 * dist/; the suite's global set-up builds it)
 * but without npm in between, so that a SIGKILL reaches the server itself as a crash would.
 */
export interface ServerProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  log(): string;
  /** GET /healthz, or undefined while it does not answer. */
  health(): Promise<Health | undefined>;
  /** Resolves once /healthz answers and `predicate` holds for it. */
  waitForHealth(predicate: (health: Health) => boolean, timeoutMs?: number): Promise<Health>;
  readonly exited: Promise<number | null>;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const postgres = (env.DATABASE_URL ?? process.env.DATABASE_URL ?? '').startsWith('postgres');
  const watch = postgres ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PG_WATCH}`.trim() } : {};
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', ...watch, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    log += text;
    // Whole lines only: a chunk may end in the middle of one. The server's warning becomes the test
    // process's, which pg-warnings.ts fails the test on.
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines.filter((line) => CONCURRENT_QUERY.test(line))) process.emitWarning(`in a server process: ${line}`);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const health = () =>
    fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.json() as Promise<Health>)
      .catch(() => undefined);
  return {
    port,
    child,
    log: () => log,
    health,
    exited,
    async waitForHealth(predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await health();
        if (current && predicate(current)) return current;
        if (Date.now() > deadline) throw new Error(`no such /healthz within ${timeoutMs} ms; last: ${JSON.stringify(current)}\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}
