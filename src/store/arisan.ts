import {
  commitmentOf,
  drawWinner,
  listText,
  parseList,
  WksError,
  ARISAN_FREQUENCIES,
  type ArisanInfo,
  type ArisanStatus,
  type ArisanStore,
  type CommittedView,
  type CreateArisanOutcome,
  type DrawnRound,
  type ArisanFrequency,
  type ArisanJoinOutcome,
  type KocokOutcome,
  type LeaveOutcome,
  type RepayOutcome,
  type MixOutcome,
  type Once,
  type ArisanPayOutcome,
  type ShareView,
  type WinView,
  arisanText,
  type ArisanRevealer,
  type ChatKey,
} from '../core/index.js';
import { arisanRevealPayload } from '../outbox/kinds/arisan-reveal.js';
import { enqueue, withdraw } from './outbox.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { postEntry } from './ledger.js';
import { applyOnce } from './once.js';
import { fundWithAliases, toFundInfo } from './rows.js';
import { uniquely } from './unique.js';
import type { Tx, Writer } from './writer.js';

type Client = PrismaClient | Tx;

type ArisanRow = Prisma.ArisanGetPayload<object>;

function toFrequency(value: string): ArisanFrequency {
  if (!(ARISAN_FREQUENCIES as readonly string[]).includes(value)) throw new WksError('WKS_ERR_STORE', `unknown arisan frequency ${value}`);
  return value as ArisanFrequency;
}

/** Arisan rows with their funds (read in one query; Fund has no relation field to point back). */
async function toArisanInfos(client: Client, rows: readonly ArisanRow[]): Promise<ArisanInfo[]> {
  const funds = await client.fund.findMany({ where: { id: { in: rows.map((row) => row.fundId) } }, include: fundWithAliases });
  const byId = new Map(funds.map((fund) => [fund.id, toFundInfo(fund)]));
  return rows.map((row) => ({
    id: row.id,
    wksbmId: row.wksbmId,
    name: row.name,
    contribution: row.contribution,
    frequency: toFrequency(row.frequency),
    fund: byId.get(row.fundId)!,
  }));
}

const toArisanInfo = async (client: Client, row: ArisanRow | null): Promise<ArisanInfo | null> =>
  row ? (await toArisanInfos(client, [row]))[0]! : null;

type StoredShare = ShareView & { readonly id: number; readonly left: boolean };

/** Every share of an arisan with its holder's name, by number, those that left included (past rounds name them). */
async function sharesOf(client: Client, arisanId: number): Promise<StoredShare[]> {
  const rows = await client.arisanShare.findMany({ where: { arisanId }, orderBy: { number: 'asc' } });
  const people = await client.person.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.personId))] } } });
  const names = new Map(people.map((person) => [person.id, person.name]));
  return rows.map((row) => ({ id: row.id, number: row.number, personId: row.personId, name: names.get(row.personId)!, left: row.leftAt !== null }));
}

const roundInclude = { win: true, mixes: { orderBy: { id: 'asc' } } } as const satisfies Prisma.ArisanRoundInclude;
type RoundRow = Prisma.ArisanRoundGetPayload<{ include: typeof roundInclude }>;

const latestRound = (client: Client, arisanId: number): Promise<RoundRow | null> =>
  client.arisanRound.findFirst({ where: { arisanId }, orderBy: { number: 'desc' }, include: roundInclude });

function storedList(row: { id: number; list: string }): number[] {
  const list = parseList(row.list);
  if (!list) throw new WksError('WKS_ERR_STORE', `arisan round ${row.id} has a malformed list`);
  return list;
}

/**
 * The shares a new round is drawn from: those that have not won in the current cycle. When every share
 * has won, a new cycle starts with all of them.
 */
async function eligible(client: Client, arisanId: number, shares: readonly StoredShare[]) {
  const last = await client.arisanWin.findFirst({ where: { arisanId }, orderBy: { id: 'desc' }, select: { cycle: true } });
  const cycle = last?.cycle ?? 1;
  const won = await client.arisanWin.findMany({ where: { arisanId, cycle }, select: { shareId: true } });
  const wonIds = new Set(won.map((win) => win.shareId));
  // A share that left is in no new list; the cycle ends when every share still in has won.
  const active = shares.filter((share) => !share.left);
  const waiting = active.filter((share) => !wonIds.has(share.id));
  return waiting.length > 0 ? { cycle, list: waiting } : { cycle: cycle + 1, list: active };
}

/** Payments of a round whose ledger entry still stands (a /koreksi of the entry voids them). */
async function standingPayments(client: Client, arisanId: number, round: number, shareIds?: readonly number[]) {
  const payments = await client.arisanPayment.findMany({
    where: { arisanId, round, ...(shareIds ? { shareId: { in: [...shareIds] } } : {}) },
  });
  const reversed = await client.ledgerEntry.findMany({
    where: { reversesId: { in: payments.map((payment) => payment.entryId) } },
    select: { reversesId: true },
  });
  const voided = new Set(reversed.map((entry) => entry.reversesId));
  return payments.map((payment) => ({ ...payment, standing: !voided.has(payment.entryId) }));
}

async function potOf(client: Client, arisan: ArisanInfo, round: number): Promise<{ paidShareIds: number[]; pot: bigint }> {
  const paid = (await standingPayments(client, arisan.id, round)).filter((payment) => payment.standing);
  return { paidShareIds: paid.map((payment) => payment.shareId), pot: arisan.contribution * BigInt(paid.length) };
}

function committedView(row: RoundRow, shares: readonly ShareView[]): CommittedView {
  const byNumber = new Map(shares.map((share) => [share.number, share]));
  return {
    round: row.number,
    cycle: row.cycle,
    list: storedList(row).map((number) => byNumber.get(number)!),
    commitment: row.commitment,
    mixes: row.mixes.map((mix) => mix.value),
    committedAt: row.committedAt,
  };
}

/** A round's payout as it stands: its latest entry (the draw's, or a repayment's) and the koreksi of it, if any. */
interface Payout {
  readonly entryId: number | null;
  readonly entryNumber: number | null;
  readonly reversedBy: number | null;
}

/** The current payout of each win, in three queries whatever their number. */
async function payoutsOf(client: Client, wins: readonly { id: number; entryId: number | null }[]): Promise<Map<number, Payout>> {
  const repayments = await client.arisanRepayment.findMany({ where: { winId: { in: wins.map((win) => win.id) } }, orderBy: { id: 'asc' } });
  const latest = new Map(wins.map((win) => [win.id, win.entryId]));
  for (const repayment of repayments) latest.set(repayment.winId, repayment.entryId);
  const ids = [...latest.values()].filter((id): id is number => id !== null);
  // One after the other: inside a transaction every query shares one connection (see writer.ts).
  const entries = await client.ledgerEntry.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } });
  const reversals = await client.ledgerEntry.findMany({ where: { reversesId: { in: ids } }, select: { number: true, reversesId: true } });
  const number = new Map(entries.map((row) => [row.id, row.number]));
  const reversedBy = new Map(reversals.map((row) => [row.reversesId!, row.number]));
  return new Map(
    [...latest.entries()].map(([winId, entryId]) => [
      winId,
      { entryId, entryNumber: entryId === null ? null : number.get(entryId)!, reversedBy: entryId === null ? null : (reversedBy.get(entryId) ?? null) },
    ]),
  );
}

function winView(
  win: NonNullable<RoundRow['win']>,
  round: number,
  shares: readonly StoredShare[],
  payouts: Map<number, Payout>,
): WinView {
  const share = shares.find((candidate) => candidate.id === win.shareId);
  if (!share) throw new WksError('WKS_ERR_STORE', `arisan win ${win.id} names a missing share`);
  return {
    round,
    cycle: win.cycle,
    share: { number: share.number, personId: share.personId, name: share.name },
    pot: win.pot,
    entryNumber: payouts.get(win.id)?.entryNumber ?? null,
    reversedBy: payouts.get(win.id)?.reversedBy ?? null,
    at: win.createdAt,
  };
}

function drawnRound(row: RoundRow, shares: readonly StoredShare[], payouts: Map<number, Payout>): DrawnRound {
  return {
    ...winView(row.win!, row.number, shares, payouts),
    list: storedList(row),
    mixes: row.mixes.map((mix) => mix.value),
    seed: row.seed,
    commitment: row.commitment,
  };
}

const revealSubject = (roundId: number) => `arisan-reveal:${roundId}`;

/**
 * The scheduler's side of the draw: reveals a committed round when its outbox row falls due. A round a
 * pengurus revealed meanwhile is announced again from its record (the row is withdrawn when that
 * happens, so this is a send retried after a failure, or a race with a claimed row): never drawn twice.
 */
export function createArisanRevealer(read: PrismaClient, writer: Writer): ArisanRevealer {
  return {
    async revealArisan({ roundId }, now) {
      const outcome = await writer.run(async (tx) => {
        const row = await tx.arisanRound.findUnique({ where: { id: roundId }, include: roundInclude });
        if (!row) return null;
        const arisan = (await toArisanInfo(tx, await tx.arisan.findUniqueOrThrow({ where: { id: row.arisanId } })))!;
        if (row.win) {
          const shares = await sharesOf(tx, arisan.id);
          const { balance } = await tx.fund.findUniqueOrThrow({ where: { id: arisan.fund.id }, select: { balance: true } });
          return { arisan, outcome: { ok: true, step: 'revealed', drawn: drawnRound(row, shares, await payoutsOf(tx, [row.win])), balanceAfter: balance } as const };
        }
        return { arisan, outcome: await reveal(tx, arisan, row, now, { key: revealSubject(row.id), personId: row.committedById }) };
      });
      if (!outcome) return { ok: false, why: 'round gone' };
      const { arisan, outcome: result } = outcome;
      if (result.ok && result.step === 'revealed') return { ok: true, text: arisanText.autoRevealed(arisan, result.drawn, result.balanceAfter) };
      if (!result.ok && result.reason === 'insufficient') return { ok: true, text: arisanText.insufficient(arisan, result.balance, result.pot) };
      throw new WksError('WKS_ERR_INVARIANT', `arisan round ${roundId}: unexpected reveal outcome`);
    },
  };
}

const plainShare = ({ number, personId, name }: ShareView): ShareView => ({ number, personId, name });

/** The draw's second step, inside a transaction: winner, payout of exactly the pot, the win row (unique per round). */
async function reveal(tx: Tx, arisan: ArisanInfo, row: RoundRow, now: Date, once: Once): Promise<KocokOutcome> {
  const personId = once.personId;
  // The seed was drawn by this server and stored untouched; a mismatch is a broken invariant, never shown.
  if (commitmentOf(row.seed) !== row.commitment) {
    throw new WksError('WKS_ERR_INVARIANT', `arisan round ${row.id}: seed does not match its commitment`);
  }
  const shares = await sharesOf(tx, arisan.id);
  const result = drawWinner(row.seed, row.mixes.map((mix) => mix.value), storedList(row));
  const share = shares.find((candidate) => candidate.number === result.winner)!;
  const { pot } = await potOf(tx, arisan, row.number);
  let entryId: number | null = null;
  let balanceAfter = (await tx.fund.findUniqueOrThrow({ where: { id: arisan.fund.id }, select: { balance: true } })).balance;
  if (pot > 0n) {
    const posted = await postEntry(tx, {
      wksbmId: arisan.wksbmId,
      fundId: arisan.fund.id,
      kind: 'keluar',
      amount: -pot,
      recordedById: personId,
      note: `Arisan ${arisan.name} putaran ${row.number}: ${share.name} (nomor ${share.number})`,
      sourceKey: once.key,
    });
    if (!posted.ok) return { ok: false, reason: 'insufficient', balance: posted.balance, pot };
    entryId = posted.id;
    balanceAfter = posted.balanceAfter;
  }
  const win = await uniquely('ArisanWin', () =>
    tx.arisanWin.create({
      data: { roundId: row.id, arisanId: arisan.id, cycle: row.cycle, shareId: share.id, pot, entryId, drawnById: personId, createdAt: now },
    }),
  );
  return { ok: true, step: 'revealed', drawn: drawnRound({ ...row, win }, shares, await payoutsOf(tx, [win])), balanceAfter };
}

export function createArisanStore(read: PrismaClient, writer: Writer, community: { fundsChanged(wksbmId: number): void }): ArisanStore {
  async function commit(
    tx: Tx,
    arisan: ArisanInfo,
    input: { seed: string; now: Date; revealDelayMs: number; chat: ChatKey },
    personId: number,
    previous: number,
  ): Promise<KocokOutcome> {
    const { seed, now } = input;
    const shares = await sharesOf(tx, arisan.id);
    if (shares.every((share) => share.left)) return { ok: false, reason: 'no-shares' };
    const { cycle, list } = await eligible(tx, arisan.id, shares);
    const row = await uniquely('ArisanRound', () =>
      tx.arisanRound.create({
        data: {
          arisanId: arisan.id,
          number: previous + 1,
          cycle,
          list: listText(list.map((share) => share.number)),
          seed,
          commitment: commitmentOf(seed),
          committedById: personId,
          committedAt: now,
        },
        include: roundInclude,
      }),
    );
    // The reveal happens by itself once the delay is over, from the outbox: it survives a restart, and
    // the round's unique win makes a second instance (or a pengurus pressing meanwhile) draw nothing more.
    await enqueue(tx, [
      {
        dedupeKey: `arisan-reveal:${row.id}`,
        channel: input.chat.channel,
        chatId: input.chat.id,
        subject: revealSubject(row.id),
        payload: arisanRevealPayload({ roundId: row.id }),
        dueAt: new Date(now.getTime() + input.revealDelayMs),
        notAfter: null,
      },
    ]);
    return { ok: true, step: 'committed', committed: committedView(row, shares) };
  }

  return {
    async list(wksbmId) {
      return toArisanInfos(read, await read.arisan.findMany({ where: { wksbmId }, orderBy: { id: 'asc' } }));
    },

    async byName(wksbmId, name) {
      return toArisanInfo(read, await read.arisan.findUnique({ where: { wksbmId_name: { wksbmId, name } } }));
    },

    async byFund(fundId) {
      return toArisanInfo(read, await read.arisan.findUnique({ where: { fundId } }));
    },

    async status(arisan): Promise<ArisanStatus> {
      const [shares, rounds] = await Promise.all([
        sharesOf(read, arisan.id),
        read.arisanRound.findMany({ where: { arisanId: arisan.id }, orderBy: { number: 'asc' }, include: roundInclude }),
      ]);
      const last = rounds.at(-1);
      const round = last && last.win ? last.number + 1 : (last?.number ?? 1);
      const committed = last && !last.win ? committedView(last, shares) : null;
      const drawn = rounds.filter((row) => row.win);
      const payouts = await payoutsOf(read, drawn.map((row) => row.win!));
      const { paidShareIds, pot } = await potOf(read, arisan, round);
      const paid = new Set(paidShareIds);
      return {
        arisan,
        shares: shares.filter((share) => !share.left).map(plainShare),
        round,
        cycle: committed?.cycle ?? (await eligible(read, arisan.id, shares)).cycle,
        paid: shares.filter((share) => paid.has(share.id)).map((share) => share.number),
        pot,
        wins: drawn.map((row) => winView(row.win!, row.number, shares, payouts)),
        committed,
      };
    },

    async history(arisan, limit) {
      const [shares, rounds] = await Promise.all([
        sharesOf(read, arisan.id),
        read.arisanRound.findMany({
          where: { arisanId: arisan.id, win: { isNot: null } },
          orderBy: { number: 'desc' },
          take: limit,
          include: roundInclude,
        }),
      ]);
      const payouts = await payoutsOf(read, rounds.map((row) => row.win!));
      return rounds.map((row) => drawnRound(row, shares, payouts));
    },

    async create(once, input, render) {
      const replies = await applyOnce<CreateArisanOutcome>(
        writer,
        once,
        async (tx) => {
          const words = [input.fundName];
          const arisanTaken = await tx.arisan.findUnique({ where: { wksbmId_name: { wksbmId: input.wksbmId, name: input.name } } });
          if (arisanTaken) return { ok: false, reason: 'taken', word: input.name };
          const fundTaken =
            (await tx.fund.findFirst({ where: { wksbmId: input.wksbmId, name: { in: words } } })) ??
            (await tx.fundAlias.findFirst({ where: { wksbmId: input.wksbmId, alias: { in: words } } }));
          if (fundTaken) return { ok: false, reason: 'taken', word: input.fundName };
          const fund = await tx.fund.create({
            data: { wksbmId: input.wksbmId, name: input.fundName, unit: 'IDR', createdById: once.personId },
          });
          const row = await uniquely('Arisan', () =>
            tx.arisan.create({
              data: {
                wksbmId: input.wksbmId,
                name: input.name,
                contribution: input.contribution,
                frequency: input.frequency,
                fundId: fund.id,
                createdById: once.personId,
              },
            }),
          );
          return { ok: true, arisan: (await toArisanInfo(tx, row))! };
        },
        render,
      );
      // After the commit, so a /setor reading funds meanwhile cannot cache the list without the new fund.
      community.fundsChanged(input.wksbmId);
      return replies;
    },

    join(once, { arisan, holder, count }, render) {
      return applyOnce<ArisanJoinOutcome>(
        writer,
        once,
        async (tx) => {
          const person =
            'personId' in holder
              ? await tx.person.findUniqueOrThrow({ where: { id: holder.personId }, select: { id: true, name: true } })
              : await tx.person.create({ data: { name: holder.newName }, select: { id: true, name: true } });
          const held = await tx.arisanShare.findMany({ where: { arisanId: arisan.id, personId: person.id, leftAt: null }, orderBy: { number: 'asc' } });
          const numbers = held.map((share) => share.number);
          if (held.length >= count) return { ok: false, reason: 'already', person, numbers };
          const top = await tx.arisanShare.findFirst({ where: { arisanId: arisan.id }, orderBy: { number: 'desc' }, select: { number: true } });
          const added = Array.from({ length: count - held.length }, (_, i) => (top?.number ?? 0) + 1 + i);
          await uniquely('ArisanShare', () =>
            tx.arisanShare.createMany({
              data: added.map((number) => ({ arisanId: arisan.id, number, personId: person.id, addedById: once.personId })),
            }),
          );
          return { ok: true, person, added, numbers: [...numbers, ...added] };
        },
        render,
      );
    },

    pay(once, { arisan, personId, payerName, amount }, render) {
      return applyOnce<ArisanPayOutcome>(
        writer,
        once,
        async (tx) => {
          const shares = await tx.arisanShare.findMany({ where: { arisanId: arisan.id, personId, leftAt: null }, orderBy: { number: 'asc' } });
          if (shares.length === 0) return { ok: false, reason: 'no-shares' };
          const last = await latestRound(tx, arisan.id);
          const round = last && last.win ? last.number + 1 : (last?.number ?? 1);
          const payments = await standingPayments(tx, arisan.id, round, shares.map((share) => share.id));
          const paid = new Set(payments.filter((payment) => payment.standing).map((payment) => payment.shareId));
          const unpaid = shares.filter((share) => !paid.has(share.id));
          if (unpaid.length === 0) return { ok: false, reason: 'already-paid', round };
          const expected = arisan.contribution * BigInt(unpaid.length);
          if (amount !== null && amount !== expected) return { ok: false, reason: 'amount-mismatch', expected, unpaid: unpaid.length };
          const numbers = unpaid.map((share) => share.number);
          const posted = await postEntry(tx, {
            wksbmId: arisan.wksbmId,
            fundId: arisan.fund.id,
            kind: 'setor',
            amount: expected,
            recordedById: once.personId,
            note: `Arisan ${arisan.name} putaran ${round}: nomor ${numbers.join(', ')}`,
            contributorName: payerName,
            contributorId: personId,
            sourceKey: once.key,
          });
          if (!posted.ok) throw new WksError('WKS_ERR_INVARIANT', 'a setor was refused for its balance');
          const voided = new Map(payments.filter((payment) => !payment.standing).map((payment) => [payment.shareId, payment.id]));
          for (const share of unpaid) {
            const earlier = voided.get(share.id);
            // A payment whose entry was corrected is paid anew: the link moves to the new entry.
            if (earlier !== undefined) await tx.arisanPayment.update({ where: { id: earlier }, data: { entryId: posted.id } });
            else await uniquely('ArisanPayment', () => tx.arisanPayment.create({ data: { arisanId: arisan.id, round, shareId: share.id, entryId: posted.id } }));
          }
          return { ok: true, round, numbers, amount: expected, entryNumber: posted.number, balanceAfter: posted.balanceAfter };
        },
        render,
      );
    },

    kocok(once, { arisan, seed, now, revealDelayMs, chat }, render) {
      return applyOnce<KocokOutcome>(
        writer,
        once,
        async (tx) => {
          const last = await latestRound(tx, arisan.id);
          if (last && !last.win) {
            const revealAt = new Date(last.committedAt.getTime() + revealDelayMs);
            if (now < revealAt) {
              return { ok: false, reason: 'too-soon', committed: committedView(last, await sharesOf(tx, arisan.id)), revealAt };
            }
            const outcome = await reveal(tx, arisan, last, now, once);
            // Revealed by hand: the automatic reveal has nothing left to say.
            if (outcome.ok) await withdraw(tx, [revealSubject(last.id)], now);
            return outcome;
          }
          if (last?.win && now.getTime() - last.win.createdAt.getTime() < revealDelayMs) {
            const shares = await sharesOf(tx, arisan.id);
            return { ok: false, reason: 'just-drawn', win: winView(last.win, last.number, shares, await payoutsOf(tx, [last.win])) };
          }
          return commit(tx, arisan, { seed, now, revealDelayMs, chat }, once.personId, last?.number ?? 0);
        },
        render,
      );
    },

    mix(once, { arisan, value }, render) {
      return applyOnce<MixOutcome>(
        writer,
        once,
        async (tx) => {
          const last = await latestRound(tx, arisan.id);
          if (!last || last.win) return { ok: false, reason: 'nothing-committed' };
          const shares = await sharesOf(tx, arisan.id);
          if (last.mixes.some((mix) => mix.personId === once.personId)) {
            return { ok: false, reason: 'already-mixed', committed: committedView(last, shares) };
          }
          const mix = await uniquely('ArisanMix', () => tx.arisanMix.create({ data: { roundId: last.id, personId: once.personId, value } }));
          return { ok: true, committed: committedView({ ...last, mixes: [...last.mixes, mix] }, shares) };
        },
        render,
      );
    },

    repay(once, { arisan, round }, render) {
      return applyOnce<RepayOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.arisanRound.findUnique({ where: { arisanId_number: { arisanId: arisan.id, number: round } }, include: roundInclude });
          if (!row?.win) return { ok: false, reason: 'not-drawn' };
          const { win } = row;
          const shares = await sharesOf(tx, arisan.id);
          const before = await payoutsOf(tx, [win]);
          if (before.get(win.id)!.reversedBy === null) return { ok: false, reason: 'not-reversed', win: winView(win, round, shares, before) };
          const share = shares.find((candidate) => candidate.id === win.shareId)!;
          const posted = await postEntry(tx, {
            wksbmId: arisan.wksbmId,
            fundId: arisan.fund.id,
            kind: 'keluar',
            amount: -win.pot,
            recordedById: once.personId,
            note: `Arisan ${arisan.name} putaran ${round} (dibayarkan lagi): ${share.name} (nomor ${share.number})`,
            sourceKey: once.key,
          });
          if (!posted.ok) return { ok: false, reason: 'insufficient', balance: posted.balance, pot: win.pot };
          await tx.arisanRepayment.create({ data: { winId: win.id, entryId: posted.id, paidById: once.personId } });
          return { ok: true, win: winView(win, round, shares, await payoutsOf(tx, [win])), balanceAfter: posted.balanceAfter };
        },
        render,
      );
    },

    leave(once, { arisan, number }, render) {
      return applyOnce<LeaveOutcome>(
        writer,
        once,
        async (tx) => {
          const shares = await sharesOf(tx, arisan.id);
          const share = shares.find((candidate) => candidate.number === number);
          if (!share) return { ok: false, reason: 'not-found' };
          const view = plainShare(share);
          if (share.left) return { ok: false, reason: 'already-left', share: view };
          const last = await latestRound(tx, arisan.id);
          if (last && !last.win && storedList(last).includes(number)) return { ok: false, reason: 'in-draw', share: view, round: last.number };
          const { cycle } = await eligible(tx, arisan.id, shares);
          const won = await tx.arisanWin.findFirst({ where: { arisanId: arisan.id, cycle, shareId: share.id } });
          // A share that took this cycle's pot still owes the cycle's other rounds; the next cycle it may go.
          const waiting = shares.some((other) => !other.left && other.id !== share.id);
          if (won && waiting) return { ok: false, reason: 'won-this-cycle', share: view, cycle };
          const round = last && last.win ? last.number + 1 : (last?.number ?? 1);
          const paid = (await standingPayments(tx, arisan.id, round, [share.id])).some((payment) => payment.standing);
          if (paid) return { ok: false, reason: 'paid-this-round', share: view, round };
          await tx.arisanShare.update({ where: { id: share.id }, data: { leftAt: new Date(), leftById: once.personId } });
          return { ok: true, share: view };
        },
        render,
      );
    },
  };
}
