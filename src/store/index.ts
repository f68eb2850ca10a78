import type { Logger } from 'pino';
import type { CoreDeps } from '../core/index.js';
import type { Db } from '../db.js';
import { createCaseStore } from './cases.js';
import { createCommunityStore } from './community.js';
import { createLedgerStore } from './ledger.js';
import { createNotifier, type ChannelNotifier } from './notifier.js';
import { createWriter, type Writer } from './writer.js';

export { migrate, pendingMigrations } from './migrate.js';

/** The core's ports over one database, sharing one writer; channels register with the notifier once they exist. */
export function createStores(db: Db, log: Logger): CoreDeps & { writer: Writer; notifier: ChannelNotifier } {
  const writer = createWriter(db.write, log.child({ module: 'writer' }));
  return {
    writer,
    community: createCommunityStore(db.read, writer),
    ledger: createLedgerStore(db.read, writer),
    cases: createCaseStore(db.read, writer),
    notifier: createNotifier(db.read, log.child({ module: 'notifier' })),
  };
}
