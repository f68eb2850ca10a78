import type { Membership } from './ports.js';
import { PENGURUS } from '../shared/roles.js';
import type { CommandContext } from '../shared/command.js';

/**
 * The WKSBM whose cases the caller may see here: in a private chat, every WKSBM where they are pengurus;
 * in a pengurus-only chat, its WKSBM if they are pengurus of it; anywhere else (a members' group) none.
 * Recorded roles count: group admin status belongs to the members' group, not to these chats.
 */
export async function pengurusScope(ctx: CommandContext): Promise<readonly Membership[]> {
  const { chat } = ctx.inbound;
  const memberships = (await ctx.deps.cases.membershipsOf(ctx.person.id)).filter((m) => PENGURUS.includes(m.role));
  if (chat.kind === 'private') return memberships;
  const wksbm = await ctx.deps.cases.pengurusChatOf(chat);
  return wksbm ? memberships.filter((m) => m.wksbm.id === wksbm.id) : [];
}
