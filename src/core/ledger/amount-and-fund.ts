import { parseAmount } from '../shared/amount.js';
import { refuse, type GroupContext } from '../shared/command.js';
import { formatQuantity } from '../shared/format.js';
import type { FundInfo } from '../shared/ports.js';
import type { Quantity } from '../shared/quantity.js';
import { firstWord } from '../shared/words.js';
import { findFund } from './fund.js';
import { exampleAmount, ledgerText } from './text.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; replies: readonly { text: string }[] };

/** `<jumlah> <dana> …`: the amount, the fund it goes to, and what follows. */
export async function readAmountAndFund(
  ctx: Pick<GroupContext, 'wksbm' | 'deps'>,
  args: string,
  command: { name: string; usage: string; example: string },
): Promise<Parsed<{ quantity: Quantity; fund: FundInfo; rest: string }>> {
  const amount = parseAmount(args);
  if (!amount.ok) {
    const { readings } = amount;
    const meant = readings?.grouped.quantity ?? readings?.decimal.quantity;
    if (readings && meant) {
      // The example keeps the fund they named, so it can be copied as it is.
      const fund = firstWord(args.trim().slice(amount.raw.length))[0] || 'kas';
      return { ok: false, replies: refuse(ledgerText.amountTwoWays(amount.raw, readings, `/${command.name} ${formatQuantity(meant)} ${fund}`)) };
    }
    return { ok: false, replies: refuse(ledgerText.amountRefused(amount.raw, amount.problem, command.usage, command.example)) };
  }
  const funds = await ctx.deps.community.funds(ctx.wksbm.id);
  const [word, rest] = firstWord(amount.rest);
  if (!word) return { ok: false, replies: refuse(ledgerText.fundMissing(formatQuantity(amount.quantity), funds, command.example)) };
  const fund = findFund(funds, word);
  if (!fund) return { ok: false, replies: refuse(ledgerText.fundUnknown(word, funds, command.example)) };
  if (fund.unit !== amount.quantity.unit) {
    return { ok: false, replies: refuse(ledgerText.unitMismatch(fund, amount.quantity, `/${command.name} ${exampleAmount(fund)} ${fund.name}`)) };
  }
  return { ok: true, value: { quantity: amount.quantity, fund, rest } };
}

