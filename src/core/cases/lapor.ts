import type { CaseMoveOutcome } from './ports.js';
import type { Reply } from '../shared/message.js';
import { firstWord } from '../shared/words.js';
import { refuse, reply, type AnyCommand, type CommandContext } from '../shared/command.js';
import { withNotices } from '../shared/notices.js';
import { cancelReport, startReport } from './report-conversation.js';
import { casesText } from './text.js';

/** `/lapor batal <no>`: the reporter, and only the reporter, withdraws a case. */
async function withdraw(ctx: CommandContext, args: string): Promise<readonly Reply[]> {
  const match = /^#?(\d{1,9})$/.exec(args);
  if (!match) return refuse(casesText.withdrawUsage());
  const number = Number(match[1]);
  return withNotices<CaseMoveOutcome>(
    (render) => ctx.deps.cases.withdraw(ctx.once, { number }, render),
    (outcome, notify) => {
      if (!outcome.ok) {
        return refuse(outcome.reason === 'not-found' ? casesText.caseNotFound(number) : casesText.cannotMove(number, outcome.status, 'dibatalkan'));
      }
      const { wksbm } = outcome.case;
      notify(() => ctx.deps.notifier.toPengurus(wksbm.id, reply(casesText.withdrawnNotice(number, wksbm))));
      return reply(casesText.withdrawn(number));
    },
  );
}

export const laporCommand: AnyCommand = {
  name: 'lapor',
  aliases: ['report', 'laporan'],
  where: 'any',
  usage: '/lapor [kode WKSBM] · /lapor batal <no>',
  example: '/lapor',
  summary: 'melaporkan warga yang membutuhkan bantuan, lewat chat pribadi; hanya pengurus yang melihatnya',
  async run(ctx, args) {
    const { chat } = ctx.inbound;
    if (chat.kind === 'group') {
      // Nothing of what was typed here is kept: the report itself is written in private.
      const wksbm = await ctx.deps.community.wksbmOfChat(chat);
      const link = wksbm && ctx.inbound.privateStartLink ? `${ctx.inbound.privateStartLink}lapor_${wksbm.id}` : null;
      return reply(casesText.reportInGroup(wksbm, link));
    }
    const [word, rest] = firstWord(args);
    if (word.toLowerCase() === 'batal') return rest ? withdraw(ctx, rest) : cancelReport(ctx);
    return startReport(ctx, word);
  },
};
