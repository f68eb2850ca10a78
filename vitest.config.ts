import { defineConfig } from 'vitest/config';

const postgres = Boolean(process.env.TEST_POSTGRES_URL);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/postgresql/ needs a PostgreSQL server: it runs in the suite's PostgreSQL run (TEST_POSTGRES_URL).
    exclude: postgres ? [] : ['test/postgresql/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // A safety net, not a speed test: on PostgreSQL every query is a round trip to the server, which a busy
    // CI machine stretches.
    testTimeout: postgres ? 120_000 : 30_000,
    hookTimeout: 60_000,
  },
});
