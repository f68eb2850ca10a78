import { z } from 'zod';
import type { ChannelName } from './message.js';

/**
 * The outbox's port: messages due at a time, planned by the core's stores and sent by the scheduler.
 * `src/store/outbox.ts` implements it; the payload schema parses what the store reads back.
 */
export const outboxPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reminder'),
    occurrenceId: z.number().int(),
    /** The meeting start the reminder was planned for; a moved meeting makes it stale. */
    startsAt: z.number().int(),
  }),
  /** A message whose text was settled when it was planned (a notice to a group or a person). */
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    actions: z.array(z.object({ label: z.string(), command: z.string(), settles: z.boolean().optional() })).optional(),
  }),
  /** A private reminder of a household's iuran: rendered when sent, dropped if the household has paid by then. */
  z.object({
    kind: z.literal('iuran-reminder'),
    iuranId: z.number().int(),
    householdId: z.number().int(),
  }),
]);
export type OutboxPayload = z.infer<typeof outboxPayload>;

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
  /** Records the outcome if the claim is still this instance's; false when it was lost. */
  settle(message: Pick<OutboxMessage, 'id' | 'claimToken'>, outcome: Outcome): Promise<boolean>;
  /** Deletes messages that were settled (sent, dropped, given up) and were due before `before`. */
  prune(before: Date): Promise<number>;
  /** When the next message of these channels that nobody holds at `now` falls due, or null when none waits. */
  nextDue(channels: readonly ChannelName[], now: Date, chatId?: string): Promise<Date | null>;
}

