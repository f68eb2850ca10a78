import type { Logger } from 'pino';
import type { CoreDeps, DashboardReads, MonthlyReports, OutboxStore, SchedulerPlanner } from '../core/index.js';
import type { Db } from '../db.js';
import { createArisanRevealer, createArisanStore } from './arisan.js';
import { createCaseRows } from './cases.js';
import { createCommunityStore, createMembershipReads } from './community.js';
import { createDashboardStore } from './dashboard.js';
import { createDashboardReads } from './dashboard-reads.js';
import { createLeaseStore, type LeaseStore } from './leases.js';
import { createDukaStore } from './duka.js';
import { createLevyReminderPlanner, reverseLevyPayments } from './duka-levy.js';
import { createInboxStore, type InboxStore } from './inbox.js';
import { confirmPending, createIuranStore, notifyDecided, reverseIuranPayments } from './iuran.js';
import { createIuranReminderPlanner } from './iuran-reminders.js';
import { createRosterReads } from './roster.js';
import { createLedgerStore } from './ledger.js';
import { createMeetingStore } from './meetings.js';
import { createNotifier, type ChannelNotifier } from '../delivery/notifier.js';
import { createEarlierAnswer } from './once.js';
import { createMonthlyReports } from './monthly-report.js';
import { createOutboxStore } from './outbox.js';
import { createProofStore } from './proofs.js';
import { createPengurusChatStore } from './pengurus-chats.js';
import { createReportDraftStore } from './report-drafts.js';
import { createReportStore } from './report.js';
import { dialectFor } from './dialect.js';
import { createWriter, type Writer } from './writer.js';
import { directSql } from './direct-sql.js';

export { migrate } from './migrate.js';

export interface Stores extends Omit<CoreDeps, 'clock' | 'publicUrl'> {
  readonly writer: Writer;
  /** Channels register their senders here once they exist, so notices reach people's private chats. */
  readonly notifier: ChannelNotifier;
  /** The scheduler's ports: series and iuran reminder planning, and the outbox. */
  readonly planner: SchedulerPlanner;
  readonly outbox: OutboxStore;
  /** The dashboard's own reads (Buku kas pages, pending setoran, past meetings). */
  readonly dashboardReads: DashboardReads;
  /** Platform updates, stored before they are acknowledged and handled from there. */
  readonly inbox: InboxStore;
  /** Plans the monthly LPJ into the outbox. */
  readonly monthly: MonthlyReports;
  /** Which instance owns the jobs that must run once (long polling, WhatsApp). */
  readonly leases: LeaseStore;
}

/** The core's ports over one database, sharing one writer. */
export function createStores(db: Db, log: Logger): Stores {
  const direct = db.writeConnection ? directSql(db.writeConnection) : undefined;
  const writer = createWriter(db.write, dialectFor(db.engine), log.child({ module: 'writer' }), direct);
  const community = createCommunityStore(db.read, writer);
  const meetings = createMeetingStore(db.read, writer, { wksbmChanged: community.wksbmChanged });
  const outbox = createOutboxStore(db.read, writer, db.sql);
  return {
    writer,
    community,
    ledger: createLedgerStore(db.read, writer, {
      // One entry pays one household's levy and iuran at most (a jimpitan round pays no levy): the larger count is exact.
      reversed: async (tx, input) => Math.max(await reverseIuranPayments(tx, input), await reverseLevyPayments(tx, input)),
      confirmed: confirmPending,
      decided: notifyDecided,
    }),
    proofs: createProofStore(db.read, writer),
    dashboard: createDashboardStore(db.read, db.sql, writer),
    iuran: { ...createIuranStore(db.read, writer, db.sql), ...createRosterReads(db.sql) },
    // The report capability's port, from each aggregate's store.
    cases: {
      ...createCaseRows(db.read, writer),
      ...createReportDraftStore(db.read, writer),
      ...createPengurusChatStore(db.read, writer),
      ...createMembershipReads(db.read),
      ...createEarlierAnswer(db.read),
    },
    notifier: createNotifier(db.read, log.child({ module: 'notifier' }), outbox),
    meetings,
    planner: {
      topUp: (now, limit) => meetings.topUp(now, limit),
      reminderFacts: (occurrenceId) => meetings.reminderFacts(occurrenceId),
      ...createIuranReminderPlanner(db.read, writer),
      ...createLevyReminderPlanner(db.read),
      ...createArisanRevealer(db.read, writer),
    },
    outbox,
    dashboardReads: createDashboardReads(db.read, db.sql, { funds: (wksbmId) => community.funds(wksbmId) }),
    inbox: createInboxStore(db.read, writer, db.sql, () => outbox.written()),
    leases: createLeaseStore(writer),
    arisan: createArisanStore(db.read, writer, { fundsChanged: community.fundsChanged }),
    duka: createDukaStore(db.read, writer),
    reports: createReportStore(db.read, writer),
    monthly: createMonthlyReports(db.read, writer),
  };
}
