import type { OccurrenceRefusal } from './ports.js';
import type { Reply } from '../shared/message.js';
import { firstWord, readNumberAndReason } from '../shared/words.js';
import { parseMeeting, parseMove } from './parse.js';
import { EVERYONE, type Role } from '../shared/roles.js';
import { refusalText, rsvpActions } from './text.js';
import { refuse, reply, type GroupCommand, type GroupContext } from '../shared/command.js';
import { meetingsText } from './text.js';
import { sharedText } from '../shared/text.js';
import { tooLong } from '../shared/bounds.js';

/** Who announces, moves and cancels meetings, and keeps their records. */
export const PLANNERS: readonly Role[] = ['ketua', 'sekretaris'];

const refused = (refusal: OccurrenceRefusal, number: number | null): readonly Reply[] => reply(refusalText(refusal, number));

/** `semua`/`seri` after the number of a rutin meeting: the whole series, not one date. */
const SERIES_WORD = /^(semua|seri|series|seterusnya)$/i;

async function announce(ctx: GroupContext, args: string): Promise<readonly Reply[]> {
  const now = ctx.deps.clock.now();
  const timeZone = await ctx.deps.meetings.timeZone(ctx.wksbm.id);
  const parsed = parseMeeting(args, timeZone, now);
  if (!parsed.ok) return 'tooLong' in parsed ? refuse(sharedText.tooLong(parsed.tooLong)) : reply(meetingsText.refused(parsed.problem, timeZone));
  return ctx.deps.meetings.announce(ctx.once, { wksbmId: ctx.wksbm.id, meeting: parsed.value, now }, (outcome) => [
    { text: meetingsText.announced(outcome.first, outcome.reminders, outcome.timeZone), actions: rsvpActions(outcome.first.number) },
  ]);
}

async function cancel(ctx: GroupContext, args: string): Promise<readonly Reply[]> {
  const { number, reason: rest } = readNumberAndReason(args);
  if (number === null) return reply(meetingsText.numberMissing('/rapat batal <no> [semua] [alasan]', '/rapat batal 3 hujan deras'));
  const [word, afterWord] = firstWord(rest);
  const series = SERIES_WORD.test(word);
  const reason = (series ? afterWord : rest) || null;
  const long = reason === null ? null : tooLong('reason', reason);
  if (long) return refuse(sharedText.tooLong(long));
  return ctx.deps.meetings.cancel(
    ctx.once,
    { wksbmId: ctx.wksbm.id, number, series, reason, now: ctx.deps.clock.now() },
    (outcome) => (outcome.ok ? reply(meetingsText.cancelled(outcome.cancelled, outcome.series, reason, outcome.timeZone)) : refused(outcome, number)),
  );
}

async function move(ctx: GroupContext, args: string): Promise<readonly Reply[]> {
  const { number, reason: rest } = readNumberAndReason(args);
  if (number === null) return reply(meetingsText.numberMissing('/rapat ubah <no> <tanggal/jam> [tempat | acara]', '/rapat ubah 3 sabtu 19.30'));
  const found = await ctx.deps.meetings.occurrence(ctx.wksbm.id, number);
  if (!found) return reply(meetingsText.notFound(number));
  const now = ctx.deps.clock.now();
  const parsed = parseMove(rest, found.occurrence.startsAt, found.timeZone, now);
  if (!parsed.ok) {
    return 'tooLong' in parsed ? refuse(sharedText.tooLong(parsed.tooLong)) : reply(meetingsText.moveRefused(parsed.problem, found.timeZone));
  }
  return ctx.deps.meetings.move(ctx.once, { wksbmId: ctx.wksbm.id, number, ...parsed.value, now }, (outcome) =>
    outcome.ok
      ? [{ text: meetingsText.moved(outcome.before, outcome.after, outcome.timeZone), actions: rsvpActions(number) }]
      : refused(outcome, number),
  );
}

async function show(ctx: GroupContext, number: number): Promise<readonly Reply[]> {
  const found = await ctx.deps.meetings.occurrence(ctx.wksbm.id, number);
  return reply(found ? meetingsText.detail(found.occurrence, found.timeZone) : meetingsText.notFound(number));
}

// A Map, not an object literal: a typed word such as "constructor" must not find Object.prototype.
const ACTIONS = new Map([
  ['rutin', announce],
  ['insidental', announce],
  ['batal', cancel],
  ['ubah', move],
]);

export const rapatCommand: GroupCommand = {
  name: 'rapat',
  aliases: ['meeting', 'pertemuan'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/rapat rutin|insidental <kapan> <jam> <tempat> | <acara>  ·  /rapat <no>  ·  /rapat batal|ubah <no> …',
  example: '/rapat rutin minggu kedua 19.30 Balai RW 05 | Arisan dan laporan kas',
  summary: 'ketua/sekretaris mengumumkan, memindah atau membatalkan rapat; semua melihat rincian rapat',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    const sub = word.toLowerCase();
    const { number } = readNumberAndReason(word);
    if (number !== null) return show(ctx, number);
    const action = ACTIONS.get(sub);
    if (!action) return reply(meetingsText.usage());
    if (!PLANNERS.includes(ctx.role)) return refuse(sharedText.notAllowed(`rapat ${sub}`, PLANNERS, ctx.role, null));
    return action(ctx, sub === 'rutin' || sub === 'insidental' ? args : rest);
  },
};

/** How many upcoming meetings /jadwal lists. */
const SCHEDULE_LENGTH = 8;

export const jadwalCommand: GroupCommand = {
  name: 'jadwal',
  aliases: ['schedule', 'agenda'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/jadwal',
  example: '/jadwal',
  summary: 'rapat yang akan datang dan siapa yang hadir',
  async run(ctx) {
    const { occurrences, timeZone } = await ctx.deps.meetings.upcoming(ctx.wksbm.id, ctx.deps.clock.now(), SCHEDULE_LENGTH);
    return reply(meetingsText.schedule(ctx.wksbm.name, occurrences, timeZone));
  },
};
