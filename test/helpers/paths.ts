import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** This run's own folder (parallel runs must not share one). */
export const tmpDir = (): string => inject('testDatabases').tmpDir;
