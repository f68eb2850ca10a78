import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** This run's own folder (parallel runs must not share one), holding the migrated template. */
export const tmpDir = (): string => inject('tmpDir');
export const templateDb = (): string => path.join(tmpDir(), 'template.db');
