import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT } from '../helpers/paths.js';

let url: string | undefined;
afterEach(async () => {
  if (url) await dropTestDatabase(url);
  url = undefined;
});

/** Runs `queries` on one pg client in a process watched as the server processes of the tests are. */
function watched(queries: string): Promise<string> {
  const script = `const c = new (require('pg').Client)(process.env.URL);
c.connect().then(() => ${queries}).then(() => c.end(), (e) => { console.error(e); process.exit(1); });`;
  const watch = pathToFileURL(path.join(ROOT, 'test/helpers/pg-watch.mjs')).href;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', watch, '-e', script], { cwd: ROOT, env: { ...process.env, URL: url } }, (error, _stdout, stderr) =>
      error ? reject(error) : resolve(stderr),
    ),
  );
}

describe('the watch on the pg clients of server processes', () => {
  it('prints a line for a query sent while another runs on the same client, and none for queries in turn', async () => {
    url = await createTestDatabase({ migrated: false });
    expect(await watched(`Promise.all([c.query('SELECT 1 AS first'), c.query('SELECT 2 AS second')])`)).toContain('PG-QUERY-WHILE-ANOTHER-RUNS SELECT 2 AS second');
    expect(await watched(`c.query('SELECT 1 AS first').then(() => c.query('SELECT 2 AS second'))`)).not.toContain('PG-QUERY-WHILE-ANOTHER-RUNS');
  });
});
