import type { Logger } from 'pino';
import type { CoreDeps } from '../core/index.js';
import type { Db } from '../db.js';
import { createCaseStore } from './cases.js';
import { createCommunityStore } from './community.js';
import { confirmPending, createIuranStore, notifyDecided, reverseIuranPayments } from './iuran.js';
import { createIuranReminderPlanner, type IuranReminderPlanner } from './iuran-reminders.js';
import { createLedgerStore } from './ledger.js';
import { createMeetingStore, type MeetingPlanner } from './meetings.js';
import { createNotifier, type ChannelNotifier } from './notifier.js';
import { createOutboxStore, type OutboxStore } from './outbox.js';
import { createWriter, type Writer } from './writer.js';

export { migrate, pendingMigrations } from './migrate.js';

/** What the scheduler plans and renders: meeting series and reminders, iuran reminders. */
export type SchedulerPlanner = MeetingPlanner & IuranReminderPlanner;

export interface Stores extends Omit<CoreDeps, 'clock'> {
  readonly writer: Writer;
  /** Channels register their senders here once they exist, so notices reach people's private chats. */
  readonly notifier: ChannelNotifier;
  /** The scheduler's ports: series and iuran reminder planning, and the outbox. */
  readonly planner: SchedulerPlanner;
  readonly outbox: OutboxStore;
}

/** The core's ports over one database, sharing one writer. */
export function createStores(db: Db, log: Logger): Stores {
  const writer = createWriter(db.write, log.child({ module: 'writer' }));
  const community = createCommunityStore(db.read, writer);
  const meetings = createMeetingStore(db.read, writer, { wksbmChanged: community.wksbmChanged });
  return {
    writer,
    community,
    ledger: createLedgerStore(db.read, writer, { reversed: reverseIuranPayments, confirmed: confirmPending, decided: notifyDecided }),
    iuran: createIuranStore(db.read, writer),
    cases: createCaseStore(db.read, writer),
    notifier: createNotifier(db.read, log.child({ module: 'notifier' })),
    meetings,
    planner: {
      topUp: (now, limit) => meetings.topUp(now, limit),
      reminderFacts: (occurrenceId) => meetings.reminderFacts(occurrenceId),
      ...createIuranReminderPlanner(db.read, writer),
    },
    outbox: createOutboxStore(db.read, writer),
  };
}
