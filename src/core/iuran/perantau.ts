import { readAmountAndFund } from '../ledger/amount-and-fund.js';
import { decisionActions } from '../ledger/actions.js';
import { refuse, reply, type CommandContext } from '../shared/command.js';
import type { Posting } from '../ledger/ports.js';
import { tooLong } from '../shared/bounds.js';
import { sharedText } from '../shared/text.js';
import { householdOfSetor } from './household-of.js';
import { iuranText } from './text.js';

const CODE = /\s*\bkode\s+#?(\d{1,9})\b/i;

/**
 * `/setor 500rb kas [kode 3]` in a private chat, from a member living far away (perantau): it becomes a
 * pending setoran of their WKSBM (the one whose code they give when they belong to several), the group
 * is told so a bendahara can confirm it, and the perantau hears of the decision in this chat.
 */
export async function perantauSetor(ctx: CommandContext, args: string) {
  const code = CODE.exec(args);
  const rest = code ? (args.slice(0, code.index) + args.slice(code.index + code[0].length)).trim() : args;
  const memberships = await ctx.deps.cases.membershipsOf(ctx.person.id);
  if (memberships.length === 0) return refuse(iuranText.perantauNoWksbm());
  const chosen = code ? memberships.find((m) => m.wksbm.id === Number(code[1])) : memberships.length === 1 ? memberships[0] : undefined;
  if (!chosen) return refuse(iuranText.perantauWhichWksbm(memberships.map((m) => m.wksbm)));
  const { wksbm } = chosen;
  const usage = { name: 'setor', usage: '/setor <jumlah> <dana> [kode <no>]', example: '/setor 500rb kas' };
  const read = await readAmountAndFund({ wksbm, deps: ctx.deps }, rest, usage);
  if (!read.ok) return read.replies;
  const { quantity, fund } = read.value;
  const long = tooLong('note', read.value.rest);
  if (long) return refuse(sharedText.tooLong(long));
  const picked = await householdOfSetor(ctx, wksbm.id, fund, { typed: null, personId: ctx.person.id });
  if (!picked.ok) return picked.replies;
  const posting: Posting = {
    wksbmId: wksbm.id,
    fundId: fund.id,
    kind: 'setor',
    amount: quantity.value,
    pending: true,
    contributorName: ctx.person.name,
    contributorId: ctx.person.id,
    note: read.value.rest || null,
  };
  const { chat } = ctx.inbound;
  return ctx.deps.iuran.pay(
    ctx.once,
    {
      posting,
      household: picked.value ? { householdId: picked.value.household.id, iuranId: picked.value.iuran?.id ?? null } : null,
      at: ctx.deps.clock.now(),
      notifyChat: `${chat.channel}:${chat.id}`,
      groupNotice: (number) => ({ text: iuranText.perantauNotice(number, fund, quantity.value, ctx.person.name), actions: decisionActions(number) }),
    },
    (outcome) => reply(iuranText.perantauPending(outcome.number, wksbm.name, fund, quantity.value)),
  );
}
