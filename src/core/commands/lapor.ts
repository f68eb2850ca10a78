import type { MoveOutcome } from '../case-ports.js';
import type { Reply } from '../message.js';
import { firstWord } from '../parse/command.js';
import { tc } from '../text/cases.js';
import { refuse, reply, type AnyCommand, type CommandContext } from './command.js';
import { withNotices } from './notices.js';
import { cancelReport, startReport } from './report-conversation.js';

/** `/lapor batal <no>`: the reporter, and only the reporter, withdraws a case. */
async function withdraw(ctx: CommandContext, args: string): Promise<readonly Reply[]> {
  const match = /^#?(\d{1,9})$/.exec(args);
  if (!match) return refuse(tc.withdrawUsage());
  const number = Number(match[1]);
  return withNotices<MoveOutcome>(
    (render) => ctx.deps.cases.withdraw(ctx.once, { number }, render),
    (outcome, notify) => {
      if (!outcome.ok) {
        return refuse(outcome.reason === 'not-found' ? tc.caseNotFound(number) : tc.cannotMove(number, outcome.status, 'dibatalkan'));
      }
      const { wksbm } = outcome.case;
      notify(() => ctx.deps.notifier.toPengurus(wksbm.id, reply(tc.withdrawnNotice(number, wksbm))));
      return reply(tc.withdrawn(number));
    },
  );
}

export const laporCommand: AnyCommand = {
  name: 'lapor',
  aliases: ['report'],
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
      return reply(tc.reportInGroup(wksbm, link));
    }
    const [word, rest] = firstWord(args);
    if (word.toLowerCase() === 'batal') return rest ? withdraw(ctx, rest) : cancelReport(ctx);
    return startReport(ctx, word);
  },
};
