import { afterEach } from 'vitest';
import { CONCURRENT_QUERY } from './pg-watch.mjs';

/**
 * A setup file of the `postgresql` project: a test fails when a query is sent to a `pg` client that is
 * still running another (pg-watch.mjs, here and in the server processes the test starts). Inside an
 * interactive transaction every query goes down one connection, so a `Promise.all` of reads there (ours,
 * or Prisma's own for an `include` of several relations) makes pg queue them: deprecated in pg 8, refused
 * in pg 9.
 */
const seen: string[] = [];

process.on('warning', (warning) => {
  if (CONCURRENT_QUERY.test(warning.message)) seen.push(warning.stack ?? warning.message);
});

afterEach(async () => {
  // process.emitWarning emits on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  const found = seen.splice(0);
  if (found.length > 0) throw new Error(`pg was sent a query while another ran on the same client:\n${found.join('\n')}`);
});
