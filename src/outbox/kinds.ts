import type { OutboxPayload, SchedulerPlanner } from '../core/index.js';
import type { z } from 'zod';
import type { Rendered } from './kind.js';
import { arisanRevealKind } from './kinds/arisan-reveal.js';
import { dukaLevyReminderKind } from './kinds/duka-levy-reminder.js';
import { iuranReminderKind } from './kinds/iuran-reminder.js';
import { editKind, pressAnswerKind } from './kinds/press.js';
import { reminderKind } from './kinds/reminder.js';
import { noticeKind, replyKind } from './kinds/reply.js';
import { proofKind, type ProofRendering } from './kinds/proof.js';
import { reportKind, type ReportRendering } from './kinds/report.js';
import { textKind } from './kinds/text.js';

export interface KindRegistry {
  /** Parses a stored payload with its kind's schema and renders it; an unknown kind is a bug. */
  render(payload: OutboxPayload, now: Date): Promise<Rendered>;
}

/** Any kind, whatever its payload: its render is called only with what its own schema parsed. */
interface AnyKind {
  readonly name: string;
  readonly payload: z.ZodType<unknown>;
  render(payload: never, now: Date): Promise<Rendered>;
}

export function createKindRegistry(kinds: readonly AnyKind[]): KindRegistry {
  const byName = new Map<string, AnyKind>();
  for (const kind of kinds) {
    if (byName.has(kind.name)) throw new Error(`outbox kind ${kind.name} registered twice`);
    byName.set(kind.name, kind);
  }
  return {
    render(stored, now) {
      const kind = byName.get(stored.kind);
      if (!kind) throw new Error(`unknown outbox kind ${stored.kind}`);
      return (kind.render as (payload: unknown, now: Date) => Promise<Rendered>)(kind.payload.parse(stored), now);
    },
  };
}

/**
 * Every kind this server sends; a new kind is added here. Without `reports` (a process that makes no
 * LPJ files) a report message is a bug, and so is a proof message without `proofs`.
 */
export function defaultKinds(
  planner: Pick<SchedulerPlanner, 'reminderFacts' | 'renderReminder' | 'renderLevyReminder' | 'revealArisan'>,
  reports?: ReportRendering,
  proofs?: ProofRendering,
): KindRegistry {
  return createKindRegistry([
    replyKind,
    noticeKind,
    pressAnswerKind,
    editKind,
    textKind,
    reminderKind(planner),
    iuranReminderKind(planner),
    dukaLevyReminderKind(planner),
    arisanRevealKind(planner),
    reportKind(reports),
    proofKind(proofs),
  ]);
}
