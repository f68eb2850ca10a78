import { type SchedulerPlanner, type OutboxPayload, type Reply, reminderReplies } from '../core/index.js';

export type Rendered = { readonly ok: true; readonly replies: readonly Reply[] } | { readonly ok: false; readonly why: string };

/**
 * Builds an outbox message's text when it is sent, not when it was planned: a reminder names the
 * members who have not answered *now*, and one whose meeting was cancelled or moved is not sent.
 */
export async function renderPayload(planner: SchedulerPlanner, payload: OutboxPayload, now: Date): Promise<Rendered> {
  if (payload.kind === 'text') return { ok: true, replies: [{ text: payload.text, actions: payload.actions }] };
  if (payload.kind === 'iuran-reminder') {
    const reminder = await planner.renderReminder(payload, now);
    return reminder.ok ? { ok: true, replies: [{ text: reminder.text }] } : reminder;
  }
  const facts = await planner.reminderFacts(payload.occurrenceId);
  if (!facts) return { ok: false, why: 'meeting not found' };
  const { occurrence } = facts;
  if (occurrence.status === 'batal') return { ok: false, why: 'meeting cancelled' };
  if (occurrence.startsAt.getTime() !== payload.startsAt) return { ok: false, why: 'meeting moved' };
  return { ok: true, replies: reminderReplies(facts, now) };
}
