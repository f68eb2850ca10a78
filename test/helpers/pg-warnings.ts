import pg from 'pg';
import { afterEach } from 'vitest';

/**
 * A setup file of the `postgresql` project: a test fails when a query is sent to a `pg` client that is
 * still running another. Inside an interactive transaction every query goes down one connection, so a
 * `Promise.all` of reads there (ours, or Prisma's own for an `include` of several relations) makes pg
 * queue them: deprecated in pg 8, refused in pg 9. pg itself warns only from the third query in flight
 * and once per process, so the client is watched here too (its private state: this is a test).
 */
const concurrentQuery = /already executing a query/;
const seen: string[] = [];

process.on('warning', (warning) => {
  if (concurrentQuery.test(warning.message)) seen.push(warning.stack ?? warning.message);
});

type Watched = { _activeQuery: unknown; _queryQueue: unknown[] };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client & Watched, ...args: unknown[]) {
  const config = args[0] as string | { text?: string } | undefined;
  // A query that has not started (pg's connect still pending) is not in flight either.
  if (this._activeQuery || this._queryQueue.length > 0) seen.push(`a query while another runs: ${(typeof config === 'string' ? config : config?.text)?.slice(0, 120)}`);
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterEach(async () => {
  // process.emitWarning emits on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  const found = seen.splice(0);
  if (found.length > 0) throw new Error(`pg was sent a query while another ran on the same client:\n${found.join('\n')}`);
});
