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
  /**
   * In a WKSBM: the recorded role the command was decided with (read through a short-lived cache). The
   * store checks in the writing transaction that it is still the person's role and throws RoleChanged
   * otherwise, so a pengurus demoted a moment ago, on this instance or another, never writes as one.
   */
  readonly role?: { readonly wksbmId: number; readonly recorded: Role };
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

/** What merging two identities found: neither known, one person already, one added to the other, two made one. */
export type IdentityMerge = 'unknown' | 'same' | 'linked' | 'merged';

export interface CommunityStore {
  wksbmOfChat(chat: ChatKey): Promise<WksbmInfo | null>;
  /**
   * The platform gave a chat a new id (a Telegram group upgraded to a supergroup): its link to a
   * WKSBM (members' or pengurus-only) and the messages waiting for it follow. Idempotent.
   */
  moveChat(channel: ChannelName, from: string, to: string): Promise<void>;
  /**
   * Two identities of one channel are one person (WhatsApp revealed that a LID and a phone number are
   * the same user): afterwards both name one person, who has what either had. One transaction,
   * idempotent. `unknown` when neither was seen yet.
   */
  mergeIdentities(channel: ChannelName, a: string, b: string): Promise<IdentityMerge>;
  /** The person behind a channel identity, created with this name on first sight. */
  personOf(channel: ChannelName, externalId: string, name: string): Promise<PersonInfo>;
  /** The person's role, joining them as anggota first when they are not a member yet. */
  roleOf(wksbmId: number, personId: number): Promise<Role>;
  /** Forgets the cached role, after a write found it changed (another instance, the console). */
  forgetRole(wksbmId: number, personId: number): void;
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
