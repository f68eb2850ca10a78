/**
 * `npm run db:migrate`: applies the migrations in prisma/migrations that the database (DATABASE_URL, from
 * the environment or .env) has not applied yet, exactly as `npm start` does before it opens the database.
 */
import { existsSync } from 'node:fs';
import { createConfig } from '../src/config.js';
import { migrate } from '../src/store/migrate.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let databaseUrl: string;
try {
  databaseUrl = createConfig(process.env).databaseUrl;
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

try {
  const applied = await migrate(databaseUrl);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date: nothing to apply.');
} catch (error) {
  console.error(`${(error as Error).message}${(error as Error).cause ? `\n${String((error as Error).cause)}` : ''}`);
  process.exit(1);
}
