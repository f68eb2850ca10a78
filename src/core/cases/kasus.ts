import type { CaseStatus, CaseMoveOutcome } from './ports.js';
import { firstWord } from '../shared/words.js';
import { pengurusScope } from './scope.js';
import { refuse, reply, type AnyCommand } from '../shared/command.js';
import { withNotices } from '../shared/notices.js';
import { casesText } from './text.js';
import { tooLong } from '../shared/bounds.js';
import { sharedText } from '../shared/text.js';

const ACTIONS: Readonly<Record<string, CaseStatus>> = {
  verifikasi: 'diverifikasi',
  tangani: 'ditangani',
  selesai: 'selesai',
  tolak: 'ditolak',
};

/**
 * `/kasus` for the pengurus of a WKSBM, in a private chat or their pengurus-only chat. Anyone else, and
 * any members' group, gets the same refusal whatever they typed, so nothing tells whether a case exists.
 */
export const kasusCommand: AnyCommand = {
  name: 'kasus',
  aliases: ['cases', 'case'],
  where: 'any',
  usage: '/kasus [no] [verifikasi|tangani|selesai|tolak <catatan>|hapus-data]',
  example: '/kasus 7 verifikasi sudah dikunjungi',
  summary: 'pengurus: laporan warga yang masuk, rinciannya, dan tindak lanjutnya (di chat pribadi)',
  async run(ctx, args) {
    const scope = await pengurusScope(ctx);
    if (scope.length === 0) return refuse(casesText.pengurusOnly());
    const ids = scope.map((membership) => membership.wksbm.id);
    const [first, rest] = firstWord(args);
    if (!first) {
      const open = await ctx.deps.cases.openCases(ids);
      return reply(open.length ? casesText.openCases(open, ids.length > 1) : casesText.noOpenCases());
    }
    const match = /^#?(\d{1,9})$/.exec(first);
    if (!match) return refuse(casesText.kasusUsage());
    const number = Number(match[1]);
    const [action, note] = firstWord(rest);
    if (!action) {
      const found = await ctx.deps.cases.view(ids, number);
      return found ? reply(casesText.caseView(found)) : refuse(casesText.caseNotFound(number));
    }

    if (action.toLowerCase() === 'hapus-data') {
      const ketuaOf = scope.filter((membership) => membership.role === 'ketua').map((membership) => membership.wksbm.id);
      if (ketuaOf.length === 0) return refuse(casesText.eraseKetuaOnly());
      return ctx.deps.cases.erase(
        ctx.once,
        { scope: ketuaOf, number, placeholder: casesText.erasedPlaceholder, note: casesText.erasedNote },
        (outcome) => {
          if (outcome.ok) return reply(casesText.erased(number));
          return outcome.reason === 'already-erased' ? refuse(casesText.alreadyErased(number)) : refuse(casesText.caseNotFound(number));
        },
      );
    }

    const to = ACTIONS[action.toLowerCase()];
    if (!to) return refuse(casesText.kasusUsage());
    if (to === 'ditolak' && !note) return refuse(casesText.rejectNeedsNote());
    const long = tooLong('caseNote', note);
    if (long) return refuse(sharedText.tooLong(long));
    return withNotices<CaseMoveOutcome>(
      (render) => ctx.deps.cases.move(ctx.once, { scope: ids, number, to, note: note || null }, render),
      (outcome, notify) => {
        if (!outcome.ok) {
          return refuse(outcome.reason === 'not-found' ? casesText.caseNotFound(number) : casesText.cannotMove(number, outcome.status, to));
        }
        const { reporterId } = outcome.case;
        if (reporterId !== null) {
          notify(() => ctx.deps.notifier.toPeople([reporterId], reply(casesText.reporterNotice(number, outcome.to, note || null))));
        }
        return reply(casesText.moved(number, outcome.from, outcome.to, reporterId !== null));
      },
    );
  },
};
