import { refuse, reply, type GroupCommand, type GroupContext } from '../shared/command.js';
import { parseAmount } from '../shared/amount.js';
import { firstWord, readNumberAndReason } from '../shared/words.js';
import { findFund } from '../ledger/fund.js';
import { EVERYONE, PENGURUS, TREASURY } from '../shared/roles.js';
import { ledgerText } from '../ledger/text.js';
import { sharedText } from '../shared/text.js';
import { parseDuka } from './parse.js';
import { dukaText, EXAMPLE, USAGE } from './text.js';

/** The fund santunan come from: `kematian`, which every WKSBM starts with (alias `duka`). */
const KEMATIAN = 'kematian';

async function santunan(ctx: GroupContext, args: string) {
  if (!TREASURY.includes(ctx.role)) return refuse(sharedText.notAllowed('duka santunan', TREASURY, ctx.role, null));
  const { number, reason: rest } = readNumberAndReason(args);
  if (number === null || !rest) return refuse(dukaText.santunanUsage());
  const amount = parseAmount(rest);
  if (!amount.ok) return refuse(ledgerText.amountRefused(amount.raw, amount.problem, USAGE.santunan, EXAMPLE.santunan));
  if (amount.quantity.unit !== 'IDR') return refuse(dukaText.notRupiah());
  if (amount.rest) return refuse(dukaText.santunanUsage());
  const fund = findFund(await ctx.deps.community.funds(ctx.wksbm.id), KEMATIAN);
  if (!fund || fund.unit !== 'IDR') return refuse(dukaText.noFund());
  const value = amount.quantity.value;
  return ctx.deps.duka.santunan(ctx.once, { wksbmId: ctx.wksbm.id, number, fundId: fund.id, amount: value }, (outcome) => {
    if (outcome.ok) return reply(dukaText.paid(outcome.event, fund, outcome.entryNumber, value, outcome.balanceAfter));
    return refuse(outcome.reason === 'not-found' ? dukaText.notFound(number) : dukaText.insufficient(fund, outcome.balance, value));
  });
}

/** `/duka iuran 5rb per KK`: the levy each household owes for every death recorded from now on. */
async function levy(ctx: GroupContext, args: string) {
  const text = args.replace(/\b(?:per|tiap|setiap)\s+(?:kk|rumah|keluarga)\b/i, '').trim();
  if (!text) return reply(dukaText.levyShow((await ctx.deps.duka.levyBook(ctx.wksbm.id)).setting));
  if (!TREASURY.includes(ctx.role)) return refuse(sharedText.notAllowed('duka iuran', TREASURY, ctx.role, null));
  const stop = /^(?:0|nol|hapus|stop|berhenti)$/i.test(text);
  const amount = stop ? null : parseAmount(text);
  if (amount && !amount.ok) return refuse(ledgerText.amountRefused(amount.raw, amount.problem, USAGE.levy, EXAMPLE.levy));
  if (amount && (amount.quantity.unit !== 'IDR' || amount.rest)) return refuse(dukaText.levyUsage());
  const fund = findFund(await ctx.deps.community.funds(ctx.wksbm.id), KEMATIAN);
  if (!fund || fund.unit !== 'IDR') return refuse(dukaText.noFund());
  const value = amount ? amount.quantity.value : 0n;
  return ctx.deps.duka.setLevy(ctx.once, { wksbmId: ctx.wksbm.id, fundId: fund.id, amount: value }, (setting) => reply(dukaText.levySet(setting)));
}

async function record(ctx: GroupContext, args: string) {
  if (!PENGURUS.includes(ctx.role)) return refuse(sharedText.notAllowed('duka', PENGURUS, ctx.role, null));
  const parsed = parseDuka(args, ctx.wksbm.timeZone, ctx.deps.clock.now());
  if (!parsed.ok) return refuse(dukaText.refused(parsed.problem));
  return ctx.deps.duka.record(ctx.once, { wksbmId: ctx.wksbm.id, ...parsed.value }, ctx.deps.clock.now(), (event) => {
    const announce = event.form === 'islam' ? dukaText.announceIslam : dukaText.announceNeutral;
    return reply(announce(ctx.wksbm.name, event, event.levyFund), dukaText.recorded(event));
  });
}

/** `/duka …`: announce a death, pay its santunan, list them. Each sub-command checks its own roles. */
export const dukaCommand: GroupCommand = {
  name: 'duka',
  aliases: ['rukun-duka', 'lelayu'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: `/duka · /duka <no> · ${USAGE.record} · ${USAGE.santunan} · ${USAGE.levy}`,
  example: EXAMPLE.record,
  summary: 'rukun duka: pengurus mengumumkan berita duka, menetapkan iuran duka per KK, dan membayar santunan dari dana kematian',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    if (!word) return reply(dukaText.list(await ctx.deps.duka.events(ctx.wksbm.id, 10)));
    if (word.toLowerCase() === 'santunan') return santunan(ctx, rest);
    if (word.toLowerCase() === 'iuran') return levy(ctx, rest);
    const { number, reason } = readNumberAndReason(args);
    if (number !== null && !reason) {
      const event = await ctx.deps.duka.event(ctx.wksbm.id, number);
      return event ? reply(dukaText.detail(event)) : refuse(dukaText.notFound(number));
    }
    return record(ctx, args);
  },
};
