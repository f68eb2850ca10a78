import type { PaymentEffect } from './iuran/ports.js';
import type { ChannelName, Reply } from './message.js';
import type { FundUnit } from './quantity.js';
import type { Role } from './roles.js';

/**
 * The ports the core needs from storage. `src/store` implements them with Prisma; the core never
 * sees a database type.
 *
 * Every write takes a `Once` and a `render`: the store checks the inbound message's key, applies the
 * change, renders the replies and saves them with the change in one transaction. A redelivered message
 * therefore changes nothing and gets the answer it got the first time.
 */
export interface Once {
  readonly key: string;
  readonly personId: number;
}

export type Render<O> = (outcome: O) => readonly Reply[];

export interface WksbmInfo {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
}

export interface PersonInfo {
  readonly id: number;
  readonly name: string;
}

export interface MemberInfo {
  readonly person: PersonInfo;
  readonly role: Role;
}

export interface FundInfo {
  readonly id: number;
  readonly name: string;
  readonly unit: FundUnit;
  readonly aliases: readonly string[];
}

export interface FundBalance extends FundInfo {
  readonly balance: bigint;
}

export interface ChatKey {
  readonly channel: ChannelName;
  readonly id: string;
}

export interface NewFund {
  readonly name: string;
  readonly unit: FundUnit;
  readonly aliases: readonly string[];
}

export type StartOutcome =
  | { readonly ok: true; readonly wksbm: WksbmInfo; readonly funds: readonly FundInfo[] }
  | { readonly ok: false; readonly reason: 'already-linked'; readonly wksbm: WksbmInfo };

export type RoleOutcome =
  | { readonly ok: true; readonly previous: Role }
  | { readonly ok: false; readonly reason: 'last-ketua' };

export type AddFundOutcome =
  | { readonly ok: true; readonly fund: FundInfo }
  | { readonly ok: false; readonly reason: 'taken'; readonly word: string };

export interface CommunityStore {
  wksbmOfChat(chat: ChatKey): Promise<WksbmInfo | null>;
  /** The person behind a channel identity, created with this name on first sight. */
  personOf(channel: ChannelName, externalId: string, name: string): Promise<PersonInfo>;
  /** The person's role, joining them as anggota first when they are not a member yet. */
  roleOf(wksbmId: number, personId: number): Promise<Role>;
  members(wksbmId: number): Promise<readonly MemberInfo[]>;
  funds(wksbmId: number): Promise<readonly FundInfo[]>;
  balances(wksbmId: number): Promise<readonly FundBalance[]>;

  startWksbm(
    once: Once,
    input: { chat: ChatKey & { title?: string }; name: string; funds: readonly NewFund[] },
    render: Render<StartOutcome>,
  ): Promise<readonly Reply[]>;
  setRole(
    once: Once,
    input: { wksbmId: number; personId: number; role: Role },
    render: Render<RoleOutcome>,
  ): Promise<readonly Reply[]>;
  addFund(once: Once, input: { wksbmId: number; fund: NewFund }, render: Render<AddFundOutcome>): Promise<readonly Reply[]>;
}

/** Money or goods moving into or out of a fund, as the core asks for it. */
export interface Posting {
  readonly wksbmId: number;
  readonly fundId: number;
  readonly kind: 'setor' | 'keluar';
  /** Positive, in the fund's unit. */
  readonly amount: bigint;
  /** An anggota's setor waits for a ketua/bendahara; nothing moves until then. */
  readonly pending: boolean;
  readonly contributorName: string | null;
  readonly contributorId: number | null;
  readonly note: string | null;
}

export type PostingOutcome =
  | { readonly ok: true; readonly status: 'posted'; readonly number: number; readonly balanceAfter: bigint }
  | { readonly ok: true; readonly status: 'pending'; readonly number: number }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly balance: bigint };

export interface EntryView {
  readonly number: number;
  readonly kind: 'setor' | 'keluar' | 'koreksi';
  /** Signed effect on the fund. */
  readonly amount: bigint;
  readonly fund: FundInfo;
  readonly contributorName: string | null;
  readonly recordedBy: string;
  readonly note: string | null;
  readonly createdAt: Date;
  /** koreksi: the number it reverses. */
  readonly reverses: number | null;
  /** setor/keluar: the number of the koreksi that reversed it. */
  readonly reversedBy: number | null;
}

export interface SubmissionView {
  readonly number: number;
  readonly amount: bigint;
  readonly fund: FundInfo;
  readonly contributorName: string | null;
  readonly submittedBy: string;
  readonly note: string | null;
  readonly status: 'menunggu' | 'disahkan' | 'ditolak';
  readonly reason: string | null;
  readonly createdAt: Date;
}

export type HistoryItem =
  | ({ readonly type: 'entry' } & EntryView)
  | ({ readonly type: 'submission' } & SubmissionView);

export type ReverseOutcome =
  | {
      readonly ok: true;
      readonly number: number;
      readonly original: EntryView;
      readonly balanceAfter: bigint;
      /** Households whose iuran payment by the original entry was reversed with it. */
      readonly households: number;
    }
  | { readonly ok: false; readonly reason: 'not-found' | 'pending' | 'is-correction' }
  | { readonly ok: false; readonly reason: 'already-reversed'; readonly by: number }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly original: EntryView; readonly balance: bigint };

export type DecideOutcome =
  | {
      readonly ok: true;
      readonly submission: SubmissionView;
      readonly balanceAfter: bigint | null;
      /** A confirmed setoran for a household's iuran: what it paid. */
      readonly iuran: PaymentEffect | null;
    }
  | { readonly ok: false; readonly reason: 'not-found' | 'is-entry' }
  | { readonly ok: false; readonly reason: 'decided'; readonly submission: SubmissionView };

export interface LedgerStore {
  post(once: Once, posting: Posting, render: Render<PostingOutcome>): Promise<readonly Reply[]>;
  reverse(
    once: Once,
    input: { wksbmId: number; number: number; reason: string; at: Date },
    render: Render<ReverseOutcome>,
  ): Promise<readonly Reply[]>;
  decide(
    once: Once,
    input: { wksbmId: number; number: number; approve: boolean; reason: string | null; at: Date },
    render: Render<DecideOutcome>,
  ): Promise<readonly Reply[]>;
  /** Newest first; entries and the contributions still waiting or refused. */
  history(wksbmId: number, options: { fundId?: number; limit: number }): Promise<readonly HistoryItem[]>;
}
