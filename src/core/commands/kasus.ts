import type { CaseStatus, MoveOutcome } from '../case-ports.js';
import { firstWord } from '../parse/command.js';
import { tooLong } from '../shared/bounds.js';
import { tc } from '../text/cases.js';
import { t } from '../text/id.js';
import { pengurusScope } from './case-scope.js';
import { refuse, reply, type AnyCommand } from './command.js';
import { withNotices } from './notices.js';

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
    if (scope.length === 0) return refuse(tc.pengurusOnly());
    const ids = scope.map((membership) => membership.wksbm.id);
    const [first, rest] = firstWord(args);
    if (!first) {
      const open = await ctx.deps.cases.openCases(ids);
      return reply(open.length ? tc.openCases(open, ids.length > 1) : tc.noOpenCases());
    }
    const match = /^#?(\d{1,9})$/.exec(first);
    if (!match) return refuse(tc.kasusUsage());
    const number = Number(match[1]);
    const [action, note] = firstWord(rest);
    if (!action) {
      const found = await ctx.deps.cases.view(ids, number);
      return found ? reply(tc.caseView(found)) : refuse(tc.caseNotFound(number));
    }

    if (action.toLowerCase() === 'hapus-data') {
      const ketuaOf = scope.filter((membership) => membership.role === 'ketua').map((membership) => membership.wksbm.id);
      if (ketuaOf.length === 0) return refuse(tc.eraseKetuaOnly());
      return ctx.deps.cases.erase(ctx.once, { scope: ketuaOf, number }, (outcome) => {
        if (outcome.ok) return reply(tc.erased(number));
        return outcome.reason === 'already-erased' ? refuse(tc.alreadyErased(number)) : refuse(tc.caseNotFound(number));
      });
    }

    const to = ACTIONS[action.toLowerCase()];
    if (!to) return refuse(tc.kasusUsage());
    if (to === 'ditolak' && !note) return refuse(tc.rejectNeedsNote());
    const long = tooLong('caseNote', note);
    if (long) return refuse(t.tooLong(long));
    return withNotices<MoveOutcome>(
      (render) => ctx.deps.cases.move(ctx.once, { scope: ids, number, to, note: note || null }, render),
      (outcome, notify) => {
        if (!outcome.ok) {
          return refuse(outcome.reason === 'not-found' ? tc.caseNotFound(number) : tc.cannotMove(number, outcome.status, to));
        }
        const { reporterId } = outcome.case;
        if (reporterId !== null) {
          notify(() => ctx.deps.notifier.toPeople([reporterId], reply(tc.reporterNotice(number, outcome.to, note || null))));
        }
        return reply(tc.moved(number, outcome.from, outcome.to, reporterId !== null));
      },
    );
  },
};
