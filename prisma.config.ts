import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { DEFAULT_DATABASE_URL, sqliteFilePath } from './src/db-url.js';

// With a prisma.config.ts the CLI does not read .env itself.
if (existsSync('.env')) process.loadEnvFile('.env');
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const file = sqliteFilePath(process.env.DATABASE_URL!);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
