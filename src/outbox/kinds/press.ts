import { z } from 'zod';
import { defineKind } from '../kind.js';

/** What only the person who pressed a button sees (an alert for a refusal, a short notice otherwise). */
export const pressAnswerKind = defineKind({
  name: 'press-answer',
  payload: z.object({ pressId: z.string(), text: z.string().optional(), alert: z.boolean().optional() }),
  render: async ({ pressId, text, alert }) => ({ ok: true, message: { type: 'press-answer', pressId, text, alert } }),
});

/** A settled button's message replaced by the outcome (a pending setoran confirmed). */
export const editKind = defineKind({
  name: 'edit',
  payload: z.object({ messageId: z.string(), text: z.string() }),
  render: async ({ messageId, text }) => ({ ok: true, message: { type: 'edit', messageId, text } }),
});
