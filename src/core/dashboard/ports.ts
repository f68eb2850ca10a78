import type { Reply } from '../shared/message.js';
import type { OccurrenceDetail } from '../meetings/ports.js';
import type { FundInfo, Once, PersonInfo, Render, WksbmInfo } from '../shared/ports.js';
import type { Role } from '../shared/roles.js';

/**
 * Ports of the dashboard's access: login links, sessions and pendamping. Secrets (login tokens, session
 * ids, invite codes) are made random by the store, which keeps only their SHA-256; a reply that shows one
 * is answered to this message only and stored for redelivery without it (`again`).
 */

/** What a person may see of one WKSBM on the dashboard. */
export type DashboardAccess =
  | { readonly wksbm: WksbmInfo; readonly as: 'pengurus'; readonly role: Role }
  | { readonly wksbm: WksbmInfo; readonly as: 'pendamping' };

export interface PendampingView {
  readonly person: PersonInfo;
  readonly since: Date;
}

/** A secret made for one message: shown in its answer once, never stored in the clear. */
export type Secret = { readonly fresh: true; readonly secret: string } | { readonly fresh: false };

export type RedeemOutcome =
  | { readonly ok: true; readonly wksbm: WksbmInfo }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'already'; readonly wksbm: WksbmInfo };

export type RemoveOutcome =
  | { readonly ok: true; readonly person: PersonInfo }
  | { readonly ok: false; readonly reason: 'not-found'; readonly current: readonly PendampingView[] };

export type LoginOutcome =
  | { readonly ok: true; readonly personId: number; readonly sessionId: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' };

export interface DashboardStore {
  /**
   * Every WKSBM where the person is pengurus (recorded role) or an active pendamping, read from the
   * database on every call: a demoted pengurus or a removed pendamping loses access at once.
   */
  accessOf(personId: number): Promise<readonly DashboardAccess[]>;
  /** A login token for the person, valid until `expiresAt`. */
  issueLogin(once: Once, input: { personId: number; expiresAt: Date }, render: Render<Secret>): Promise<readonly Reply[]>;
  /** Uses a login token once: a session valid until `sessionExpiresAt` or nothing. */
  useLogin(token: string, input: { now: Date; sessionExpiresAt: Date }): Promise<LoginOutcome>;
  /** The person behind a live session. */
  sessionPerson(sessionId: string, now: Date): Promise<PersonInfo | null>;
  endSession(sessionId: string, now: Date): Promise<void>;
  /** Ends every live session of the person; renders how many there were. */
  endSessions(once: Once, input: { personId: number; now: Date }, render: Render<number>): Promise<readonly Reply[]>;

  invitePendamping(once: Once, input: { wksbmId: number; expiresAt: Date }, render: Render<Secret>): Promise<readonly Reply[]>;
  redeemInvite(once: Once, input: { code: string; personId: number; now: Date }, render: Render<RedeemOutcome>): Promise<readonly Reply[]>;
  pendampingOf(wksbmId: number): Promise<readonly PendampingView[]>;
  removePendamping(once: Once, input: { wksbmId: number; name: string; now: Date }, render: Render<RemoveOutcome>): Promise<readonly Reply[]>;
}

export const BOOK_KINDS = ['setor', 'keluar', 'koreksi'] as const;
export const BOOK_STATUSES = ['posted', 'menunggu', 'ditolak'] as const;

/** What the Buku kas shows; every field is optional. `to` is exclusive. */
export interface BookFilter {
  readonly fundId?: number;
  readonly from?: Date;
  readonly to?: Date;
  readonly kind?: (typeof BOOK_KINDS)[number];
  readonly status?: (typeof BOOK_STATUSES)[number];
  /** Found in the note or the contributor's name. */
  readonly text?: string;
}

/** Where a row was recorded: the channel, and the chat as people know it. */
export interface BookSource {
  readonly channel: string;
  /** A group's title, `pribadi` for a private chat, null when unknown. */
  readonly chat: string | null;
}

/** One line of the Buku kas: a posted entry, or a setoran still waiting or refused. */
export interface BookRow {
  readonly number: number;
  readonly kind: (typeof BOOK_KINDS)[number];
  readonly status: (typeof BOOK_STATUSES)[number];
  /** Entries: the signed effect on the fund. Waiting or refused setoran: what was submitted. */
  readonly amount: bigint;
  readonly fund: FundInfo;
  readonly contributorName: string | null;
  readonly recordedBy: string;
  readonly note: string | null;
  readonly createdAt: Date;
  readonly source: BookSource | null;
  readonly reverses: number | null;
  readonly reversedBy: number | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
}

export interface BookPage {
  readonly rows: readonly BookRow[];
  /** The number to pass as `before` for the next (older) page; null on the last page. */
  readonly next: number | null;
}

/** What a pendamping may know of a WKSBM's cases: counts only, never a person. */
export interface CaseCounts {
  readonly byStatus: readonly { readonly status: string; readonly count: number }[];
  readonly byCategory: readonly { readonly category: string; readonly count: number }[];
}

/** Reads of the dashboard that no chat command makes. */
export interface DashboardReads {
  /** Newest first, `limit` rows with a number below `before` (keyset pagination: constant cost per page). */
  book(wksbmId: number, filter: BookFilter, before: number | null, limit: number): Promise<BookPage>;
  /** Setoran waiting for a ketua or bendahara, oldest first. */
  pending(wksbmId: number): Promise<readonly BookRow[]>;
  /** When the WKSBM last recorded money (an entry or a setoran sent), if ever. */
  lastActivity(wksbmId: number): Promise<Date | null>;
  caseCounts(wksbmId: number): Promise<CaseCounts>;
  /** Meetings that have started, newest first. */
  pastMeetings(wksbmId: number, now: Date, limit: number): Promise<readonly OccurrenceDetail[]>;
  /**
   * Changes whenever anything is committed to the database, whoever commits (this server, the console,
   * another instance); null where the database offers no such number (PostgreSQL). A page rendered at
   * one version is the page every reader would get until it changes.
   */
  version(): number | null;
}
