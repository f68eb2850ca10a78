import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The Prisma CLI for the PostgreSQL variant of the schema, derived from prisma/schema.prisma by
// scripts/postgresql.ts: it generates the PostgreSQL client and diffs schemas for the migration twins.
// A PostgreSQL adapter here keeps the CLI on its JS engine (nothing to download); it connects only for
// commands that need a database, which the project does not use (its runner applies the migrations).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'postgresql', 'schema.prisma'),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
