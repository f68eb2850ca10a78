import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from './helpers/paths.js';
import { migrate } from '../src/store/migrate.js';
// @ts-expect-error: a plain JavaScript module without types
import { buildIfStale } from '../scripts/start.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    tmpDir: string;
  }
}

/** Migrates one template database for the whole run; each test file copies it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const parent = path.join(ROOT, 'test', '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'run-'));
  await migrate(`file:${path.join(dir, 'template.db')}`);
  // The e2e tests start the server with npm start, which runs dist/: build it once here, not in each.
  buildIfStale();
  project.provide('tmpDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
