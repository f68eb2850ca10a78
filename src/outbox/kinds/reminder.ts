import { z } from 'zod';
import { reminderReplies, type MeetingPlanner, type OutboxPayload } from '../../core/index.js';
import { defineKind } from '../kind.js';

const payload = z.object({
  occurrenceId: z.number().int(),
  /** The meeting start the reminder was planned for; a moved meeting makes it stale. */
  startsAt: z.number().int(),
});

const NAME = 'reminder';

/** How a reminder's payload is written when it is planned (nothing is rendered then). */
export const reminderPayload = (fields: z.infer<typeof payload>): OutboxPayload => ({ ...payload.parse(fields), kind: NAME });

/**
 * A meeting reminder, built when it is sent, not when it was planned: it names the members who have not
 * answered *now*, and one whose meeting was cancelled or moved is not sent.
 */
export function reminderKind(planner: Pick<MeetingPlanner, 'reminderFacts'>) {
  return defineKind({
    name: NAME,
    payload,
    async render({ occurrenceId, startsAt }, now) {
      const facts = await planner.reminderFacts(occurrenceId);
      if (!facts) return { ok: false, why: 'meeting not found' };
      const { occurrence } = facts;
      if (occurrence.status === 'batal') return { ok: false, why: 'meeting cancelled' };
      if (occurrence.startsAt.getTime() !== startsAt) return { ok: false, why: 'meeting moved' };
      return {
        ok: true,
        message: { type: 'replies', replies: reminderReplies(facts, now) },
      };
    },
  });
}
