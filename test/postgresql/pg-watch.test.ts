import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT } from '../helpers/paths.js';
import { PG_WATCH } from '../helpers/server-process.js';

let url: string | undefined;
afterEach(async () => {
  if (url) await dropTestDatabase(url);
  url = undefined;
});

/** Runs `queries` on one pg client in a process watched as the server processes of the tests are. */
function watched(queries: string): Promise<string> {
  const script = `const c = new (require('pg').Client)(process.env.URL);
c.connect().then(() => ${queries}).then(() => c.end(), (e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', PG_WATCH, '-e', script], { cwd: ROOT, env: { ...process.env, URL: url } }, (error, _stdout, stderr) =>
      error ? reject(error) : resolve(stderr),
    ),
  );
}

describe('the watch on the pg clients of server processes', () => {
  it('warns of a query sent while another runs on the same client, and not of queries in turn', async () => {
    url = await createTestDatabase({ migrated: false });
    expect(await watched(`Promise.all([c.query('SELECT 1 AS first'), c.query('SELECT 2 AS second')])`)).toContain('a query sent to a pg client already executing a query: SELECT 2 AS second');
    expect(await watched(`c.query('SELECT 1 AS first').then(() => c.query('SELECT 2 AS second'))`)).not.toMatch(/already executing a query/);
  });
});
