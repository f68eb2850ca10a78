import type { AttendeeName } from './ports.js';
import { readNumberAndReason } from '../shared/words.js';
import { refusalText } from './text.js';
import { refuse, reply, type GroupCommand } from '../shared/command.js';
import { firstTooLong, tooLong } from '../shared/bounds.js';
import { sharedText } from '../shared/text.js';
import { PLANNERS } from './commands.js';
import { findMember } from '../members/commands.js';
import { meetingsText } from './text.js';

export const absenCommand: GroupCommand = {
  name: 'absen',
  aliases: ['attendance', 'presensi'],
  where: 'wksbm',
  roles: PLANNERS,
  usage: '/absen <no> <nama, nama, …>',
  example: '/absen 3 Bu Sri, Pak Budi, Mbah Darmo',
  summary: 'mencatat siapa yang benar-benar hadir di rapat',
  async run(ctx, args) {
    const { number, reason: rest } = readNumberAndReason(args);
    const typed = rest.split(/\s*[,;]\s*|\s+dan\s+/).map((name) => name.trim()).filter(Boolean);
    if (number === null || typed.length === 0) return reply(meetingsText.attendanceUsage());
    const long = firstTooLong(...typed.map((name) => ['personName', name] as const));
    if (long) return refuse(sharedText.tooLong(long));
    // A member's name is written as the group knows it; anyone else (a guest, the lurah) as typed.
    const members = await ctx.deps.community.members(ctx.wksbm.id);
    const people: AttendeeName[] = [];
    for (const name of typed) {
      const found = findMember(members, name);
      if (!found.ok && found.candidates.length > 1) return reply(meetingsText.attendanceAmbiguous(name, found.candidates));
      people.push(found.ok ? { personId: found.member.person.id, name: found.member.person.name } : { personId: null, name });
    }
    return ctx.deps.meetings.recordAttendance(ctx.once, { wksbmId: ctx.wksbm.id, number, people }, (outcome) =>
      reply(outcome.ok ? meetingsText.attendance(outcome.occurrence, outcome.added) : refusalText(outcome, number)),
    );
  },
};

export const notulenCommand: GroupCommand = {
  name: 'notulen',
  aliases: ['minutes', 'catatan'],
  where: 'wksbm',
  roles: PLANNERS,
  usage: '/notulen <no> <teks>',
  example: '/notulen 3 Disepakati santunan Rp500.000 untuk Mbah Karto.',
  summary: 'menyimpan notulen rapat (ditambahkan, tidak menimpa)',
  async run(ctx, args) {
    const { number, reason: text } = readNumberAndReason(args);
    if (number === null || !text) return reply(meetingsText.minutesUsage());
    const long = tooLong('minutes', text);
    if (long) return refuse(sharedText.tooLong(long));
    return ctx.deps.meetings.addMinutes(
      ctx.once,
      { wksbmId: ctx.wksbm.id, number, text: `${ctx.person.name}: ${text}` },
      (outcome) => reply(outcome.ok ? meetingsText.minutes(outcome.occurrence) : refusalText(outcome, number)),
    );
  },
};
