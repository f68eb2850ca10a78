import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ROOT } from './helpers/paths.js';
import { withDatabase } from './helpers/database.js';
import { postgresAdminUrl } from './helpers/postgres-server.js';
import { migrate } from '../src/store/migrate.js';
// @ts-expect-error: a plain JavaScript module without types
import { buildIfStale } from '../scripts/start.mjs';

/**
 * Migrates one template database for the whole run; each test database copies it. The `sqlite` project
 * uses SQLite files; the `postgresql` project (vitest.config.ts) a PostgreSQL server, where the template
 * and every copy are dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parent = path.join(ROOT, 'test', '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'run-'));
  // The e2e tests start the server with npm start, which runs dist/: build it once here, not in each.
  buildIfStale();
  if (project.name !== 'postgresql') {
    const template = path.join(dir, 'template.db');
    await migrate(`file:${template}`);
    project.provide('testDatabases', { engine: 'sqlite', template, adminUrl: null, tmpDir: dir });
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = await postgresAdminUrl();
  const template = `wksbm_test_${path.basename(dir).replace(/\W/g, '').toLowerCase()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await migrate(withDatabase(adminUrl, template));
  project.provide('testDatabases', { engine: 'postgresql', template, adminUrl, tmpDir: dir });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${template}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  };
}
