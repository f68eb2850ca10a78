import { z } from 'zod';
import type { OutboxPayload, OutgoingDocument, Quote, Reply } from '../core/index.js';

/**
 * What a kind of outbox message becomes when it is sent: messages to its chat (texts, then documents
 * such as the LPJ's files), a replaced text (a settled button), or an answer only the presser sees.
 */
export type Outgoing =
  | { readonly type: 'replies'; readonly replies: readonly Reply[]; readonly quote?: Quote; readonly documents?: readonly OutgoingDocument[] }
  | { readonly type: 'edit'; readonly messageId: string; readonly text: string }
  | { readonly type: 'press-answer'; readonly pressId: string; readonly text?: string; readonly alert?: boolean };

export type Rendered =
  | {
      readonly ok: true;
      readonly message: Outgoing;
      /** Removes what rendering left on disk (a report's files), once they are sent or given up. */
      readonly cleanup?: () => Promise<void>;
    }
  | { readonly ok: false; readonly why: string };

/**
 * A kind of message the bot sends: the zod schema of its stored payload and how it is rendered when it
 * is sent (a reminder names who has not answered *then*). Adding a kind is adding a module that defines
 * one and registering it in `kinds.ts`, never editing a union.
 */
export interface MessageKind<P> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  render(payload: P, now: Date): Promise<Rendered>;
}

export function defineKind<P>(kind: MessageKind<P>): MessageKind<P> & { make(payload: P): OutboxPayload } {
  return {
    ...kind,
    // Parsed on the way in as well, so a bad payload fails where it is made, not when it is sent.
    make: (payload) => ({ ...(kind.payload.parse(payload) as object), kind: kind.name }),
  };
}

/** Replies as stored in JSON: parsed, never trusted. */
export const replySchema = z.object({
  text: z.string(),
  actions: z.array(z.object({ label: z.string(), command: z.string(), settles: z.boolean().optional() })).readonly().optional(),
  refused: z.boolean().optional(),
});

export const quoteSchema = z.object({ messageId: z.string(), author: z.string().optional(), text: z.string().optional() });
