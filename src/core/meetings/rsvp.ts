import type { RsvpAnswer } from './ports.js';
import { readNumberAndReason } from '../shared/words.js';
import { EVERYONE } from '../shared/roles.js';
import { refusalText } from './text.js';
import { refuse, reply, type GroupCommand } from '../shared/command.js';
import { tooLong } from '../shared/bounds.js';
import { sharedText } from '../shared/text.js';
import { meetingsText } from './text.js';

/** `/hadir [no]` and `/izin [no] [alasan]`: a member's answer; a later answer replaces the earlier one. */
function rsvpCommand(answer: RsvpAnswer): GroupCommand {
  const hadir = answer === 'hadir';
  return {
    name: answer,
    aliases: hadir ? ['attend', 'ikut'] : ['absent', 'berhalangan'],
    where: 'wksbm',
    roles: EVERYONE,
    usage: hadir ? '/hadir [no]' : '/izin [no] [alasan]',
    example: hadir ? '/hadir 3' : '/izin 3 menjaga cucu',
    summary: hadir ? 'akan hadir di rapat (tanpa nomor: rapat berikutnya)' : 'tidak bisa hadir di rapat, dengan alasan',
    async run(ctx, args) {
      const { number, reason } = readNumberAndReason(args);
      const text = (number === null ? args : reason).replace(/\s+/g, ' ').trim();
      const long = hadir ? null : tooLong('reason', text);
      if (long) return refuse(sharedText.tooLong(long));
      return ctx.deps.meetings.rsvp(
        ctx.once,
        { wksbmId: ctx.wksbm.id, number, answer, reason: hadir ? null : text || null, now: ctx.deps.clock.now() },
        (outcome) =>
          reply(outcome.ok ? meetingsText.rsvp(outcome.occurrence, ctx.person, outcome.timeZone) : refusalText(outcome, number)),
      );
    },
  };
}

export const hadirCommand = rsvpCommand('hadir');
export const izinCommand = rsvpCommand('izin');
