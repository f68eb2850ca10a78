import { z } from 'zod';
import type { SchedulerPlanner } from '../../core/index.js';
import { defineKind } from '../kind.js';

/**
 * A household's private iuran reminder, built when it is sent: its arrears as they are then, and not
 * sent at all when the household has paid since it was planned.
 */
export function iuranReminderKind(planner: Pick<SchedulerPlanner, 'renderReminder'>) {
  return defineKind({
    name: 'iuran-reminder',
    payload: z.object({ iuranId: z.number().int(), householdId: z.number().int() }),
    async render(payload, now) {
      const reminder = await planner.renderReminder(payload, now);
      return reminder.ok ? { ok: true, message: { type: 'replies', replies: [{ text: reminder.text }] } } : reminder;
    },
  });
}
