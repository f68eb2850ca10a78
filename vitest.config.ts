import { defineConfig } from 'vitest/config';

/**
 * The files that also run on PostgreSQL: what differs between the engines lives in the store, so these
 * are the store's integration tests, the migrations, the outbox and inbox claims across processes, the
 * LPJ and dashboard reads, the e2e ledger flow of a killed server, and the several-instance tests.
 * Running the whole suite twice would take CI past its 30 minutes on two cores.
 */
const POSTGRESQL_FILES = [
  'test/postgresql/**/*.test.ts',
  'test/store/ledger.test.ts',
  'test/store/meetings.test.ts',
  'test/store/writer.test.ts',
  'test/store/inbox.test.ts',
  'test/scheduler/outbox.test.ts',
  'test/scheduler/monthly-report.test.ts',
  'test/core/report/laporan.test.ts',
  'test/core/iuran/iuran.test.ts',
  // A payment into the kematian fund reads the levy book inside its transaction.
  'test/core/duka/levy.test.ts',
  'test/http/dashboard/book.test.ts',
  'test/e2e/server-delivery.test.ts',
  'test/e2e/election.test.ts',
  // Identity merges and the raw SQL that plans private reminders.
  'test/channels/whatsapp/private-chat.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          // test/postgresql/ needs a PostgreSQL server of its own.
          exclude: ['test/postgresql/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: POSTGRESQL_FILES,
          setupFiles: ['test/helpers/pg-warnings.ts'],
          // A safety net, not a speed test: on PostgreSQL every query is a round trip to the server, which a
          // busy CI machine stretches.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
