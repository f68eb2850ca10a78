import { z } from 'zod';
import type { LevyReminderPlanner, OutboxPayload } from '../../core/index.js';
import { defineKind } from '../kind.js';

const payload = z.object({ wksbmId: z.number().int(), householdId: z.number().int() });

const NAME = 'duka-levy-reminder';

/** How a household's levy reminder is written when it is planned (nothing is rendered then). */
export const dukaLevyReminderPayload = (fields: z.infer<typeof payload>): OutboxPayload => ({ ...payload.parse(fields), kind: NAME });

/** A household's private duka levy reminder, built when it is sent: not sent when it has paid since. */
export function dukaLevyReminderKind(planner: LevyReminderPlanner) {
  return defineKind({
    name: NAME,
    payload,
    async render(fields, now) {
      const reminder = await planner.renderLevyReminder(fields, now);
      return reminder.ok ? { ok: true, message: { type: 'replies', replies: [{ text: reminder.text }] } } : reminder;
    },
  });
}
