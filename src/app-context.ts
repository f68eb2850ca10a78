import type { Logger } from 'pino';
import { createCore, createDashboard, systemClock, type Clock, type Core, type Dashboard } from './core/index.js';
import { describeDatabase } from './db-url.js';
import { openDb, type Db } from './db.js';
import { createStores, migrate, type Stores } from './store/index.js';
import type { ChannelNotifier } from './delivery/notifier.js';
import type { Writer } from './store/writer.js';
import type { DashboardDeps } from './http/dashboard/index.js';

/** The database, migrated, with the core over it: what the server and the console both run. */
export interface Runtime {
  readonly db: Db;
  readonly core: Core;
  readonly writer: Writer;
  /** Where channels register their senders, so report notices reach people's private chats. */
  readonly notifier: ChannelNotifier;
  /** The ports the scheduler works with. */
  readonly stores: Stores;
  readonly clock: Clock;
  /** The dashboard's use cases, over the same ports as the core. */
  readonly dashboard: Dashboard;
  /** Waits for queued writes, then closes the database. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly clock?: Clock;
  /** PUBLIC_URL: /dasbor answers with login links only when it is set. */
  readonly publicUrl?: string;
}

export async function openRuntime(databaseUrl: string, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const applied = await migrate(databaseUrl);
  const db = await openDb(databaseUrl, log);
  if (applied.length) log.info({ migrations: applied, database: describeDatabase(databaseUrl) }, 'database migrated');
  const stores = createStores(db, log);
  const deps = { ...stores, clock, publicUrl: options.publicUrl };
  return {
    db,
    core: createCore(deps),
    dashboard: createDashboard(deps),
    writer: stores.writer,
    notifier: stores.notifier,
    stores,
    clock,
    async close() {
      await stores.writer.idle();
      await db.close();
    },
  };
}

/** What the web dashboard reads and calls, from the stores and the dashboard's use cases over them. */
export function dashboardDeps(parts: { stores: Stores; dashboard: Dashboard; clock: Clock }, publicUrl: string): DashboardDeps {
  const { stores } = parts;
  return {
    dashboard: parts.dashboard,
    reads: stores.dashboardReads,
    community: stores.community,
    meetings: stores.meetings,
    cases: stores.cases,
    reports: stores.reports,
    clock: parts.clock,
    publicUrl,
  };
}
