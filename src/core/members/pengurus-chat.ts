import type { Reply } from '../shared/message.js';
import { PENGURUS } from '../shared/roles.js';
import { refuse, reply, type CommandContext } from '../shared/command.js';
import { casesText } from '../cases/text.js';

/**
 * `/mulai pengurus [kode]` in a group of pengurus only: report notices go there too, and /kasus works
 * there. A members' group can never become one.
 */
export async function linkPengurusChat(ctx: CommandContext, code: string): Promise<readonly Reply[]> {
  const { chat } = ctx.inbound;
  if (chat.kind === 'private') return refuse(casesText.pengurusChatInPrivate());
  const pengurusOf = (await ctx.deps.cases.membershipsOf(ctx.person.id)).filter(
    (membership) => PENGURUS.includes(membership.role) && (!code || String(membership.wksbm.id) === code),
  );
  if (pengurusOf.length === 0) return refuse(casesText.pengurusChatNeedsPengurus());
  if (pengurusOf.length > 1) return refuse(casesText.pengurusChatWhich(pengurusOf));
  const wksbmId = pengurusOf[0]!.wksbm.id;
  return ctx.deps.cases.linkPengurusChat(ctx.once, { chat: { channel: chat.channel, id: chat.id }, wksbmId }, (outcome) => {
    if (outcome.ok) return reply(casesText.pengurusChatLinked(outcome.wksbm));
    return refuse(outcome.reason === 'members-group' ? casesText.pengurusChatIsMembersGroup(outcome.wksbm) : casesText.pengurusChatAlready(outcome.wksbm));
  });
}
