import { DateTime } from 'luxon';
import { fundLabel, MONTHS, parsePeriod, type CaseCounts, type FundTotals, type ReportPeriod, type WksbmInfo } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';

/** One row of a pendamping's table: how a WKSBM is doing this year, with no person in it. */
export interface WksbmSummary {
  readonly wksbm: WksbmInfo;
  readonly lastActivity: Date | null;
  /** This year so far, from the LPJ read model: opening, receipts, spending and the balance now. */
  readonly funds: readonly FundTotals[];
  /** Meetings of this year that took place (not cancelled, already started). */
  readonly meetingsHeld: number;
  readonly cases: CaseCounts;
}

/** A period people would type after /laporan, read in the WKSBM's zone; null when it cannot be. */
export function periodOf(typed: string, now: Date, timeZone: string): ReportPeriod | null {
  const parsed = parsePeriod(typed, now, timeZone);
  return parsed.ok ? parsed.period : null;
}

export async function summarize(deps: DashboardDeps, wksbm: WksbmInfo): Promise<WksbmSummary> {
  const now = deps.clock.now();
  const year = periodOf('tahun ini', now, wksbm.timeZone)!;
  const [lastActivity, model, cases] = await Promise.all([
    deps.reads.lastActivity(wksbm.id),
    deps.reports.report({ wksbmId: wksbm.id, period: year, variant: 'grup', madeAt: now }),
    deps.reads.caseCounts(wksbm.id),
  ]);
  const meetingsHeld = model.meetings.filter((meeting) => !meeting.cancelled && meeting.startsAt <= now).length;
  return { wksbm, lastActivity, funds: model.funds, meetingsHeld, cases };
}

/** The Beranda chart: receipts and spending of each money fund over the last 12 months, as uPlot reads them. */
export async function monthlyChart(deps: DashboardDeps, wksbm: WksbmInfo) {
  const now = deps.clock.now();
  const today = DateTime.fromJSDate(now, { zone: wksbm.timeZone });
  const months = Array.from({ length: 12 }, (_, index) => today.minus({ months: 11 - index }));
  const models = await Promise.all(
    months.map((month) =>
      deps.reports.report({ wksbmId: wksbm.id, period: periodOf(`${month.month}/${month.year}`, now, wksbm.timeZone)!, variant: 'grup', madeAt: now }),
    ),
  );
  const funds = models.at(-1)!.funds.filter((totals) => totals.fund.unit === 'IDR').map((totals) => totals.fund);
  const series = funds.flatMap((fund) => {
    const of = (pick: (totals: FundTotals) => bigint) =>
      models.map((model) => {
        const totals = model.funds.find((candidate) => candidate.fund.id === fund.id);
        return totals ? Number(pick(totals)) : 0;
      });
    const label = fundLabel(fund);
    return [
      { label: `${label} masuk`, out: false, values: of((totals) => totals.receipts) },
      { label: `${label} keluar`, out: true, values: of((totals) => totals.spending) },
    ];
  });
  // Embedded in a <script type="application/json">: `<` escaped so no text can close the element.
  return JSON.stringify({ months: months.map((month) => `${MONTHS[month.month - 1]!.slice(0, 3)} ${String(month.year).slice(2)}`), series }).replace(/</g, '\\u003c');
}
