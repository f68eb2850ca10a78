import type { Reply } from '../shared/message.js';
import type { Posting, PostingOutcome } from '../ledger/ports.js';
import type { ChatKey, FundInfo, Once, Render, WksbmInfo } from '../shared/ports.js';
import type { Role } from '../shared/roles.js';

/**
 * Ports of reports of people in need (kasus). Same rules as ports.ts: every write takes a `Once` and a
 * `render` and is applied at most once per inbound message. Reads and writes that touch a case take a
 * `scope`, the WKSBM ids whose cases the caller may see: a case outside it is "not found", exactly like
 * a case that does not exist, so no answer reveals whether it exists.
 */

export const CASE_STATUSES = ['baru', 'diverifikasi', 'ditangani', 'selesai', 'ditolak', 'dibatalkan'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const URGENCIES = ['mendesak', 'segera', 'biasa'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The step a report conversation waits for, in the order they are asked. */
export const DRAFT_STEPS = ['wksbm', 'kategori', 'subjek', 'lokasi', 'uraian', 'urgensi', 'foto', 'anonim'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

/** The answers given so far. */
export interface DraftData {
  readonly wksbmId?: number;
  readonly category?: string;
  readonly subject?: string;
  readonly location?: string;
  readonly description?: string;
  readonly urgency?: Urgency;
  readonly photoRef?: string | null;
}

export interface Draft {
  readonly step: DraftStep;
  readonly data: DraftData;
}

export interface NewCase {
  readonly wksbmId: number;
  readonly category: string;
  readonly subject: string;
  readonly location: string;
  readonly description: string;
  readonly urgency: Urgency;
  readonly photoRef: string | null;
  readonly anonymous: boolean;
}

export interface CaseSummary {
  readonly number: number;
  readonly wksbm: WksbmInfo;
  readonly category: string;
  readonly subject: string;
  readonly urgency: Urgency;
  readonly status: CaseStatus;
  readonly createdAt: Date;
}

export interface CaseEventView {
  readonly from: CaseStatus | null;
  readonly to: CaseStatus;
  readonly note: string | null;
  readonly by: string;
  readonly at: Date;
}

export interface DisbursementView {
  readonly entryNumber: number;
  readonly fund: FundInfo;
  /** Positive, in the fund's unit. */
  readonly amount: bigint;
  readonly at: Date;
}

export interface CaseView extends CaseSummary {
  readonly location: string;
  readonly description: string;
  readonly hasPhoto: boolean;
  readonly anonymous: boolean;
  /** The reporter's name; null when anonymous or erased. */
  readonly reporterName: string | null;
  readonly erased: boolean;
  readonly events: readonly CaseEventView[];
  readonly disbursements: readonly DisbursementView[];
}

/** A membership as report commands need it: which WKSBM, and as what. */
export interface Membership {
  readonly wksbm: WksbmInfo;
  readonly role: Role;
}

/** Who must be told of a change; resolved by the store inside the change's transaction. */
export interface CaseParties {
  readonly number: number;
  readonly wksbm: WksbmInfo;
  /** Null when erased. Never rendered: only the notifier uses it. */
  readonly reporterId: number | null;
}

export type SubmitOutcome = { readonly ok: true; readonly case: CaseParties; readonly category: string; readonly urgency: Urgency };

export type CaseMoveOutcome =
  | { readonly ok: true; readonly case: CaseParties; readonly from: CaseStatus; readonly to: CaseStatus }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'not-allowed'; readonly status: CaseStatus };

export type EraseOutcome =
  | { readonly ok: true; readonly case: CaseParties }
  | { readonly ok: false; readonly reason: 'not-found' | 'already-erased' };

export type LinkOutcome =
  | { readonly ok: true; readonly wksbm: WksbmInfo }
  | { readonly ok: false; readonly reason: 'members-group' | 'already-linked'; readonly wksbm: WksbmInfo };

export type DisburseOutcome = PostingOutcome | { readonly ok: false; readonly reason: 'case-not-found' };

export interface CaseStore {
  /**
   * The replies an inbound message already got, if it changed something. A conversation answer is read
   * against the current step, which has moved on when the message is delivered again.
   */
  earlierAnswer(once: Once): Promise<readonly Reply[] | null>;
  /** The report being written in this private chat, if any. */
  draftOf(chat: ChatKey): Promise<Draft | null>;
  /** Saves the next step, or deletes the draft when `draft` is null (batal). */
  saveDraft(once: Once, input: { chat: ChatKey; draft: Draft | null }, render: Render<void>): Promise<readonly Reply[]>;
  /** Turns the draft into a case (status baru) and deletes the draft, in one transaction. */
  submit(once: Once, input: { chat: ChatKey; report: NewCase }, render: Render<SubmitOutcome>): Promise<readonly Reply[]>;

  /** Every WKSBM the person belongs to, with their recorded role. */
  membershipsOf(personId: number): Promise<readonly Membership[]>;
  wksbm(id: number): Promise<WksbmInfo | null>;
  /** The WKSBM whose pengurus-only chat this is. */
  pengurusChatOf(chat: ChatKey): Promise<WksbmInfo | null>;
  linkPengurusChat(once: Once, input: { chat: ChatKey; wksbmId: number }, render: Render<LinkOutcome>): Promise<readonly Reply[]>;

  /** Open cases (baru, diverifikasi, ditangani), most urgent first, then oldest first. */
  openCases(scope: readonly number[]): Promise<readonly CaseSummary[]>;
  /**
   * Cases in any of `statuses`, newest first, `limit` of them numbered below `before` (the dashboard's
   * history of closed cases); `next` is the `before` of the following page, null on the last.
   */
  casePage(
    scope: readonly number[],
    input: { statuses: readonly CaseStatus[]; before: number | null; limit: number },
  ): Promise<{ readonly rows: readonly CaseSummary[]; readonly next: number | null }>;
  view(scope: readonly number[], number: number): Promise<CaseView | null>;
  move(
    once: Once,
    input: { scope: readonly number[]; number: number; to: CaseStatus; note: string | null },
    render: Render<CaseMoveOutcome>,
  ): Promise<readonly Reply[]>;
  /** The reporter withdraws: only their own case; a case of someone else is "not found". */
  withdraw(once: Once, input: { number: number }, render: Render<CaseMoveOutcome>): Promise<readonly Reply[]>;
  /**
   * Replaces the personal data with placeholders; keeps category, status history and disbursements.
   * `placeholder` replaces the personal text and `note` records why, both worded by the core.
   */
  erase(
    once: Once,
    input: { scope: readonly number[]; number: number; placeholder: string; note: string },
    render: Render<EraseOutcome>,
  ): Promise<readonly Reply[]>;
  /** A keluar given as help for a case of the posting's WKSBM: entry and link in one transaction. */
  disburse(once: Once, input: { caseNumber: number; posting: Posting }, render: Render<DisburseOutcome>): Promise<readonly Reply[]>;
}

/**
 * Messages the bot sends on its own to people's private chats and to pengurus-only chats. Failures are
 * the notifier's to log; a notice never fails the change that caused it.
 */
export interface Notifier {
  toPeople(personIds: readonly number[], replies: readonly Reply[]): Promise<void>;
  /** Every pengurus of the WKSBM privately, and its pengurus-only chats; never a members' group. */
  toPengurus(wksbmId: number, replies: readonly Reply[]): Promise<void>;
  /** Every members' group linked to the WKSBM: what the group would have read had it been typed there. */
  toGroups(wksbmId: number, replies: readonly Reply[]): Promise<void>;
}
