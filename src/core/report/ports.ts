import type { Reply } from '../shared/message.js';
import type { ChatKey, Once, Render, WksbmInfo } from '../shared/ports.js';
import type { ReportProfile, ReportQuery, ReportRequest } from './model.js';

export interface MonthlyReports {
  /**
   * Plans the previous month's report into every group chat of each WKSBM that keeps it on, when it is
   * due within a day: once per chat and month whatever the number of schedulers or restarts, because
   * the outbox's dedupe key is unique. Returns how many were added.
   */
  plan(now: Date): Promise<number>;
  /** Whether the WKSBM still wants its monthly report (it may have been turned off since planning). */
  wanted(wksbmId: number): Promise<boolean>;
}

/** A line of the kop or a signatory, as /profil names it. */
export type ProfileField = 'desa' | 'kecamatan' | 'kabupaten' | 'ketua' | 'bendahara';

/**
 * What the report commands need from storage: the read model (ReportQuery), the profile printed on the
 * report, and the writes, each applied once per inbound message like every other write.
 */
export interface ReportStore extends ReportQuery {
  profile(wksbmId: number): Promise<ReportProfile>;
  /** The WKSBM in which this person is ketua, bendahara or sekretaris. */
  pengurusOf(personId: number): Promise<readonly WksbmInfo[]>;
  setProfile(
    once: Once,
    input: { wksbmId: number; field: ProfileField; value: string },
    render: Render<ReportProfile>,
  ): Promise<readonly Reply[]>;
  /** Turns the monthly report on or off; off also withdraws one already planned and not yet sent. */
  setAutoMonthly(once: Once, input: { wksbmId: number; on: boolean }, render: Render<void>): Promise<readonly Reply[]>;
  /**
   * Queues the report's files for this chat in the outbox, with the answer, in one transaction. The
   * files are made when they are sent, from the request (its period ends at the moment it was asked).
   */
  sendFiles(once: Once, input: { chat: ChatKey; request: ReportRequest }, render: Render<void>): Promise<readonly Reply[]>;
}
