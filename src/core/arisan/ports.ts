import type { Reply } from '../shared/message.js';
import type { ChatKey, FundInfo, Once, Render } from '../shared/ports.js';

/**
 * The arisan port. Like the ledger's, every write takes a `Once` and a `render`: the change, its ledger
 * entries and its answer commit in one transaction, and a redelivered message changes nothing.
 */
export const ARISAN_FREQUENCIES = ['mingguan', 'bulanan', 'tiap-rapat'] as const;
export type ArisanFrequency = (typeof ARISAN_FREQUENCIES)[number];

export interface ArisanInfo {
  readonly id: number;
  readonly wksbmId: number;
  readonly name: string;
  /** Rupiah each share pays each round. */
  readonly contribution: bigint;
  readonly frequency: ArisanFrequency;
  readonly fund: FundInfo;
}

export interface ShareView {
  readonly number: number;
  readonly personId: number;
  readonly name: string;
}

export interface WinView {
  readonly round: number;
  readonly cycle: number;
  readonly share: ShareView;
  readonly pot: bigint;
  /** The payout's ledger number (the latest, after a repayment); null when nobody had paid that round. */
  readonly entryNumber: number | null;
  /** The /koreksi that reversed that payout: the winner is owed the pot again (`/arisan bayarkan`). */
  readonly reversedBy: number | null;
  readonly at: Date;
}

/** A round whose commitment is posted and whose seed is still secret. */
export interface CommittedView {
  readonly round: number;
  readonly cycle: number;
  readonly list: readonly ShareView[];
  readonly commitment: string;
  readonly mixes: readonly string[];
  readonly committedAt: Date;
}

export interface ArisanStatus {
  readonly arisan: ArisanInfo;
  readonly shares: readonly ShareView[];
  /** The round payments go to now: the one after the last drawn. */
  readonly round: number;
  readonly cycle: number;
  /** Share numbers that paid `round`. */
  readonly paid: readonly number[];
  /** Sum of the paid shares of `round`: what its winner takes. */
  readonly pot: bigint;
  /** Every win so far, oldest first. */
  readonly wins: readonly WinView[];
  readonly committed: CommittedView | null;
}

/** A drawn round as `/arisan <nama> riwayat` shows it, with everything needed to check the draw. */
export interface DrawnRound extends WinView {
  readonly list: readonly number[];
  readonly mixes: readonly string[];
  readonly seed: string;
  readonly commitment: string;
}

export type CreateArisanOutcome =
  | { readonly ok: true; readonly arisan: ArisanInfo }
  | { readonly ok: false; readonly reason: 'taken'; readonly word: string };

/** Who takes shares: a known person, or someone without a chat account recorded by name. */
export type ArisanHolder = { readonly personId: number } | { readonly newName: string };

/** `count` is how many shares the person holds afterwards; `added` the numbers this change gave them. */
export type ArisanJoinOutcome =
  | { readonly ok: true; readonly person: { id: number; name: string }; readonly added: readonly number[]; readonly numbers: readonly number[] }
  | { readonly ok: false; readonly reason: 'already'; readonly person: { id: number; name: string }; readonly numbers: readonly number[] };

export type ArisanPayOutcome =
  | {
      readonly ok: true;
      readonly round: number;
      readonly numbers: readonly number[];
      readonly amount: bigint;
      readonly entryNumber: number;
      readonly balanceAfter: bigint;
    }
  | { readonly ok: false; readonly reason: 'no-shares' }
  | { readonly ok: false; readonly reason: 'already-paid'; readonly round: number }
  | { readonly ok: false; readonly reason: 'amount-mismatch'; readonly expected: bigint; readonly unpaid: number };

export type KocokOutcome =
  | { readonly ok: true; readonly step: 'committed'; readonly committed: CommittedView }
  | { readonly ok: true; readonly step: 'revealed'; readonly drawn: DrawnRound; readonly balanceAfter: bigint }
  | { readonly ok: false; readonly reason: 'no-shares' }
  /** The commitment has not been in the group long enough for people to see it and mix in numbers. */
  | { readonly ok: false; readonly reason: 'too-soon'; readonly committed: CommittedView; readonly revealAt: Date }
  /** The round was drawn moments ago (a second press): no new round is started on its heels. */
  | { readonly ok: false; readonly reason: 'just-drawn'; readonly win: WinView }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly balance: bigint; readonly pot: bigint };

export type MixOutcome =
  | { readonly ok: true; readonly committed: CommittedView }
  | { readonly ok: false; readonly reason: 'nothing-committed' }
  | { readonly ok: false; readonly reason: 'already-mixed'; readonly committed: CommittedView };

export type RepayOutcome =
  | { readonly ok: true; readonly win: WinView; readonly balanceAfter: bigint }
  | { readonly ok: false; readonly reason: 'not-drawn' }
  /** The payout stands (or there was none, pot 0): nothing is owed. */
  | { readonly ok: false; readonly reason: 'not-reversed'; readonly win: WinView }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly balance: bigint; readonly pot: bigint };

export type LeaveOutcome =
  | { readonly ok: true; readonly share: ShareView }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'already-left'; readonly share: ShareView }
  /** The share is in the list of a committed round: the list cannot change before the reveal. */
  | { readonly ok: false; readonly reason: 'in-draw'; readonly share: ShareView; readonly round: number }
  /** It took a pot this cycle and owes the rest of the cycle's rounds. */
  | { readonly ok: false; readonly reason: 'won-this-cycle'; readonly share: ShareView; readonly cycle: number }
  /** It paid the current round: that payment is corrected first (/koreksi), so the pot stays exact. */
  | { readonly ok: false; readonly reason: 'paid-this-round'; readonly share: ShareView; readonly round: number };

/** The scheduler's side of the draw: the automatic reveal, when its outbox row falls due. */
export interface ArisanRevealer {
  revealArisan(input: { roundId: number }, now: Date): Promise<{ ok: true; text: string } | { ok: false; why: string }>;
}

export interface ArisanStore {
  list(wksbmId: number): Promise<readonly ArisanInfo[]>;
  byName(wksbmId: number, name: string): Promise<ArisanInfo | null>;
  /** The arisan whose own fund this is, so a /setor into it pays shares. */
  byFund(fundId: number): Promise<ArisanInfo | null>;
  status(arisan: ArisanInfo): Promise<ArisanStatus>;
  /** Drawn rounds, newest first. */
  history(arisan: ArisanInfo, limit: number): Promise<readonly DrawnRound[]>;

  create(
    once: Once,
    input: { wksbmId: number; name: string; fundName: string; contribution: bigint; frequency: ArisanFrequency },
    render: Render<CreateArisanOutcome>,
  ): Promise<readonly Reply[]>;
  /** Gives the holder shares until they hold `count`; holding that many already changes nothing. */
  join(once: Once, input: { arisan: ArisanInfo; holder: ArisanHolder; count: number }, render: Render<ArisanJoinOutcome>): Promise<readonly Reply[]>;
  /**
   * Pays every unpaid share of this person for the current round with one setor into the arisan's fund.
   * `amount`, when the payer wrote one (/setor), must be exactly what those shares owe.
   */
  pay(
    once: Once,
    input: { arisan: ArisanInfo; personId: number; payerName: string; amount: bigint | null },
    render: Render<ArisanPayOutcome>,
  ): Promise<readonly Reply[]>;
  /**
   * The draw's two steps in one command: with no round committed, commits the next one with `seed`;
   * with one committed at least `revealDelayMs` ago, reveals it, records the winner and pays the pot.
   */
  kocok(
    once: Once,
    input: { arisan: ArisanInfo; seed: string; now: Date; revealDelayMs: number; chat: ChatKey },
    render: Render<KocokOutcome>,
  ): Promise<readonly Reply[]>;
  mix(once: Once, input: { arisan: ArisanInfo; value: string }, render: Render<MixOutcome>): Promise<readonly Reply[]>;
  /** Pays a drawn round's pot again to its winner after its payout was reversed with /koreksi. */
  repay(once: Once, input: { arisan: ArisanInfo; round: number }, render: Render<RepayOutcome>): Promise<readonly Reply[]>;
  /**
   * Takes a share out of the arisan: it keeps its number and past rounds (so every past draw stays
   * verifiable) and is in no list committed after this; numbers are never reused or shifted.
   */
  leave(once: Once, input: { arisan: ArisanInfo; number: number }, render: Render<LeaveOutcome>): Promise<readonly Reply[]>;
}
