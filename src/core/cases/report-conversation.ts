import { DRAFT_STEPS, URGENCIES, type Draft, type SubmitOutcome, type DraftData, type DraftStep, type NewCase, type Urgency } from './ports.js';
import { findPpks } from './ppks.js';
import { WksError } from '../errors.js';
import type { Reply } from '../shared/message.js';
import type { WksbmInfo } from '../shared/ports.js';
import { refuse, reply, type CommandContext } from '../shared/command.js';
import { withNotices } from '../shared/notices.js';
import { casesText } from './text.js';

/**
 * A report is written one answer at a time in the reporter's private chat. The draft lives in the
 * database (a restart loses nothing) and every answer is one write applied once per message.
 */

const LIMITS = { subjek: 100, lokasi: 200, uraian: 1000 } as const;
const SKIP_PHOTO = /^(lewati|tidak|tidak ada|skip|-)$/i;

type StepResult = { ok: true; data: DraftData } | { ok: false; replies: readonly Reply[] } | { ok: true; anonymous: boolean };

const chatOf = (ctx: CommandContext) => ({ channel: ctx.inbound.chat.channel, id: ctx.inbound.chat.id });

function save(ctx: CommandContext, draft: Draft | null, answer: readonly Reply[]): Promise<readonly Reply[]> {
  return ctx.deps.cases.saveDraft(ctx.once, { chat: chatOf(ctx), draft }, () => answer);
}

/** `/lapor [kode]` in a private chat: skips the WKSBM question when the code or a single membership answers it. */
export async function startReport(ctx: CommandContext, code: string): Promise<readonly Reply[]> {
  let wksbm: WksbmInfo | null = null;
  const memberships = code ? [] : await ctx.deps.cases.membershipsOf(ctx.person.id);
  if (code) {
    wksbm = /^\d{1,9}$/.test(code) ? await ctx.deps.cases.wksbm(Number(code)) : null;
    if (!wksbm) return refuse(casesText.wksbmUnknown(code));
  } else if (memberships.length === 1) {
    wksbm = memberships[0]!.wksbm;
  }
  if (!wksbm) return save(ctx, { step: 'wksbm', data: {} }, reply(casesText.askWksbm(memberships)));
  return save(ctx, { step: 'kategori', data: { wksbmId: wksbm.id } }, reply(casesText.started(wksbm)));
}

export function cancelReport(ctx: CommandContext): Promise<readonly Reply[]> {
  return save(ctx, null, reply(casesText.cancelled()));
}

function bounded(text: string, step: keyof typeof LIMITS, set: (value: string) => DraftData): StepResult {
  if (!text) return { ok: false, replies: refuse(casesText.notUnderstood(step)) };
  if (text.length > LIMITS[step]) return { ok: false, replies: refuse(casesText.tooLong(LIMITS[step])) };
  return { ok: true, data: set(text) };
}

function readUrgency(text: string): Urgency | null {
  const word = text.toLowerCase();
  if (/^[123]$/.test(word)) return URGENCIES[Number(word) - 1]!;
  return URGENCIES.find((urgency) => urgency === word) ?? null;
}

async function readStep(ctx: CommandContext, draft: Draft, text: string): Promise<StepResult> {
  const data = draft.data;
  const notUnderstood = { ok: false, replies: refuse(casesText.notUnderstood(draft.step)) } as const;
  switch (draft.step) {
    case 'wksbm': {
      const memberships = await ctx.deps.cases.membershipsOf(ctx.person.id);
      if (!/^\d{1,9}$/.test(text)) return notUnderstood;
      // A listed choice by its number; someone who belongs to none types the WKSBM's code.
      const wksbm = memberships.length ? memberships[Number(text) - 1]?.wksbm : await ctx.deps.cases.wksbm(Number(text));
      return wksbm ? { ok: true, data: { ...data, wksbmId: wksbm.id } } : notUnderstood;
    }
    case 'kategori': {
      const category = findPpks(text);
      return category ? { ok: true, data: { ...data, category: category.key } } : notUnderstood;
    }
    case 'subjek':
      return bounded(text, 'subjek', (subject) => ({ ...data, subject }));
    case 'lokasi':
      return bounded(text, 'lokasi', (location) => ({ ...data, location }));
    case 'uraian':
      return bounded(text, 'uraian', (description) => ({ ...data, description }));
    case 'urgensi': {
      const urgency = readUrgency(text);
      return urgency ? { ok: true, data: { ...data, urgency } } : notUnderstood;
    }
    case 'foto': {
      const photo = ctx.inbound.photo;
      if (photo) return { ok: true, data: { ...data, photoRef: photo.ref } };
      return SKIP_PHOTO.test(text) ? { ok: true, data: { ...data, photoRef: null } } : notUnderstood;
    }
    case 'anonim': {
      const word = text.toLowerCase();
      if (word === '1' || word === 'ya') return { ok: true, anonymous: false };
      if (word === '2' || word === 'tidak' || word === 'anonim') return { ok: true, anonymous: true };
      return notUnderstood;
    }
  }
}

function completed(data: DraftData, anonymous: boolean): NewCase {
  const { wksbmId, category, subject, location, description, urgency, photoRef } = data;
  if (wksbmId === undefined || !category || !subject || !location || !description || !urgency || photoRef === undefined) {
    throw new WksError('WKS_ERR_INVARIANT', 'a report draft reached its last step with answers missing');
  }
  return { wksbmId, category, subject, location, description, urgency, photoRef, anonymous };
}

/** A message that is not a command, in a private chat: the next answer of the report being written, if any. */
export async function continueReport(ctx: CommandContext): Promise<readonly Reply[] | null> {
  const earlier = await ctx.deps.cases.earlierAnswer(ctx.once);
  if (earlier) return earlier;
  const draft = await ctx.deps.cases.draftOf(chatOf(ctx));
  if (!draft) return null;
  const text = ctx.inbound.text.trim();
  if (/^batal$/i.test(text)) return cancelReport(ctx);
  const result = await readStep(ctx, draft, text);
  if (!result.ok) return result.replies;
  if ('anonymous' in result) {
    const report = completed(draft.data, result.anonymous);
    return withNotices<SubmitOutcome>(
      (render) => ctx.deps.cases.submit(ctx.once, { chat: chatOf(ctx), report }, render),
      (outcome, notify) => {
        const { number, wksbm } = outcome.case;
        notify(() => ctx.deps.notifier.toPengurus(wksbm.id, reply(casesText.newCaseNotice(number, wksbm, outcome.category, outcome.urgency))));
        return reply(casesText.submitted(number, wksbm, report.anonymous));
      },
    );
  }
  const next: DraftStep = DRAFT_STEPS[DRAFT_STEPS.indexOf(draft.step) + 1]!;
  if (next === 'wksbm') throw new WksError('WKS_ERR_INVARIANT', 'a report draft went back to its first step');
  if (draft.step === 'wksbm') {
    const wksbm = await ctx.deps.cases.wksbm(result.data.wksbmId!);
    if (!wksbm) return refuse(casesText.notUnderstood('wksbm'));
    return save(ctx, { step: next, data: result.data }, reply(casesText.started(wksbm)));
  }
  return save(ctx, { step: next, data: result.data }, reply(casesText.prompt(next)));
}
