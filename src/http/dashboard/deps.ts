import type { CaseStore, Clock, CommunityStore, Dashboard, DashboardReads, MeetingStore, ReportQuery } from '../../core/index.js';

/** What the dashboard's pages need: the core's dashboard use cases and the read ports. */
export interface DashboardDeps {
  readonly dashboard: Dashboard;
  readonly reads: DashboardReads;
  readonly community: CommunityStore;
  readonly meetings: MeetingStore;
  readonly cases: CaseStore;
  /** The LPJ read model: the chart, the pendamping's summary and the downloads read the same numbers. */
  readonly reports: ReportQuery;
  readonly clock: Clock;
  /** PUBLIC_URL: with https the cookies are Secure and browsers are told to keep to HTTPS. */
  readonly publicUrl: string;
}
