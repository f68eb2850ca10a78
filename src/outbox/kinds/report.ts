import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { reportPayload, reportText, type MonthlyReports, type ReportPayload, type ReportQuery } from '../../core/index.js';
import { writeReportFiles } from '../../files/index.js';
import { defineKind, type Rendered } from '../kind.js';

/** What making the LPJ's files needs; a server without it cannot send report messages. */
export interface ReportRendering {
  readonly reports: ReportQuery;
  readonly monthly: Pick<MonthlyReports, 'wanted'>;
  /** Where report files are written before they are sent (the system's temporary folder). */
  readonly filesDir: string;
}

/**
 * The LPJ's files, made when sent from the stored request: its period was fixed when it was asked for,
 * so the numbers are those of that period whenever the files are made. On demand the chat already has
 * the summary and gets PDF, XLSX and CSV; the monthly report brings its summary and the PDF.
 */
export function reportKind(deps: ReportRendering | undefined) {
  return defineKind({
    name: 'report',
    payload: reportPayload,
    async render(payload: ReportPayload): Promise<Rendered> {
      if (!deps) throw new Error('a report message reached a dispatcher without report rendering');
      if (payload.monthly && !(await deps.monthly.wanted(payload.wksbmId))) return { ok: false, why: 'monthly report turned off' };
      const { period } = payload;
      const model = await deps.reports.report({
        wksbmId: payload.wksbmId,
        variant: payload.variant,
        madeAt: new Date(payload.madeAt),
        period: { ...period, from: new Date(period.from), to: new Date(period.to) },
      });
      const dir = await mkdtemp(path.join(deps.filesDir, 'wksbm-lpj-'));
      const cleanup = () => rm(dir, { recursive: true, force: true });
      try {
        const documents = await writeReportFiles(deps.reports, model, payload.monthly ? ['pdf'] : ['pdf', 'xlsx', 'csv'], dir);
        const replies = payload.monthly ? [{ text: reportText.monthly(model) }] : [];
        return { ok: true, message: { type: 'replies', replies, documents }, cleanup };
      } catch (error) {
        await cleanup();
        throw error;
      }
    },
  });
}
