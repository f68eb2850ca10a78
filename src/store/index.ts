import type { Logger } from 'pino';
import type { CoreDeps } from '../core/index.js';
import type { Db } from '../db.js';
import { createCommunityStore } from './community.js';
import { createLedgerStore } from './ledger.js';
import { createWriter, type Writer } from './writer.js';

export { migrate, pendingMigrations } from './migrate.js';

/** The core's ports over one database, sharing one writer. */
export function createStores(db: Db, log: Logger): CoreDeps & { writer: Writer } {
  const writer = createWriter(db.write, log.child({ module: 'writer' }));
  return {
    writer,
    community: createCommunityStore(db.read, writer),
    ledger: createLedgerStore(db.read, writer),
  };
}
