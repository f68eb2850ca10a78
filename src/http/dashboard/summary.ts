import type { CaseCounts, FundBalance, WksbmInfo } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';

/** One row of a pendamping's table: how a WKSBM is doing, with no person in it. */
export interface WksbmSummary {
  readonly wksbm: WksbmInfo;
  readonly lastActivity: Date | null;
  readonly balances: readonly FundBalance[];
  readonly cases: CaseCounts;
}

export async function summarize(deps: DashboardDeps, wksbm: WksbmInfo): Promise<WksbmSummary> {
  const [lastActivity, balances, cases] = await Promise.all([
    deps.reads.lastActivity(wksbm.id),
    deps.community.balances(wksbm.id),
    deps.reads.caseCounts(wksbm.id),
  ]);
  return { wksbm, lastActivity, balances, cases };
}
