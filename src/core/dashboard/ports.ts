import type { Reply } from '../message.js';
import type { Once, PersonInfo, Render, WksbmInfo } from '../ports.js';
import type { Role } from '../roles.js';

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
