import { z } from 'zod';
import { defineKind } from '../kind.js';

/**
 * A message whose text was settled when it was planned (an iuran setoran decided, a perantau notice):
 * one reply, with its buttons if it has any.
 */
export const textKind = defineKind({
  name: 'text',
  payload: z.object({
    text: z.string(),
    actions: z.array(z.object({ label: z.string(), command: z.string(), settles: z.boolean().optional() })).readonly().optional(),
  }),
  render: async ({ text, actions }) => ({ ok: true, message: { type: 'replies', replies: [{ text, actions }] } }),
});
