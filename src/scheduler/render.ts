import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  reminderReplies,
  reportText,
  type MonthlyReports,
  type OutboxPayload,
  type OutgoingDocument,
  type Reply,
  type ReportPayload,
  type ReportQuery,
  type SchedulerPlanner,
} from '../core/index.js';
import { writeReportFiles } from '../files/index.js';

export type Rendered =
  | {
      readonly ok: true;
      readonly replies: readonly Reply[];
      readonly documents: readonly OutgoingDocument[];
      /** Removes what rendering left on disk (the report's files), once they are sent or given up. */
      readonly cleanup: () => Promise<void>;
    }
  | { readonly ok: false; readonly why: string };

/** What making the LPJ's files needs; a dispatcher without it cannot send report messages. */
export interface ReportRendering {
  readonly reports: ReportQuery;
  readonly monthly: Pick<MonthlyReports, 'wanted'>;
  /** Where report files are written before they are sent (the system's temporary folder). */
  readonly filesDir: string;
}

const nothingToClean = async () => {};
/** A message of texts only. */
const plain = (replies: readonly Reply[]): Rendered => ({ ok: true, replies, documents: [], cleanup: nothingToClean });

/**
 * Builds an outbox message's text when it is sent, not when it was planned: a reminder names the
 * members who have not answered *now*, and one whose meeting was cancelled or moved is not sent.
 */
async function renderReminder(planner: SchedulerPlanner, payload: Extract<OutboxPayload, { kind: 'reminder' }>, now: Date): Promise<Rendered> {
  const facts = await planner.reminderFacts(payload.occurrenceId);
  if (!facts) return { ok: false, why: 'meeting not found' };
  const { occurrence } = facts;
  if (occurrence.status === 'batal') return { ok: false, why: 'meeting cancelled' };
  if (occurrence.startsAt.getTime() !== payload.startsAt) return { ok: false, why: 'meeting moved' };
  return plain(reminderReplies(facts, now));
}

/**
 * The LPJ's files, made now from the stored request: its period was fixed when it was asked for, so
 * the numbers are those of that period whenever the files are made. On demand the chat already has the
 * summary and gets PDF, XLSX and CSV; the monthly report brings its summary and the PDF.
 */
async function renderReport(deps: ReportRendering, payload: ReportPayload): Promise<Rendered> {
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
    const files = await writeReportFiles(deps.reports, model, payload.monthly ? ['pdf'] : ['pdf', 'xlsx', 'csv'], dir);
    return { ok: true, replies: payload.monthly ? [{ text: reportText.monthly(model) }] : [], documents: files, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export interface RenderDeps {
  readonly planner: SchedulerPlanner;
  readonly reports: ReportRendering | undefined;
}

export async function renderPayload(deps: RenderDeps, payload: OutboxPayload, now: Date): Promise<Rendered> {
  switch (payload.kind) {
    case 'text':
      return plain([{ text: payload.text, actions: payload.actions }]);
    case 'iuran-reminder': {
      const reminder = await deps.planner.renderReminder(payload, now);
      return reminder.ok ? plain([{ text: reminder.text }]) : reminder;
    }
    case 'reminder':
      return renderReminder(deps.planner, payload, now);
    case 'report':
      if (!deps.reports) throw new Error('a report message reached a dispatcher without report rendering');
      return renderReport(deps.reports, payload);
  }
}
