import { firstWord } from '../shared/words.js';
import { FUND_WORD } from './fund.js';
import type { FundUnit } from '../shared/quantity.js';
import { EVERYONE, TREASURY } from '../shared/roles.js';
import { refuse, reply, type GroupCommand } from '../shared/command.js';
import { ledgerText } from './text.js';
import { sharedText } from '../shared/text.js';
import { firstTooLong } from '../shared/bounds.js';

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
    if (!sub) return reply(ledgerText.funds(await ctx.deps.community.funds(ctx.wksbm.id)));
    if (sub.toLowerCase() !== 'tambah') return refuse(sharedText.usage(this.usage, this.example));
    if (!TREASURY.includes(ctx.role)) return refuse(sharedText.notAllowed('dana tambah', TREASURY, ctx.role, null));

    const words = rest.toLowerCase().split(/\s+/).filter(Boolean);
    const [name, ...others] = words;
    if (!name) return refuse(sharedText.usage(this.usage, this.example));
    const unit = others[0] !== undefined ? UNIT_WORDS.get(others[0]) : undefined;
    const aliases = unit ? others.slice(1) : others;
    const long = firstTooLong(...[name, ...aliases].map((word) => ['fundName', word] as const));
    if (long) return refuse(sharedText.tooLong(long));
    const invalid = [name, ...aliases].find((word) => !FUND_WORD.test(word) || UNIT_WORDS.has(word));
    if (invalid) return refuse(ledgerText.fundWordInvalid(invalid));
    if (new Set([name, ...aliases]).size !== aliases.length + 1) return refuse(ledgerText.fundTaken(name));

    return ctx.deps.community.addFund(
      ctx.once,
      { wksbmId: ctx.wksbm.id, fund: { name, unit: unit ?? 'IDR', aliases } },
      (outcome) => (outcome.ok ? reply(ledgerText.fundAdded(outcome.fund)) : refuse(ledgerText.fundTaken(outcome.word))),
    );
  },
};
