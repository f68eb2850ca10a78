import { z } from 'zod';
import { defineKind, quoteSchema, replySchema } from '../kind.js';

/**
 * The answer to an inbound message, committed with the change it answers (or, for a question that
 * changes nothing, with the inbox row it answers). Its text is fixed when it is written.
 */
export const replyKind = defineKind({
  name: 'reply',
  payload: z.object({ replies: z.array(replySchema).min(1), quote: quoteSchema.optional() }),
  render: async ({ replies, quote }) => ({ ok: true, message: { type: 'replies', replies, quote } }),
});

/** A message to a person or a chat about something that happened elsewhere (a new report for pengurus). */
export const noticeKind = defineKind({
  name: 'notice',
  payload: z.object({ replies: z.array(replySchema).min(1) }),
  render: async ({ replies }) => ({ ok: true, message: { type: 'replies', replies } }),
});
