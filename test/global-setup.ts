import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ROOT } from './helpers/paths.js';
import { withDatabase } from './helpers/database.js';
import { migrate } from '../src/store/migrate.js';

/**
 * Migrates one template database for the whole run; each test database copies it. On PostgreSQL
 * (TEST_POSTGRES_URL) the template and every copy are dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parent = path.join(ROOT, 'test', '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'run-'));
  const adminUrl = process.env.TEST_POSTGRES_URL || null;
  if (!adminUrl) {
    const template = path.join(dir, 'template.db');
    await migrate(`file:${template}`);
    project.provide('testDatabases', { engine: 'sqlite', template, adminUrl, tmpDir: dir });
    return async () => rmSync(dir, { recursive: true, force: true });
  }
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
