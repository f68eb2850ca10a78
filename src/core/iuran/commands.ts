import { refuse, reply, type CommandContext, type GroupCommand, type GroupContext } from '../shared/command.js';
import { taggedPerson } from '../shared/mentions.js';
import { parseAmount } from '../shared/amount.js';
import { firstWord } from '../shared/words.js';
import { findFund } from '../ledger/fund.js';
import type { WksbmInfo } from '../shared/ports.js';
import { sharedText } from '../shared/text.js';
import { firstTooLong } from '../shared/bounds.js';
import { EVERYONE, PENGURUS, TREASURY } from '../shared/roles.js';
import { exampleAmount, ledgerText } from '../ledger/text.js';
import { pickHousehold } from './household-of.js';
import { readPeriodKind, readReminderDay, readRound, readSince, readStart, roundNight } from './parse.js';
import { localDate, periodAt, periodOfDate } from './period.js';
import type { HouseholdInfo } from './ports.js';
import { isActive, paidUpCounts, standingsOf } from './standing.js';
import { iuranText } from './text.js';
import { levySection, levyStandings } from '../duka/levy-book.js';
import { dukaText } from '../duka/text.js';

const now = (ctx: CommandContext) => ctx.deps.clock.now();

/** `/kk …`: the roster of households. */
export const kkCommand: GroupCommand = {
  name: 'kk',
  aliases: ['keluarga', 'household', 'rumah'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/kk [tambah <nama KK>[, alamat] | gabung <nama KK> | <nama KK> [tambah <orang> | pindah]]',
  example: '/kk tambah Pak Budi, RT 03',
  summary: 'daftar rumah tangga (KK); /kk gabung <nama KK> untuk anggota keluarga',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    const pengurus = PENGURUS.includes(ctx.role);
    const notAllowed = () => refuse(sharedText.notAllowed(`kk ${word}`.trim(), PENGURUS, ctx.role, null));
    const households = await ctx.deps.iuran.households(ctx.wksbm.id);
    if (!word) return pengurus ? reply(iuranText.households(households.filter(isActive))) : notAllowed();
    if (/^(tambah|baru)$/i.test(word)) return pengurus ? addHousehold(ctx, rest) : notAllowed();
    if (/^(gabung|join)$/i.test(word)) {
      const picked = find(rest, households);
      if (!picked.ok) return picked.replies;
      return ctx.deps.iuran.join(ctx.once, { wksbmId: ctx.wksbm.id, householdId: picked.household.id, personId: ctx.person.id }, (outcome) =>
        reply(iuranText.joined(ctx.person.name, outcome.household, outcome.previous)),
      );
    }
    const action = /\s+(tambah|pindah)\b\s*(.*)$/i.exec(args);
    const picked = find(action ? args.slice(0, action.index) : args, households);
    if (!picked.ok) return picked.replies;
    const { household } = picked;
    if (!action) return reply(iuranText.household(household, null));
    if (!pengurus) return notAllowed();
    if (action[1]!.toLowerCase() === 'pindah') {
      return ctx.deps.iuran.leave(ctx.once, { householdId: household.id, leftOn: localDate(now(ctx), ctx.wksbm.timeZone) }, (left) =>
        reply(iuranText.left(left)),
      );
    }
    const who = action[2]!.trim();
    const person =
      (await taggedPerson(ctx, who)) ??
      (await ctx.deps.community.members(ctx.wksbm.id)).find((m) => m.person.name.toLowerCase() === who.toLowerCase())?.person;
    if (!person) return refuse(iuranText.memberUnknown(who));
    return ctx.deps.iuran.join(ctx.once, { wksbmId: ctx.wksbm.id, householdId: household.id, personId: person.id }, (outcome) =>
      reply(iuranText.joined(person.name, outcome.household, outcome.previous)),
    );
  },
};

function find(typed: string, households: readonly HouseholdInfo[]) {
  if (!typed.trim()) return { ok: false as const, replies: refuse(iuranText.householdUsage()) };
  const picked = pickHousehold(typed.trim(), households);
  if (!picked.ok) return picked;
  if (!picked.household) return { ok: false as const, replies: refuse(iuranText.householdNotFound(typed.trim().replace(/^kk\s+/i, ''))) };
  return { ok: true as const, household: picked.household };
}

/** `Pak Budi, RT 03` or `Pak Budi RT 03`: the name, then the address from a comma or an address word on. */
function addHousehold(ctx: GroupContext, text: string) {
  const today = localDate(now(ctx), ctx.wksbm.timeZone);
  const since = readSince(text, today);
  if (!since.ok) return refuse(iuranText.startUnreadable(since.text));
  if (since.since !== null && since.since > today) return refuse(iuranText.sinceInFuture());
  const cleaned = since.rest.replace(/^kk\s+/i, '').replace(/\s+/g, ' ').trim();
  const split = /\s*,\s*|\s+(?=(?:RT|RW|Jl\.?|Jalan|Gg\.?|Gang|Blok|No\.?|Dusun|Dsn\.?)\b)/i.exec(cleaned);
  const name = (split ? cleaned.slice(0, split.index) : cleaned).trim();
  const address = split ? cleaned.slice(split.index + split[0].length).trim() || null : null;
  if (!name) return refuse(iuranText.householdNameMissing());
  const long = firstTooLong(['householdName', name], ['address', address]);
  if (long) return refuse(sharedText.tooLong(long));
  return ctx.deps.iuran.addHousehold(
    ctx.once,
    { wksbmId: ctx.wksbm.id, name, address, since: since.since ?? today },
    (outcome) => (outcome.ok ? reply(iuranText.householdAdded(outcome.household)) : refuse(iuranText.householdTaken(outcome.household))),
  );
}

/** `/iuran …`: obligations per household on a fund. */
export const iuranCommand: GroupCommand = {
  name: 'iuran',
  aliases: ['dues'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/iuran [tambah|ubah|hapus|pengingat …] · /iuran saya (chat pribadi)',
  example: '/iuran tambah kematian 10rb bulanan',
  summary: 'iuran per KK: daftar, tambah, ubah, hapus, pengingat; /iuran saya di chat pribadi',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    const sub = word.toLowerCase();
    const zone = ctx.wksbm.timeZone;
    if (!sub) {
      const iurans = await ctx.deps.iuran.iurans(ctx.wksbm.id);
      return reply(iuranText.iuranList(iurans, (iuran) => periodAt(iuran.kind, now(ctx), zone)));
    }
    if (sub === 'saya') return reply(iuranText.mineInGroup());
    if (!['tambah', 'ubah', 'hapus', 'pengingat'].includes(sub)) return refuse(iuranText.iuranUsage());
    if (!TREASURY.includes(ctx.role)) return refuse(sharedText.notAllowed(`iuran ${sub}`, TREASURY, ctx.role, null));
    const [fundWord, afterFund] = firstWord(rest);
    const funds = await ctx.deps.community.funds(ctx.wksbm.id);
    const fund = findFund(funds, fundWord);
    if (!fund) return refuse(fundWord ? ledgerText.fundUnknown(fundWord, funds, this.example) : iuranText.iuranUsage());
    const existing = (await ctx.deps.iuran.iurans(ctx.wksbm.id)).find((iuran) => iuran.fund.id === fund.id);
    const today = localDate(now(ctx), zone);

    if (sub === 'tambah') {
      if (existing) return refuse(iuranText.iuranExists(existing));
      const amount = parseAmount(afterFund);
      if (!amount.ok) return refuse(ledgerText.amountRefused(amount.raw, amount.problem, '/iuran tambah <dana> <jumlah> <harian|mingguan|bulanan>', this.example));
      if (amount.quantity.unit !== fund.unit) return refuse(ledgerText.unitMismatch(fund, amount.quantity, `/iuran tambah ${fund.name} ${exampleAmount(fund)} harian`));
      const [kindWord, afterKind] = firstWord(amount.rest.replace(/\bper\s+(kk|rumah)\b/i, ''));
      const kind = readPeriodKind(kindWord);
      if (!kind) return refuse(iuranText.periodMissing());
      const start = readStart(afterKind, kind, today);
      if (!start.ok) return refuse(iuranText.startUnreadable(start.text));
      const first = start.start ?? periodOfDate(kind, today);
      return ctx.deps.iuran.addIuran(
        ctx.once,
        { wksbmId: ctx.wksbm.id, fundId: fund.id, terms: { kind, start: first, rates: [{ from: first, amount: amount.quantity.value }] } },
        (outcome) => (outcome.ok ? reply(iuranText.iuranAdded(outcome.iuran)) : refuse(iuranText.iuranExists(outcome.iuran))),
      );
    }
    if (!existing) return refuse(iuranText.iuranMissing(fund));
    const current = periodOfDate(existing.kind, today);

    if (sub === 'pengingat') {
      const day = readReminderDay(afterFund, existing.kind);
      if (!day.ok) return refuse(iuranText.reminderUnreadable(existing.kind));
      return ctx.deps.iuran.setReminder(ctx.once, { iuranId: existing.id, day: day.day }, (iuran) => reply(iuranText.reminderSet(iuran)));
    }
    const start = readStart(afterFund, existing.kind, today);
    if (!start.ok) return refuse(iuranText.startUnreadable(start.text));
    // A period that has begun may already be paid: only coming periods change.
    const from = start.start ?? current + 1;
    if (from <= current) return refuse(iuranText.startTooEarly(existing.kind, current + 1));
    let value = 0n;
    if (sub === 'ubah') {
      const amount = parseAmount(start.rest);
      if (!amount.ok) return refuse(ledgerText.amountRefused(amount.raw, amount.problem, '/iuran ubah <dana> <jumlah> [mulai <bulan>]', '/iuran ubah kematian 15rb mulai Januari'));
      if (amount.quantity.unit !== fund.unit) return refuse(ledgerText.unitMismatch(fund, amount.quantity, `/iuran ubah ${fund.name} ${exampleAmount(fund)}`));
      value = amount.quantity.value;
    }
    return ctx.deps.iuran.changeRate(ctx.once, { iuranId: existing.id, from, amount: value }, (outcome) =>
      outcome.ok ? reply(iuranText.iuranChanged(outcome.iuran, from, value)) : refuse(iuranText.iuranMissing(fund)),
    );
  },
  async inPrivate(ctx, args) {
    if (firstWord(args)[0].toLowerCase() !== 'saya') return refuse(sharedText.needsGroup('iuran'));
    const mine = await ctx.deps.iuran.householdsOf(ctx.person.id);
    const rows = await Promise.all(
      mine.map(async ({ wksbm, household }) => {
        const [book, levyBook] = await Promise.all([ctx.deps.iuran.book(wksbm.id, household.id), ctx.deps.duka.levyBook(wksbm.id, household.id)]);
        const standings = standingsOf(book, now(ctx), wksbm.timeZone).flatMap(({ iuran, rows: [row] }) =>
          row ? [{ iuran, standing: row.standing }] : [],
        );
        // The duka levy, when a death has carried one for this household (or it paid toward one).
        const levy = levyStandings(levyBook).find((row) => row.household.id === household.id);
        return { wksbm: wksbm.name, household, standings, levy: levy ? dukaText.levyMine(levy.standing) : null };
      }),
    );
    return reply(iuranText.mine(rows));
  },
};

/** The arrears of one WKSBM, named per household: for pengurus in private, or a group whose ketua allowed it. */
async function namedArrears(ctx: CommandContext, wksbm: WksbmInfo, fundWord: string) {
  const book = await ctx.deps.iuran.book(wksbm.id);
  const funds = book.iurans.map((iuran) => iuran.fund);
  const fund = fundWord ? findFund(funds, fundWord) : undefined;
  if (fundWord && !fund) return refuse(ledgerText.fundUnknown(fundWord, funds, '/tunggakan kematian'));
  const levy = await ctx.deps.duka.levyBook(wksbm.id);
  const levyFund = fundWord && !fund && levy.setting && findFund([levy.setting.fund], fundWord) ? levy.setting.fund : undefined;
  if (fundWord && !fund && !levyFund) return refuse(ledgerText.fundUnknown(fundWord, funds, '/tunggakan kematian'));
  const filter = fund ?? levyFund;
  const sections = standingsOf(book, now(ctx), wksbm.timeZone)
    .filter(({ iuran }) => !filter || iuran.fund.id === filter.id)
    .map(({ iuran, rows }) => ({
      iuran,
      households: rows.length,
      rows: rows.filter((row) => row.standing.arrears > 0n),
    }));
  return reply(withLevy(iuranText.arrears(wksbm.name, sections), sections.length, levySection(levy, true, filter?.id ?? null)));
}

/** The duka levy's lines after the iuran's; alone when there is no iuran to show. */
const withLevy = (iuranLines: string, iurans: number, levy: string | null) =>
  levy === null ? iuranLines : iurans === 0 ? levy : `${iuranLines}\n\n${levy}`;

/** `/tunggakan [dana]`: who owes. Names only where they may be seen; counts in the members' group. */
export const tunggakanCommand: GroupCommand = {
  name: 'tunggakan',
  aliases: ['arrears', 'utang'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/tunggakan [dana] · /tunggakan tampilkan nama | sembunyikan nama (ketua)',
  example: '/tunggakan kematian',
  summary: 'berapa KK sudah lunas; rincian per KK untuk pengurus di chat pribadi',
  async run(ctx, args) {
    const names = /^(tampilkan|sembunyikan)\s+nama$/i.exec(args.trim());
    if (names) {
      if (ctx.role !== 'ketua') return refuse(iuranText.namesOnlyKetua());
      const show = names[1]!.toLowerCase() === 'tampilkan';
      return ctx.deps.iuran.setShowNames(ctx.once, { wksbmId: ctx.wksbm.id, show }, (shown) => reply(iuranText.namesSet(shown)));
    }
    const roster = await ctx.deps.iuran.paidUpRoster(ctx.wksbm.id);
    if (roster.showNames) return namedArrears(ctx, ctx.wksbm, args.trim());
    const [fundWord] = firstWord(args);
    const levy = await ctx.deps.duka.levyBook(ctx.wksbm.id);
    const fund = fundWord ? findFund([...roster.iurans.map((iuran) => iuran.fund), ...(levy.setting ? [levy.setting.fund] : [])], fundWord) : undefined;
    const counts = paidUpCounts({ ...roster, iurans: roster.iurans.filter((iuran) => !fund || iuran.fund.id === fund.id) }, now(ctx), ctx.wksbm.timeZone);
    return reply(withLevy(iuranText.arrearsCounts(counts, PENGURUS.includes(ctx.role)), counts.length, levySection(levy, false, fund?.id ?? null)));
  },
  async inPrivate(ctx, args) {
    const [first, rest] = firstWord(args);
    const pengurusOf = (await ctx.deps.cases.membershipsOf(ctx.person.id)).filter((m) => PENGURUS.includes(m.role));
    if (pengurusOf.length === 0) return refuse(iuranText.arrearsNotPengurus());
    const code = /^#?(\d{1,9})$/.exec(first);
    const chosen = code ? pengurusOf.find((m) => m.wksbm.id === Number(code[1])) : pengurusOf.length === 1 ? pengurusOf[0] : undefined;
    if (!chosen) return refuse(iuranText.arrearsWhichWksbm(pengurusOf.map((m) => m.wksbm)));
    return namedArrears(ctx, chosen.wksbm, (code ? rest : args).trim());
  },
};

/** `/jimpitan …`: the nightly round in one message. */
export const jimpitanCommand: GroupCommand = {
  name: 'jimpitan',
  aliases: ['ronda', 'jimpit'],
  where: 'wksbm',
  roles: TREASURY,
  usage: '/jimpitan [dana] [semalam] semua [kecuali <nama, nama>] | <nama, nama> | <n> rumah [jumlah]',
  example: '/jimpitan semua kecuali Bu Sri, Pak Tono',
  summary: 'mencatat jimpitan satu malam sekaligus, per KK',
  async run(ctx, args) {
    const funds = await ctx.deps.community.funds(ctx.wksbm.id);
    let text = args.trim();
    const [first, afterFirst] = firstWord(text);
    const named = findFund(funds, first);
    const fund = named ?? findFund(funds, 'jimpitan');
    if (named) text = afterFirst;
    const lastNight = /^(semalam|kemarin|tadi\s+malam)\b\s*/i.exec(text);
    if (lastNight) text = text.slice(lastNight[0].length);
    const round = readRound(text);
    if (!fund || !round) return refuse(iuranText.jimpitanUsage());
    const iuran = (await ctx.deps.iuran.iurans(ctx.wksbm.id)).find((candidate) => candidate.fund.id === fund.id && candidate.kind === 'harian');
    const at = now(ctx);
    const night = roundNight(at, ctx.wksbm.timeZone, lastNight !== null);
    const nightLabel = night.split('-').reverse().join('/');
    const each = iuran ? ([...iuran.rates].reverse().find((rate) => rate.from <= periodOfDate('harian', night))?.amount ?? 0n) : 0n;
    const households = (await ctx.deps.iuran.households(ctx.wksbm.id)).filter(isActive);
    let paying: HouseholdInfo[];
    let total: bigint;
    if (round.kind === 'count') {
      const amount = round.total ? parseAmount(round.total) : null;
      if (amount && !amount.ok) return refuse(ledgerText.amountRefused(amount.raw, amount.problem, this.usage, '/jimpitan 12 rumah Rp6.000'));
      if (amount && amount.quantity.unit !== fund.unit) return refuse(ledgerText.unitMismatch(fund, amount.quantity, `/jimpitan ${fund.name} 12 rumah`));
      if (!amount && each === 0n) return refuse(iuranText.jimpitanNoIuran(fund));
      total = amount ? amount.quantity.value : each * BigInt(round.houses);
      if (each > 0n && total !== each * BigInt(round.houses)) return refuse(iuranText.jimpitanCountMismatch(round.houses, total, fund, each));
      return ctx.deps.iuran.round(
        ctx.once,
        { wksbmId: ctx.wksbm.id, iuranId: iuran?.id ?? 0, fundId: fund.id, householdIds: [], each, total, note: `jimpitan ${round.houses} rumah malam ${nightLabel}`, at },
        (outcome) => reply(iuranText.jimpitanRecorded(outcome.number, fund, nightLabel, round.houses, outcome.total, outcome.balanceAfter, false, 0)),
      );
    }
    if (!iuran || each === 0n) return refuse(iuranText.jimpitanNoIuran(fund));
    const listed: HouseholdInfo[] = [];
    for (const name of round.kind === 'all' ? round.except : round.names) {
      const picked = find(name, households);
      if (!picked.ok) return picked.replies;
      listed.push(picked.household);
    }
    const ids = new Set(listed.map((household) => household.id));
    paying = round.kind === 'all' ? households.filter((household) => !ids.has(household.id)) : listed;
    if (paying.length === 0) return refuse(iuranText.jimpitanNobody());
    total = each * BigInt(paying.length);
    const skipped = households.length - paying.length;
    return ctx.deps.iuran.round(
      ctx.once,
      { wksbmId: ctx.wksbm.id, iuranId: iuran.id, fundId: fund.id, householdIds: paying.map((h) => h.id), each, total, note: `jimpitan malam ${nightLabel}`, at },
      (outcome) => reply(iuranText.jimpitanRecorded(outcome.number, fund, nightLabel, outcome.households, outcome.total, outcome.balanceAfter, true, skipped)),
    );
  },
};
