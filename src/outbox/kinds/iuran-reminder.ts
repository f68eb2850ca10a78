import { z } from 'zod';
import type { OutboxPayload, SchedulerPlanner } from '../../core/index.js';
import { defineKind } from '../kind.js';

const payload = z.object({ iuranId: z.number().int(), householdId: z.number().int() });

const NAME = 'iuran-reminder';

/** How a household's reminder is written when it is planned (nothing is rendered then). */
export const iuranReminderPayload = (fields: z.infer<typeof payload>): OutboxPayload => ({ ...payload.parse(fields), kind: NAME });

/**
 * A household's private iuran reminder, built when it is sent: its arrears as they are then, and not
 * sent at all when the household has paid since it was planned.
 */
export function iuranReminderKind(planner: Pick<SchedulerPlanner, 'renderReminder'>) {
  return defineKind({
    name: NAME,
    payload,
    async render(fields, now) {
      const reminder = await planner.renderReminder(fields, now);
      return reminder.ok ? { ok: true, message: { type: 'replies', replies: [{ text: reminder.text }] } } : reminder;
    },
  });
}
