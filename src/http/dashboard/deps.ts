import type { CaseStore, Clock, CommunityStore, Dashboard, DashboardReads, MeetingStore } from '../../core/index.js';

/** What the dashboard's pages need: the core's dashboard use cases and the read ports. */
export interface DashboardDeps {
  readonly dashboard: Dashboard;
  readonly reads: DashboardReads;
  readonly community: CommunityStore;
  readonly meetings: MeetingStore;
  readonly cases: CaseStore;
  readonly clock: Clock;
  /** PUBLIC_URL: with https the cookies are Secure and browsers are told to keep to HTTPS. */
  readonly publicUrl: string;
}
