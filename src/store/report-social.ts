import type { ArisanRoundLine, FundInfo, ReportRequest, SantunanLine } from '../core/index.js';
import { initials } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * The LPJ's arisan and rukun duka sections: rounds drawn and santunan paid in the period, each read in a
 * constant number of queries (a WKSBM draws and buries at most a few a month).
 */

export async function arisanRoundsOf(read: PrismaClient, request: ReportRequest): Promise<ArisanRoundLine[]> {
  const arisans = await read.arisan.findMany({ where: { wksbmId: request.wksbmId }, select: { id: true, name: true } });
  if (arisans.length === 0) return [];
  const wins = await read.arisanWin.findMany({
    where: { arisanId: { in: arisans.map((a) => a.id) }, createdAt: { gte: request.period.from, lt: request.period.to } },
    orderBy: { createdAt: 'asc' },
    include: { round: { select: { number: true } } },
  });
  // A payout reversed and paid again (`/arisan bayarkan`) shows its latest entry.
  const repayments = await read.arisanRepayment.findMany({ where: { winId: { in: wins.map((win) => win.id) } }, orderBy: { id: 'asc' } });
  const payout = new Map(wins.map((win) => [win.id, win.entryId]));
  for (const repayment of repayments) payout.set(repayment.winId, repayment.entryId);
  const entryIds = [...payout.values()].filter((id): id is number => id !== null);
  const [shares, entries, reversals] = await Promise.all([
    read.arisanShare.findMany({ where: { id: { in: wins.map((win) => win.shareId) } }, select: { id: true, number: true, personId: true } }),
    read.ledgerEntry.findMany({ where: { id: { in: entryIds } }, select: { id: true, number: true } }),
    read.ledgerEntry.findMany({ where: { reversesId: { in: entryIds } }, select: { number: true, reversesId: true } }),
  ]);
  const people = await read.person.findMany({ where: { id: { in: shares.map((share) => share.personId) } }, select: { id: true, name: true } });
  const name = new Map(arisans.map((a) => [a.id, a.name]));
  const share = new Map(shares.map((s) => [s.id, s]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  const number = new Map(entries.map((e) => [e.id, e.number]));
  const reversedBy = new Map(reversals.map((e) => [e.reversesId!, e.number]));
  return wins.map((win) => {
    const drawn = share.get(win.shareId)!;
    const entryId = payout.get(win.id)!;
    return {
      at: win.createdAt,
      arisan: name.get(win.arisanId)!,
      round: win.round.number,
      winner: person.get(drawn.personId)!,
      share: drawn.number,
      pot: win.pot,
      entryNumber: entryId === null ? null : number.get(entryId)!,
      reversedBy: entryId === null ? null : (reversedBy.get(entryId) ?? null),
    };
  });
}

export async function santunanOf(read: PrismaClient, request: ReportRequest, funds: Map<number, FundInfo>): Promise<SantunanLine[]> {
  const rows = await read.dukaSantunan.findMany({
    where: { event: { wksbmId: request.wksbmId }, createdAt: { gte: request.period.from, lt: request.period.to } },
    orderBy: { id: 'asc' },
    include: { event: { select: { number: true, name: true } } },
  });
  const ids = rows.map((row) => row.entryId);
  const [entries, reversals] = await Promise.all([
    read.ledgerEntry.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, amount: true, fundId: true, createdAt: true } }),
    read.ledgerEntry.findMany({ where: { reversesId: { in: ids } }, select: { reversesId: true } }),
  ]);
  const entry = new Map(entries.map((e) => [e.id, e]));
  // A santunan later corrected was a mistake: it is not help given (as with help for cases).
  const reversed = new Set(reversals.map((e) => e.reversesId!));
  return rows
    .filter((row) => !reversed.has(row.entryId))
    .map((row) => {
      const paid = entry.get(row.entryId)!;
      return {
        at: paid.createdAt,
        entryNumber: paid.number,
        dukaNumber: row.event.number,
        deceased: request.variant === 'rahasia' ? row.event.name : initials(row.event.name),
        fund: funds.get(paid.fundId)!,
        amount: -paid.amount,
      };
    });
}
