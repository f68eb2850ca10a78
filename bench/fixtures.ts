import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/store/index.js';

/** Fresh copies of one migrated database, in a folder removed by `cleanup`. */
export async function createDatabases(): Promise<{ fresh(): string; cleanup(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wksbm-bench-'));
  const template = path.join(dir, 'template.db');
  await migrate(`file:${template}`);
  return {
    fresh() {
      const file = path.join(dir, `${randomUUID()}.db`);
      copyFileSync(template, file);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The value at quantile q of sorted numbers. */
export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
