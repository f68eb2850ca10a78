import type { Logger } from 'pino';
import type { CoreDeps } from '../core/index.js';
import type { Db } from '../db.js';
import { createCaseStore } from './cases.js';
import { createCommunityStore } from './community.js';
import { createInboxStore, type InboxStore } from './inbox.js';
import { createLedgerStore } from './ledger.js';
import { createMeetingStore, type MeetingPlanner } from './meetings.js';
import { createNotifier, type ChannelNotifier } from './notifier.js';
import { createOutboxStore, type OutboxStore } from './outbox.js';
import { createWriter, type Writer } from './writer.js';

export { migrate, pendingMigrations } from './migrate.js';

export interface Stores extends Omit<CoreDeps, 'clock'> {
  readonly writer: Writer;
  /** Channels register their senders here once they exist, so notices reach people's private chats. */
  readonly notifier: ChannelNotifier;
  /** The scheduler's ports: series planning and the outbox. */
  readonly planner: MeetingPlanner;
  readonly outbox: OutboxStore;
  /** Platform updates, stored before they are acknowledged and handled from there. */
  readonly inbox: InboxStore;
}

/** The core's ports over one database, sharing one writer. */
export function createStores(db: Db, log: Logger): Stores {
  const writer = createWriter(db.write, log.child({ module: 'writer' }));
  const community = createCommunityStore(db.read, writer);
  const meetings = createMeetingStore(db.read, writer, { wksbmChanged: community.wksbmChanged });
  const outbox = createOutboxStore(db.read, writer);
  return {
    writer,
    community,
    ledger: createLedgerStore(db.read, writer),
    cases: createCaseStore(db.read, writer),
    notifier: createNotifier(db.read, log.child({ module: 'notifier' })),
    meetings,
    planner: meetings,
    outbox,
    inbox: createInboxStore(db.read, writer, () => outbox.written()),
  };
}
