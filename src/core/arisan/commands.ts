import { refuse, reply, type GroupCommand, type GroupContext } from '../shared/command.js';
import { findMember } from '../members/commands.js';
import { mentionTokens, taggedPerson } from '../shared/mentions.js';
import type { Reply } from '../shared/message.js';
import type { PersonInfo } from '../shared/ports.js';
import { parseAmount } from '../shared/amount.js';
import { tooLong } from '../shared/bounds.js';
import { firstWord } from '../shared/words.js';
import { splitContributor } from '../ledger/contributor.js';
import { EVERYONE, PENGURUS, TREASURY, type Role } from '../shared/roles.js';
import { membersText } from '../members/text.js';
import { sharedText } from '../shared/text.js';
import { newSeed, normalizeMix } from './draw.js';
import { fundNameOf, isArisanName, parseFrequency, readMix, splitNew, splitShareCount } from './parse.js';
import type { ArisanInfo, ArisanHolder, KocokOutcome } from './ports.js';
import { arisanText, EXAMPLE, USAGE } from './text.js';

/**
 * How long a commitment stays in the group before the seed may be revealed: long enough for everyone to
 * see the list and the commitment, and to mix in a number, before the outcome is fixed.
 */
export const REVEAL_DELAY_MS = 60_000;
const REVEAL_DELAY_TEXT = '1 menit';

type Step = { ok: true; arisan: ArisanInfo; rest: string } | { ok: false; replies: readonly Reply[] };

const gate = (ctx: GroupContext, roles: readonly Role[], name: string): readonly Reply[] | null =>
  roles.includes(ctx.role) ? null : refuse(sharedText.notAllowed(name, roles, ctx.role, null));

/** `<nama arisan> …`: the arisan the first word names, and what follows. */
async function readArisan(ctx: GroupContext, text: string, which: keyof typeof EXAMPLE): Promise<Step> {
  const [word, rest] = firstWord(text);
  if (!word) return { ok: false, replies: refuse(arisanText.nameMissing(which)) };
  const arisan = await ctx.deps.arisan.byName(ctx.wksbm.id, word.toLowerCase());
  if (!arisan) return { ok: false, replies: refuse(arisanText.unknown(word, await ctx.deps.arisan.list(ctx.wksbm.id))) };
  return { ok: true, arisan, rest };
}

async function create(ctx: GroupContext, text: string) {
  const [word, rest] = firstWord(text);
  const name = word.toLowerCase();
  if (!name) return refuse(arisanText.usage('buat'));
  if (!isArisanName(name)) return refuse(arisanText.nameInvalid(word));
  const amount = parseAmount(rest);
  if (!amount.ok) return refuse(arisanText.amountRefused(amount.raw, amount.problem));
  if (amount.quantity.unit !== 'IDR') return refuse(arisanText.notRupiah());
  const frequency = parseFrequency(amount.rest);
  if (!frequency) return refuse(arisanText.frequencyUnknown(amount.rest));
  return ctx.deps.arisan.create(
    ctx.once,
    { wksbmId: ctx.wksbm.id, name, fundName: fundNameOf(name), contribution: amount.quantity.value, frequency },
    (outcome) => (outcome.ok ? reply(arisanText.created(outcome.arisan)) : refuse(arisanText.taken(outcome.word))),
  );
}

async function join(ctx: GroupContext, arisan: ArisanInfo, holder: ArisanHolder, count: number, withoutAccount: boolean) {
  return ctx.deps.arisan.join(ctx.once, { arisan, holder, count }, (outcome) =>
    outcome.ok
      ? reply(arisanText.joined(arisan, outcome.person.name, outcome.added, outcome.numbers, withoutAccount))
      : refuse(arisanText.alreadyJoined(arisan, outcome.person.name, outcome.numbers)),
  );
}

const distinctPeople = (people: readonly PersonInfo[]): PersonInfo[] => [...new Map(people.map((person) => [person.id, person])).values()];

/** The people holding shares of the arisan, each once. */
async function holdersOf(ctx: GroupContext, arisan: ArisanInfo): Promise<PersonInfo[]> {
  const { shares } = await ctx.deps.arisan.status(arisan);
  return distinctPeople(shares.map((share) => ({ id: share.personId, name: share.name })));
}

/** The holder a typed name means: a tag, else the holder of exactly that name or the only one like it. */
async function shareHolder(ctx: GroupContext, arisan: ArisanInfo, typed: string) {
  const tagged = await taggedPerson(ctx, typed);
  if (tagged) return { ok: true as const, person: tagged };
  const found = findMember((await holdersOf(ctx, arisan)).map((person) => ({ person, role: 'anggota' as const })), typed);
  if (found.ok) return { ok: true as const, person: found.member.person };
  const why = found.candidates.length ? membersText.memberAmbiguous(typed, found.candidates) : arisanText.holderNotFound(arisan, typed);
  return { ok: false as const, replies: refuse(why) };
}

/**
 * Whom a pengurus means by a typed name: a tagged person, else a member or share holder with exactly that
 * name, else (when nobody's name resembles it, or `baru` says so) a new person without a chat account.
 */
async function holderNamed(ctx: GroupContext, arisan: ArisanInfo, typed: string) {
  const { name, isNew } = splitNew(typed);
  const tagged = await taggedPerson(ctx, name);
  if (tagged) return { ok: true as const, holder: { personId: tagged.id }, withoutAccount: false };
  const long = tooLong('personName', name);
  if (long) return { ok: false as const, replies: refuse(sharedText.tooLong(long)) };
  if (isNew) return { ok: true as const, holder: { newName: name }, withoutAccount: true };
  const [members, holders] = await Promise.all([ctx.deps.community.members(ctx.wksbm.id), holdersOf(ctx, arisan)]);
  const people = distinctPeople([...members.map((member) => member.person), ...holders]);
  const wanted = name.toLowerCase();
  const exact = people.filter((person) => person.name.toLowerCase() === wanted);
  if (exact.length === 1) return { ok: true as const, holder: { personId: exact[0]!.id }, withoutAccount: false };
  const similar = exact.length ? exact : people.filter((person) => person.name.toLowerCase().includes(wanted));
  if (similar.length) return { ok: false as const, replies: refuse(arisanText.holderAmbiguous(name, similar.map((p) => p.name))) };
  return { ok: true as const, holder: { newName: name }, withoutAccount: true };
}

/**
 * Records the payment of every unpaid share a person holds in the current round. `holderText` names the
 * holder (null: the sender); `amount` is what a /setor into the arisan's fund wrote, which must match.
 */
async function payArisan(ctx: GroupContext, arisan: ArisanInfo, holderText: string | null, amount: bigint | null) {
  const found = holderText ? await shareHolder(ctx, arisan, holderText) : { ok: true as const, person: ctx.person };
  if (!found.ok) return found.replies;
  const holder = found.person;
  return ctx.deps.arisan.pay(ctx.once, { arisan, personId: holder.id, payerName: holder.name, amount }, (outcome) => {
    if (outcome.ok) {
      return reply(
        arisanText.paid(arisan, holder.name, outcome.round, outcome.numbers, outcome.amount, outcome.entryNumber, outcome.balanceAfter),
      );
    }
    switch (outcome.reason) {
      case 'no-shares':
        return refuse(arisanText.noShares(arisan, holder.name));
      case 'already-paid':
        return refuse(arisanText.alreadyPaid(arisan, holder.name, outcome.round));
      case 'amount-mismatch':
        return refuse(arisanText.amountMismatch(arisan, holder.name, outcome.expected, outcome.unpaid, amount ?? 0n));
    }
  });
}

/**
 * `/setor 100rb arisan-mawar dari Pak Budi`: the same as `/arisan bayar mawar dari Pak Budi`, amount
 * checked. The entry's note is the arisan's own ("Arisan mawar putaran 3: nomor 2, 3"), not what was typed.
 */
export async function payArisanBySetor(ctx: GroupContext, arisan: ArisanInfo, rest: string, amount: bigint) {
  if (!TREASURY.includes(ctx.role)) return refuse(arisanText.setorNeedsTreasury(arisan));
  const holders = await holdersOf(ctx, arisan);
  const { contributor } = splitContributor(rest, [...holders.map((person) => person.name), ...mentionTokens(ctx)]);
  return payArisan(ctx, arisan, contributor, amount);
}

function renderKocok(ctx: GroupContext, arisan: ArisanInfo) {
  return (outcome: KocokOutcome): readonly Reply[] => {
    if (outcome.ok) {
      return outcome.step === 'committed'
        ? reply(arisanText.committed(arisan, outcome.committed, REVEAL_DELAY_TEXT))
        : reply(arisanText.revealed(arisan, outcome.drawn, outcome.balanceAfter));
    }
    switch (outcome.reason) {
      case 'no-shares':
        return refuse(arisanText.noSharesToDraw(arisan));
      case 'too-soon':
        return refuse(arisanText.tooSoon(arisan, outcome.committed, outcome.revealAt, ctx.wksbm.timeZone));
      case 'just-drawn':
        return refuse(arisanText.justDrawn(arisan, outcome.win));
      case 'insufficient':
        return refuse(arisanText.insufficient(arisan, outcome.balance, outcome.pot));
    }
  };
}

async function kocok(ctx: GroupContext, arisan: ArisanInfo, rest: string) {
  const mix = readMix(rest);
  if (mix.given) {
    if (mix.digits === null) return refuse(arisanText.mixInvalid(arisan));
    const value = normalizeMix(mix.digits);
    return ctx.deps.arisan.mix(ctx.once, { arisan, value }, (outcome) => {
      if (outcome.ok) return reply(arisanText.mixed(arisan, ctx.person.name, value, outcome.committed));
      return refuse(
        outcome.reason === 'nothing-committed' ? arisanText.nothingCommitted(arisan) : arisanText.alreadyMixed(arisan, outcome.committed),
      );
    });
  }
  if (rest && rest.toLowerCase() !== 'lagi') return refuse(arisanText.usage('kocok'));
  const denied = gate(ctx, TREASURY, 'arisan kocok');
  if (denied) return denied;
  return ctx.deps.arisan.kocok(
    ctx.once,
    { arisan, seed: newSeed(), now: ctx.deps.clock.now(), revealDelayMs: REVEAL_DELAY_MS, chat: ctx.inbound.chat },
    renderKocok(ctx, arisan),
  );
}

/** `/arisan bayarkan mawar 1`: the pot of a round whose payout was reversed, to the same winner. */
function repay(ctx: GroupContext, arisan: ArisanInfo, rest: string) {
  const round = /^(?:putaran\s+)?(\d{1,6})$/i.exec(rest.trim());
  if (!round) return refuse(arisanText.roundUnreadable('bayarkan'));
  return ctx.deps.arisan.repay(ctx.once, { arisan, round: Number(round[1]) }, (outcome) => {
    if (outcome.ok) return reply(arisanText.repaid(arisan, outcome.win, outcome.balanceAfter));
    switch (outcome.reason) {
      case 'not-drawn':
        return refuse(arisanText.notDrawn(arisan, Number(round[1])));
      case 'not-reversed':
        return refuse(arisanText.notReversed(arisan, outcome.win));
      case 'insufficient':
        return refuse(arisanText.insufficient(arisan, outcome.balance, outcome.pot));
    }
  });
}

/** `/arisan keluar mawar nomor 4`: a share leaves; the draw order of everyone else is untouched. */
function leave(ctx: GroupContext, arisan: ArisanInfo, rest: string) {
  const typed = /^(?:nomor\s+|no\.?\s*)?(\d{1,6})$/i.exec(rest.trim());
  if (!typed) return refuse(arisanText.roundUnreadable('keluar'));
  const number = Number(typed[1]);
  return ctx.deps.arisan.leave(ctx.once, { arisan, number }, (outcome) => {
    if (outcome.ok) return reply(arisanText.left(arisan, outcome.share));
    switch (outcome.reason) {
      case 'not-found':
        return refuse(arisanText.leaveNotFound(arisan, number));
      case 'already-left':
        return refuse(arisanText.alreadyLeft(arisan, outcome.share));
      case 'in-draw':
        return refuse(arisanText.leaveInDraw(arisan, outcome.share, outcome.round));
      case 'won-this-cycle':
        return refuse(arisanText.leaveWon(arisan, outcome.share, outcome.cycle));
      case 'paid-this-round':
        return refuse(arisanText.leavePaid(arisan, outcome.share, outcome.round));
    }
  });
}

/** `/arisan …`: one command with sub-commands, each checking its own roles. */
export const arisanCommand: GroupCommand = {
  name: 'arisan',
  aliases: [],
  where: 'wksbm',
  roles: EVERYONE,
  usage: USAGE.root,
  example: EXAMPLE.kocok,
  summary: 'arisan: buat, ikut, bayar, kocok yang bisa diperiksa siapa pun, riwayat, bayarkan lagi, keluar',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    const sub = word.toLowerCase();
    if (!sub) return reply(arisanText.list(ctx.wksbm.name, await ctx.deps.arisan.list(ctx.wksbm.id)));
    if (sub === 'buat') return gate(ctx, TREASURY, 'arisan buat') ?? create(ctx, rest);
    if (sub === 'riwayat') return refuse(arisanText.historyNameMissing());
    if (sub === 'ikut' || sub === 'tambah' || sub === 'bayar' || sub === 'kocok' || sub === 'bayarkan' || sub === 'keluar') {
      const step = await readArisan(ctx, rest, sub);
      if (!step.ok) return step.replies;
      const { arisan } = step;
      switch (sub) {
        case 'ikut': {
          const { rest: extra, count } = splitShareCount(step.rest);
          if (count === null) return refuse(arisanText.countInvalid());
          if (extra) return refuse(arisanText.usage('ikut'));
          return join(ctx, arisan, { personId: ctx.person.id }, count, false);
        }
        case 'tambah': {
          const denied = gate(ctx, PENGURUS, 'arisan tambah');
          if (denied) return denied;
          const { rest: typed, count } = splitShareCount(step.rest);
          if (count === null) return refuse(arisanText.countInvalid());
          if (!typed) return refuse(arisanText.holderMissing());
          const found = await holderNamed(ctx, arisan, typed);
          return found.ok ? join(ctx, arisan, found.holder, count, found.withoutAccount) : found.replies;
        }
        case 'bayar': {
          const denied = gate(ctx, TREASURY, 'arisan bayar');
          if (denied) return denied;
          const dari = /^dari\s+(.+)$/i.exec(step.rest);
          if (step.rest && !dari) return refuse(arisanText.usage('bayar'));
          return payArisan(ctx, arisan, dari ? dari[1]!.trim() : null, null);
        }
        case 'kocok':
          return kocok(ctx, arisan, step.rest);
        case 'bayarkan':
          return gate(ctx, TREASURY, 'arisan bayarkan') ?? repay(ctx, arisan, step.rest);
        case 'keluar':
          return gate(ctx, PENGURUS, 'arisan keluar') ?? leave(ctx, arisan, step.rest);
      }
    }
    const step = await readArisan(ctx, args, 'kocok');
    if (!step.ok) return step.replies;
    if (step.rest.toLowerCase() === 'riwayat') {
      return reply(arisanText.history(step.arisan, await ctx.deps.arisan.history(step.arisan, 20), ctx.wksbm.timeZone));
    }
    if (step.rest) return refuse(sharedText.usage(USAGE.root, `/arisan ${step.arisan.name} riwayat`));
    return reply(arisanText.status(await ctx.deps.arisan.status(step.arisan), ctx.wksbm.timeZone));
  },
};
