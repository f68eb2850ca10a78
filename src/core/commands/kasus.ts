import type { CaseStatus, MoveOutcome } from '../case-ports.js';
import { firstWord } from '../parse/command.js';
import { tc } from '../text/cases.js';
import { pengurusScope } from './case-scope.js';
import type { Reply } from '../message.js';
import type { Once } from '../ports.js';
import { refuse, reply, type AnyCommand, type CoreDeps } from './command.js';
import { withNotices } from './notices.js';

/** The words of /kasus <no> <kata> and the status each moves a case to; the dashboard offers the same. */
export const CASE_ACTIONS: Readonly<Record<string, CaseStatus>> = {
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

    const to = CASE_ACTIONS[action.toLowerCase()];
    if (!to) return refuse(tc.kasusUsage());
    return moveCase(ctx.deps, ctx.once, { scope: ids, number, to, note: note || null });
  },
};

/**
 * Moves a case on and tells its reporter, wherever the pengurus asked (the chat or the dashboard).
 * `scope` holds the WKSBM whose cases the caller may touch; outside it a case is "not found".
 */
export function moveCase(
  deps: CoreDeps,
  once: Once,
  input: { scope: readonly number[]; number: number; to: CaseStatus; note: string | null },
): Promise<readonly Reply[]> {
  const { number, to, note } = input;
  if (to === 'ditolak' && !note) return Promise.resolve(refuse(tc.rejectNeedsNote()));
  return withNotices<MoveOutcome>(
    (render) => deps.cases.move(once, input, render),
    (outcome, notify) => {
      if (!outcome.ok) {
        return refuse(outcome.reason === 'not-found' ? tc.caseNotFound(number) : tc.cannotMove(number, outcome.status, to));
      }
      const { reporterId } = outcome.case;
      if (reporterId !== null) {
        notify(() => deps.notifier.toPeople([reporterId], reply(tc.reporterNotice(number, outcome.to, note))));
      }
      return reply(tc.moved(number, outcome.from, outcome.to, reporterId !== null));
    },
  );
}
