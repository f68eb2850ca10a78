import { afterEach } from 'vitest';

/**
 * A setup file of the `postgresql` project: a test fails when `pg` warns that a client was asked a query
 * while another was running on it. Inside an interactive transaction Prisma's adapter sends every query
 * down one pooled connection, so a `Promise.all` of reads there queues them in `pg`, which deprecates it
 * in pg 8 and refuses it in pg 9. Node prints a deprecation once per process, so the first test that
 * does it fails, in whichever file it runs.
 */
const concurrentQuery = /already executing a query/;
const seen: string[] = [];

process.on('warning', (warning) => {
  if (concurrentQuery.test(warning.message)) seen.push(warning.stack ?? warning.message);
});

afterEach(async () => {
  // process.emitWarning emits on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  const found = seen.splice(0);
  if (found.length > 0) throw new Error(`pg warned of a query sent while another ran on the same client:\n${found.join('\n')}`);
});
