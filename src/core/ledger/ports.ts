import type { LevyEffect } from '../duka/ports.js';
import type { PaymentEffect } from '../iuran/ports.js';
import type { ChannelName, Reply } from '../shared/message.js';
import type { FundInfo, Once, Render } from '../shared/ports.js';

/** The ledger's port: append-only entries and the contributions waiting for a ketua/bendahara. */

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
      /** What it paid of the household's duka levy, which takes its share first. */
      readonly levy: LevyEffect | null;
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
  /**
   * Entries and the contributions still waiting or refused, newest first; `offset` items are skipped (a
   * later page of /riwayat).
   */
  history(wksbmId: number, options: { fundId?: number; limit: number; offset?: number }): Promise<readonly HistoryItem[]>;
}

/** The setor or keluar (or pending setoran) a message recorded, as a proof photo attaches to it. */
export interface ProofTarget {
  readonly wksbmId: number;
  /** The number people see (#12), shared by a pending setoran and the entry it becomes. */
  readonly number: number;
  /** Who recorded or submitted it: they may add its proof, as may the ketua and bendahara. */
  readonly recordedById: number;
}

/** A kept proof photo, as the outbox reads it to send it. */
export interface StoredProof {
  readonly id: number;
  readonly number: number;
  readonly mimeType: string;
  readonly content: Uint8Array;
}

/**
 * Proof photos (bukti/nota) of ledger entries, kept in the database with their hash. The image is read
 * only to send it to a pengurus's private chat; /riwayat shows that one exists.
 */
export interface ProofStore {
  /** What the message with this key (`channel:chat:message`) recorded, if it was a setor or keluar. */
  targetOf(sourceKey: string): Promise<ProofTarget | null>;
  /** The setor or keluar (or pending setoran) with this number, by what the bot said about it. */
  targetByNumber(wksbmId: number, number: number): Promise<ProofTarget | null>;
  /** Keeps one photo; the outcome is how many the number has now. */
  attach(
    once: Once,
    input: { target: ProofTarget; sourceKey: string; photo: { bytes: Uint8Array; mimeType: string } },
    render: Render<{ count: number }>,
  ): Promise<readonly Reply[]>;
  /**
   * Stores the answer of a photo that was fetched and refused (too big, not an image) as the message's
   * answer, so the message handled again gets it without the photo being fetched again.
   */
  remember(once: Once, replies: readonly Reply[]): Promise<readonly Reply[]>;
  /** How many photos each of these numbers has (numbers without any are left out). */
  counts(wksbmId: number, numbers: readonly number[]): Promise<ReadonlyMap<number, number>>;
  /** Queues the number's photos to a private chat; the outcome is how many (0: nothing was queued). */
  send(
    once: Once,
    input: { wksbmId: number; number: number; to: { channel: ChannelName; chatId: string }; at: Date },
    render: Render<{ count: number }>,
  ): Promise<readonly Reply[]>;
  /** The photos an outbox message names, for sending. */
  files(ids: readonly number[]): Promise<readonly StoredProof[]>;
}
