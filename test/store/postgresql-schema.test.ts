import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingTwins, POSTGRES_SCHEMA, postgresSchema } from '../../scripts/postgresql.js';
import { ROOT } from '../helpers/paths.js';

describe('the PostgreSQL variant of the schema', () => {
  it('has a PostgreSQL twin for every SQLite migration (npm run db:pg-migrations writes the missing ones)', () => {
    expect(missingTwins()).toEqual([]);
  });

  it('is derived from the current schema.prisma (npm run db:generate refreshes it)', () => {
    const derived = postgresSchema(readFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), 'utf8'));
    expect(readFileSync(POSTGRES_SCHEMA, 'utf8')).toContain(derived);
  });

  it('differs from the SQLite schema only in its datasource and client folder', () => {
    const sqlite = readFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), 'utf8');
    const derived = postgresSchema(sqlite);
    const differing = derived.split('\n').filter((line, index) => line !== sqlite.split('\n')[index]);
    expect(differing).toEqual(['  output     = "../../src/generated/prisma-pg"', '  provider = "postgresql"', '  url      = "postgresql://localhost/unused"']);
  });
});
