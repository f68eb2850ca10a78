import { isArisanFundName, payArisanBySetor } from '../arisan/index.js';
import { WksError } from '../errors.js';
import { casesText } from '../cases/text.js';
import { householdOfSetor } from '../iuran/household-of.js';
import { perantauSetor } from '../iuran/perantau.js';
import type { PaymentEffect } from '../iuran/ports.js';
import type { LevyEffect } from '../duka/ports.js';
import { dukaText } from '../duka/text.js';
import { iuranText } from '../iuran/text.js';
import { refuse, reply, type GroupCommand } from '../shared/command.js';
import { mentionTokens, taggedPerson } from '../shared/mentions.js';
import type { Reply } from '../shared/message.js';
import type { FundInfo } from '../shared/ports.js';
import { EVERYONE, TREASURY } from '../shared/roles.js';
import { firstWord, readNumberAndReason } from '../shared/words.js';
import { decisionActions } from './actions.js';
import { readAmountAndFund } from './amount-and-fund.js';
import { splitContributor } from './contributor.js';
import { findFund } from './fund.js';
import type { DecideOutcome, Posting, PostingOutcome } from './ports.js';
import { ledgerText } from './text.js';
import { firstTooLong, tooLong } from '../shared/bounds.js';
import { sharedText } from '../shared/text.js';

export const setorCommand: GroupCommand = {
  name: 'setor',
  aliases: ['deposit', 'masuk', 'bayar'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/setor <jumlah> <dana> [dari <nama> | dari KK <nama>] [catatan]',
  example: '/setor 5000 jimpitan dari Pak Budi',
  summary: 'mencatat setoran (dari anggota: menunggu pengesahan)',
  async run(ctx, args) {
    const read = await readAmountAndFund(ctx, args, this);
    if (!read.ok) return read.replies;
    const { quantity, fund, rest } = read.value;
    // An arisan's own fund takes only share payments (the arisan's pot is their sum).
    const arisan = isArisanFundName(fund.name) ? await ctx.deps.arisan.byFund(fund.id) : null;
    if (arisan) return payArisanBySetor(ctx, arisan, rest, quantity.value);
    const members = rest ? await ctx.deps.community.members(ctx.wksbm.id) : [];
    const { contributor, note } = splitContributor(rest, [
      ...members.map((member) => member.person.name),
      ...mentionTokens(ctx),
    ]);
    const long = firstTooLong(['personName', contributor], ['note', note]);
    if (long) return refuse(sharedText.tooLong(long));
    const tagged = contributor ? await taggedPerson(ctx, contributor) : null;
    const known = tagged
      ? { person: tagged }
      : contributor
        ? members.find((member) => member.person.name.toLowerCase() === contributor.toLowerCase())
        : undefined;
    const personId = known ? known.person.id : contributor ? null : ctx.person.id;
    const picked = await householdOfSetor(ctx, ctx.wksbm.id, fund, { typed: known ? null : contributor, personId });
    if (!picked.ok) return picked.replies;
    const household = picked.value;
    const from = household && contributor && /^kk\s/i.test(contributor) ? `KK ${household.household.name}` : (known?.person.name ?? contributor ?? ctx.person.name);
    const posting: Posting = {
      wksbmId: ctx.wksbm.id,
      fundId: fund.id,
      kind: 'setor',
      amount: quantity.value,
      pending: !TREASURY.includes(ctx.role),
      contributorName: from,
      contributorId: personId,
      note,
    };
    const render = (outcome: PostingOutcome, effect: PaymentEffect | null, levy: LevyEffect | null) => {
      if (!outcome.ok) throw new WksError('WKS_ERR_INVARIANT', 'a setor was refused for its balance');
      if (outcome.status === 'pending') return pendingReplies(outcome.number, fund, quantity.value, from);
      const posted = ledgerText.posted(outcome.number, fund, quantity.value, from, outcome.balanceAfter, note);
      return reply([posted, levy ? dukaText.levyPaid(levy) : null, effect ? iuranText.paid(effect) : null].filter(Boolean).join('\n'));
    };
    if (!household) return ctx.deps.ledger.post(ctx.once, posting, (outcome) => render(outcome, null, null));
    return ctx.deps.iuran.pay(
      ctx.once,
      { posting, household: { householdId: household.household.id, iuranId: household.iuran?.id ?? null }, at: ctx.deps.clock.now(), notifyChat: null },
      (outcome) => (outcome.status === 'posted' ? render(outcome, outcome.effect, outcome.levy) : render(outcome, null, null)),
    );
  },
  inPrivate: perantauSetor,
};

/** An anggota's setoran waits for a ketua or bendahara, who can settle it with a button. */
export function pendingReplies(number: number, fund: FundInfo, amount: bigint, from: string): readonly Reply[] {
  return [{ text: ledgerText.pending(number, fund, amount, from), actions: decisionActions(number) }];
}


export const keluarCommand: GroupCommand = {
  name: 'keluar',
  aliases: ['withdraw', 'bayarkan', 'pengeluaran'],
  where: 'wksbm',
  roles: TREASURY,
  usage: '/keluar <jumlah> <dana> <keperluan> [kasus <no>]',
  example: '/keluar 500rb kematian santunan keluarga almarhum Pak Karto',
  summary: 'mencatat pengeluaran (ditolak bila saldo kurang); "kasus 7" di akhir mencatatnya sebagai bantuan kasus #7',
  async run(ctx, args) {
    const read = await readAmountAndFund(ctx, args, this);
    if (!read.ok) return read.replies;
    const { quantity, fund } = read.value;
    const { purpose, caseNumber } = splitCase(read.value.rest);
    if (!purpose) return refuse(ledgerText.purposeMissing(fund, quantity.value, this.example));
    const long = tooLong('purpose', purpose);
    if (long) return refuse(sharedText.tooLong(long));
    const posting: Posting = {
      wksbmId: ctx.wksbm.id,
      fundId: fund.id,
      kind: 'keluar',
      amount: quantity.value,
      pending: false,
      contributorName: null,
      contributorId: null,
      note: purpose,
    };
    const render = (outcome: PostingOutcome) => {
      if (!outcome.ok) return refuse(ledgerText.insufficient(fund, quantity.value, outcome.balance));
      if (outcome.status !== 'posted') throw new WksError('WKS_ERR_INVARIANT', 'a keluar was left pending');
      const spent = ledgerText.spent(outcome.number, fund, quantity.value, purpose, outcome.balanceAfter);
      return reply(caseNumber === null ? spent : `${spent}\n${casesText.disbursed(caseNumber)}`);
    };
    if (caseNumber === null) return ctx.deps.ledger.post(ctx.once, posting, render);
    return ctx.deps.cases.disburse(ctx.once, { caseNumber, posting }, (outcome) =>
      !outcome.ok && outcome.reason === 'case-not-found' ? refuse(casesText.caseNotFound(caseNumber)) : render(outcome),
    );
  },
};

/** A keluar ending in `kasus 7` is help given for case #7; the rest is its purpose. */
function splitCase(rest: string): { purpose: string; caseNumber: number | null } {
  const match = /^([\s\S]*?)\s*\bkasus\s+#?(\d{1,9})$/i.exec(rest);
  return match ? { purpose: match[1]!, caseNumber: Number(match[2]) } : { purpose: rest, caseNumber: null };
}

export const koreksiCommand: GroupCommand = {
  name: 'koreksi',
  aliases: ['correct', 'reverse'],
  where: 'wksbm',
  roles: TREASURY,
  usage: '/koreksi <no> <alasan>',
  example: '/koreksi 12 salah ketik, seharusnya 50rb',
  summary: 'membatalkan catatan dengan catatan balik (tidak pernah mengubah yang lama)',
  async run(ctx, args) {
    const { number, reason } = readNumberAndReason(args);
    if (number === null) return refuse(ledgerText.numberMissing(this.usage, this.example));
    if (!reason) return refuse(ledgerText.reasonMissing(this.usage, this.example));
    const long = tooLong('reason', reason);
    if (long) return refuse(sharedText.tooLong(long));
    return ctx.deps.ledger.reverse(ctx.once, { wksbmId: ctx.wksbm.id, number, reason, at: ctx.deps.clock.now() }, (outcome) => {
      if (outcome.ok) {
        const reversed = ledgerText.reversed(outcome.number, outcome.original, outcome.balanceAfter, reason);
        return reply(outcome.households > 0 ? `${reversed}\n${iuranText.reversedHouseholds(outcome.households)}` : reversed);
      }
      switch (outcome.reason) {
        case 'not-found':
          return refuse(ledgerText.entryNotFound(number));
        case 'pending':
          return refuse(ledgerText.reversePending(number));
        case 'is-correction':
          return refuse(ledgerText.reverseCorrection(number));
        case 'already-reversed':
          return refuse(ledgerText.alreadyReversed(number, outcome.by));
        case 'insufficient':
          return refuse(ledgerText.reverseInsufficient(outcome.original, outcome.balance));
      }
    });
  },
};

/** What a decision on a pending setoran says, wherever it was made (the chat or the dashboard). */
export function decisionReplies(
  outcome: DecideOutcome,
  decision: { number: number; approve: boolean; reason: string | null; by: string },
): readonly Reply[] {
  if (!outcome.ok) {
    if (outcome.reason === 'decided') return refuse(ledgerText.alreadyDecided(outcome.submission));
    return refuse(outcome.reason === 'is-entry' ? ledgerText.isEntry(decision.number) : ledgerText.entryNotFound(decision.number));
  }
  if (!decision.approve) return reply(ledgerText.refused(outcome.submission, decision.by, decision.reason ?? ''));
  const approved = ledgerText.approved(outcome.submission, outcome.balanceAfter ?? 0n, decision.by);
  // What the money covered, as a /setor says it: the duka levy first, then the iuran.
  return reply([approved, outcome.levy ? dukaText.levyPaid(outcome.levy) : null, outcome.iuran ? iuranText.paid(outcome.iuran) : null].filter(Boolean).join('\n'));
}

function decisionCommand(approve: boolean): GroupCommand {
  return {
    name: approve ? 'sahkan' : 'tolak',
    aliases: approve ? ['approve', 'konfirmasi'] : ['reject'],
    where: 'wksbm',
    roles: TREASURY,
    usage: approve ? '/sahkan <no>' : '/tolak <no> <alasan>',
    example: approve ? '/sahkan 13' : '/tolak 13 uangnya belum diterima',
    summary: approve ? 'mengesahkan setoran anggota yang menunggu' : 'menolak setoran anggota yang menunggu',
    async run(ctx, args) {
      const { number, reason } = readNumberAndReason(args);
      if (number === null) return refuse(ledgerText.numberMissing(this.usage, this.example));
      if (!approve && !reason) return refuse(ledgerText.reasonMissing(this.usage, this.example));
      const long = tooLong('reason', reason);
      if (long) return refuse(sharedText.tooLong(long));
      const decision = { number, approve, reason: reason || null, by: ctx.person.name };
      return ctx.deps.ledger.decide(ctx.once, { wksbmId: ctx.wksbm.id, ...decision, at: ctx.deps.clock.now() }, (outcome) =>
        decisionReplies(outcome, decision),
      );
    },
  };
}

export const sahkanCommand = decisionCommand(true);
export const tolakCommand = decisionCommand(false);

export const saldoCommand: GroupCommand = {
  name: 'saldo',
  aliases: ['balance', 'kas'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/saldo [dana]',
  example: '/saldo jimpitan',
  summary: 'saldo semua dana atau satu dana',
  async run(ctx, args) {
    const balances = await ctx.deps.community.balances(ctx.wksbm.id);
    const [word] = firstWord(args);
    if (!word) return reply(ledgerText.balances(ctx.wksbm.name, balances));
    const fund = findFund(balances, word);
    if (!fund) return refuse(ledgerText.fundUnknown(word, balances, this.example));
    return reply(ledgerText.balances(ctx.wksbm.name, balances.filter((balance) => balance.id === fund.id)));
  },
};

/** A /riwayat page is one message: ten lines, and at most a hundred pages back. */
const HISTORY_PAGE = 10;
const HISTORY_PAGES = 100;

export const riwayatCommand: GroupCommand = {
  name: 'riwayat',
  aliases: ['history', 'mutasi'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/riwayat [dana] [halaman]',
  example: '/riwayat jimpitan 2',
  summary: 'catatan terbaru, sepuluh per halaman, terbaru di atas',
  async run(ctx, args) {
    const funds = await ctx.deps.community.funds(ctx.wksbm.id);
    let fund: FundInfo | undefined;
    let page = 1;
    for (const word of args.split(/\s+/).filter(Boolean)) {
      if (/^\d+$/.test(word)) {
        page = Number(word);
        if (page < 1 || page > HISTORY_PAGES) return refuse(ledgerText.historyArgs(HISTORY_PAGES));
      } else {
        fund = findFund(funds, word);
        if (!fund) return refuse(ledgerText.fundUnknown(word, funds, this.example));
      }
    }
    // One more than a page tells whether there is a next one.
    const found = await ctx.deps.ledger.history(ctx.wksbm.id, {
      fundId: fund?.id,
      limit: HISTORY_PAGE + 1,
      offset: (page - 1) * HISTORY_PAGE,
    });
    const more = found.length > HISTORY_PAGE && page < HISTORY_PAGES ? `/riwayat ${fund ? `${fund.name} ` : ''}${page + 1}` : null;
    const shown = found.slice(0, HISTORY_PAGE);
    const proofs = await ctx.deps.proofs.counts(ctx.wksbm.id, shown.map((item) => item.number));
    return reply(ledgerText.history(fund, page, shown, more, ctx.wksbm.timeZone, proofs));
  },
};
