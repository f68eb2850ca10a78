import { z } from 'zod';
import type { ChannelName } from './message.js';

/**
 * The outbox's port: messages due at a time, planned by the core's stores and sent by the scheduler.
 * `src/store/outbox.ts` implements it. A payload is a kind's name beside its fields: each kind (a
 * module in `src/outbox/kinds/`) parses its own fields when it is rendered, so adding a kind of
 * message never edits this port.
 */
export const outboxPayload = z.looseObject({ kind: z.string() });
export interface OutboxPayload {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** The LPJ's files (issue 11): made at send time from the stored request rather than kept as blobs. */
export const reportPayload = z.object({
  kind: z.literal('report'),
  wksbmId: z.number().int(),
  variant: z.enum(['grup', 'rahasia']),
  /** The automatic monthly report: a PDF only, and only while the WKSBM keeps it on. */
  monthly: z.boolean(),
  /** When it was asked for (or fell due): the date the report says it was made. */
  madeAt: z.number().int(),
  /** The period as resolved when asked: files made later still cover exactly it. */
  period: z.object({
    from: z.number().int(),
    to: z.number().int(),
    label: z.string(),
    slug: z.string(),
    partial: z.boolean(),
  }),
});
export type ReportPayload = z.infer<typeof reportPayload>;


export interface NewOutboxMessage {
  readonly dedupeKey: string;
  readonly channel: ChannelName;
  readonly chatId: string;
  /** What it is about ("occurrence:12"), to withdraw it when that changes. */
  readonly subject: string;
  readonly payload: OutboxPayload;
  readonly dueAt: Date;
  readonly notAfter: Date | null;
}

export interface OutboxMessage {
  readonly id: number;
  readonly dedupeKey: string;
  readonly channel: ChannelName;
  readonly chatId: string;
  readonly payload: OutboxPayload;
  readonly dueAt: Date;
  readonly notAfter: Date | null;
  readonly attempts: number;
  /** Proves this instance still holds the claim when it reports the outcome. */
  readonly claimToken: string;
}

export interface ClaimRequest {
  readonly channels: readonly ChannelName[];
  /** Only this chat's messages (the console delivers its own chat's). */
  readonly chatId?: string;
  readonly now: Date;
  readonly limit: number;
  readonly leaseMs: number;
  /** Most messages of one chat in one claim; they are sent one after the other, in order. */
  readonly perChat?: number;
}

export type Outcome =
  | { readonly kind: 'sent'; readonly at: Date }
  /** Not sent and never will be (the meeting started, was cancelled or moved). */
  | { readonly kind: 'dropped'; readonly why: string }
  /** Try again at `at`; `attempt` says whether this counts as a failed attempt or only a deferral. */
  | { readonly kind: 'retry'; readonly at: Date; readonly attempt: boolean; readonly error: string }
  | { readonly kind: 'failed'; readonly error: string };

export interface OutboxStore {
  claim(request: ClaimRequest): Promise<readonly OutboxMessage[]>;
  /**
   * Moves the end of a claim's lease to `until` for those of its messages (`ids`, as claimed) not yet
   * settled (a claim still held, or run out and taken by nobody since); returns the ids it holds now. A message that waits for the rate
   * limit longer than the lease would otherwise be claimed and sent by another instance as well; one
   * missing from the ids was taken by another instance (after a stall longer than the lease), which
   * sends it: the claimer must not.
   */
  extend(claimToken: string, ids: readonly number[], until: Date): Promise<readonly number[]>;
  /** Records the outcome if the claim is still this instance's; false when it was lost. */
  settle(message: Pick<OutboxMessage, 'id' | 'claimToken'>, outcome: Outcome): Promise<boolean>;
  /** Deletes messages that were settled (sent, dropped, given up) and were due before `before`. */
  prune(before: Date): Promise<number>;
  /** When the next message of these channels that nobody holds at `now` falls due, or null when none waits. */
  nextDue(channels: readonly ChannelName[], now: Date, chatId?: string): Promise<Date | null>;
  /** Adds messages in a transaction of their own (those whose dedupe key is new), then tells the listeners. */
  add(messages: readonly NewOutboxMessage[]): Promise<void>;
  /** Calls `listener` whenever this process committed messages due now; returns how to stop listening. */
  onWritten(listener: () => void): () => void;
  /** Tells the listeners (the stores that write outbox messages call it after their commit). */
  written(): void;
  /**
   * The messages of these channels sent since `since`, whichever instance sent them: a new owner of the
   * sending counts them against the platforms' limits before it sends (see ownership.ts).
   */
  recentSends(channels: readonly ChannelName[], since: Date): Promise<readonly { channel: ChannelName; chatId: string; sentAt: Date }[]>;
}

