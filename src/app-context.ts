import type { Logger } from 'pino';
import { createCore, systemClock, type Clock, type Core } from './core/index.js';
import { describeDatabase } from './db-url.js';
import { openDb, type Db } from './db.js';
import { createStores, migrate, type Stores } from './store/index.js';
import type { ChannelNotifier } from './delivery/notifier.js';
import type { Writer } from './store/writer.js';

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
  /** Waits for queued writes, then closes the database. */
  close(): Promise<void>;
}

export async function openRuntime(databaseUrl: string, log: Logger, clock: Clock = systemClock): Promise<Runtime> {
  const applied = await migrate(databaseUrl);
  const db = await openDb(databaseUrl);
  if (applied.length) log.info({ migrations: applied, database: describeDatabase(databaseUrl) }, 'database migrated');
  const stores = createStores(db, log);
  return {
    db,
    core: createCore({ ...stores, clock }),
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
