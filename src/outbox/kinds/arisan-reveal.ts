import { z } from 'zod';
import type { ArisanRevealer, OutboxPayload } from '../../core/index.js';
import { defineKind } from '../kind.js';

const payload = z.object({ roundId: z.number().int() });

const NAME = 'arisan-reveal';

/** How the automatic reveal of a committed round is written when the round is committed. */
export const arisanRevealPayload = (fields: z.infer<typeof payload>): OutboxPayload => ({ ...payload.parse(fields), kind: NAME });

/**
 * The draw's second step by itself, once the commitment has been in the group for the delay: rendering
 * reveals the round (at most once: its win is unique) and the message is the reveal.
 */
export function arisanRevealKind(revealer: ArisanRevealer) {
  return defineKind({
    name: NAME,
    payload,
    async render(fields, now) {
      const revealed = await revealer.revealArisan(fields, now);
      return revealed.ok ? { ok: true, message: { type: 'replies', replies: [{ text: revealed.text }] } } : revealed;
    },
  });
}
