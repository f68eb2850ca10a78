import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from './helpers/paths.js';
import { migrate } from '../src/store/migrate.js';

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
  project.provide('tmpDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
