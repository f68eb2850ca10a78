import { firstWord } from '../parse/command.js';
import { firstTooLong } from '../shared/bounds.js';
import { FUND_WORD } from '../parse/fund.js';
import type { FundUnit } from '../quantity.js';
import { EVERYONE, TREASURY } from '../roles.js';
import { t } from '../text/id.js';
import { refuse, reply, type GroupCommand } from './command.js';

const UNIT_WORDS = new Map<string, FundUnit>([
  ['uang', 'IDR'],
  ['rupiah', 'IDR'],
  ['kg', 'kg'],
  ['liter', 'liter'],
]);

export const danaCommand: GroupCommand = {
  name: 'dana',
  aliases: ['funds', 'fund'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/dana  ·  /dana tambah <nama> [uang|kg|liter] [alias…]',
  example: '/dana tambah beras kg lumbung',
  summary: 'daftar dana; pengurus keuangan menambah dana uang atau barang',
  async run(ctx, args) {
    const [sub, rest] = firstWord(args);
    if (!sub) return reply(t.funds(await ctx.deps.community.funds(ctx.wksbm.id)));
    if (sub.toLowerCase() !== 'tambah') return refuse(t.usage(this.usage, this.example));
    if (!TREASURY.includes(ctx.role)) return refuse(t.notAllowed('dana tambah', TREASURY, ctx.role, null));

    const words = rest.toLowerCase().split(/\s+/).filter(Boolean);
    const [name, ...others] = words;
    if (!name) return refuse(t.usage(this.usage, this.example));
    const unit = others[0] !== undefined ? UNIT_WORDS.get(others[0]) : undefined;
    const aliases = unit ? others.slice(1) : others;
    const long = firstTooLong(...[name, ...aliases].map((word) => ['fundName', word] as const));
    if (long) return refuse(t.tooLong(long));
    const invalid = [name, ...aliases].find((word) => !FUND_WORD.test(word) || UNIT_WORDS.has(word));
    if (invalid) return refuse(t.fundWordInvalid(invalid));
    if (new Set([name, ...aliases]).size !== aliases.length + 1) return refuse(t.fundTaken(name));

    return ctx.deps.community.addFund(
      ctx.once,
      { wksbmId: ctx.wksbm.id, fund: { name, unit: unit ?? 'IDR', aliases } },
      (outcome) => (outcome.ok ? reply(t.fundAdded(outcome.fund)) : refuse(t.fundTaken(outcome.word))),
    );
  },
};
