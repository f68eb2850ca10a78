import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owedWindow, standing } from '../../../src/core/iuran/dues.js';
import { periodAt, periodOfKey, type PeriodKind } from '../../../src/core/iuran/period.js';
import { createWorld, type World } from '../../helpers/world.js';

/**
 * Property: over random sequences of iuran changes, payments (for a household, or by a person for their
 * household), jimpitan rounds, corrections, people moving between households and households leaving,
 * every account stays consistent:
 * - no payment's allocations exceed the money it brought (net of its reversal), nor any entry's payments
 *   the entry's amount;
 * - no period gets more than was due in it;
 * - per household, iuran and period: arrears + paid + credit = due, with due computed here independently
 *   (luxon calendar steps over the stored rates), and the core's standing agrees with it;
 * - money covers the oldest periods first.
 */

const HOUSEHOLDS = ['Pak Budi', 'Bu Tini', 'Mbah Karto', 'Pak Slamet'];
const PEOPLE = ['Andi', 'Rina', 'Dewi'];

type Op =
  | { kind: 'advance'; days: number }
  | { kind: 'rate'; fund: 'kematian' | 'kas'; amount: number }
  | { kind: 'pay'; fund: 'kematian' | 'kas' | 'jimpitan'; household: number; amount: number }
  | { kind: 'payByPerson'; fund: 'kematian' | 'kas'; person: number; amount: number }
  | { kind: 'round'; except: number[] }
  | { kind: 'reverse'; pick: number }
  | { kind: 'move'; person: number; household: number }
  | { kind: 'leave'; household: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 45 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rate' as const), fund: fc.constantFrom('kematian' as const, 'kas' as const), amount: fc.constantFrom(0, 2000, 5000, 10000, 15000) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), fund: fc.constantFrom('kematian' as const, 'kas' as const, 'jimpitan' as const), household: fc.nat(3), amount: fc.integer({ min: 1, max: 40 }).map((n) => n * 500) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payByPerson' as const), fund: fc.constantFrom('kematian' as const, 'kas' as const), person: fc.nat(2), amount: fc.integer({ min: 1, max: 40 }).map((n) => n * 1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('round' as const), except: fc.uniqueArray(fc.nat(3), { maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), person: fc.nat(2), household: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), household: fc.nat(3) }) },
);

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world.close());

/** A fresh WKSBM (its own group chat) per run, on one database. */
let run = 0;
async function setUp() {
  run++;
  const chat = `rt${run}`;
  world.clock.set('2026-01-05T03:00:00Z');
  const say = (user: string, text: string) => world.say(user, text, { chat });
  await say('Bu Sri', `/mulai WKSBM ${run}`);
  for (const name of HOUSEHOLDS) await say('Bu Sri', `/kk tambah ${name}`);
  for (const person of PEOPLE) await say(person, 'halo');
  await say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
  await say('Bu Sri', '/iuran tambah kas 2rb mingguan');
  await say('Bu Sri', '/iuran tambah jimpitan 500 harian');
  const wksbm = await world.db.read.chat.findFirstOrThrow({ where: { externalId: chat } });
  return { say, wksbmId: wksbm.wksbmId };
}

async function apply(say: (user: string, text: string) => Promise<string>, wksbmId: number, step: Op) {
  switch (step.kind) {
    case 'advance':
      world.clock.advance(step.days * 86_400_000);
      return;
    case 'rate':
      await say('Bu Sri', step.amount === 0 ? `/iuran hapus ${step.fund}` : `/iuran ubah ${step.fund} ${step.amount}`);
      return;
    case 'pay':
      await say('Bu Sri', `/setor ${step.amount} ${step.fund} dari KK ${HOUSEHOLDS[step.household]}`);
      return;
    case 'payByPerson':
      await say('Bu Sri', `/setor ${step.amount} ${step.fund} dari ${PEOPLE[step.person]}`);
      return;
    case 'round':
      await say('Bu Sri', `/jimpitan semua${step.except.length ? ` kecuali ${step.except.map((i) => HOUSEHOLDS[i]).join(', ')}` : ''}`);
      return;
    case 'reverse': {
      const entries = await world.db.read.ledgerEntry.findMany({ where: { wksbmId, kind: 'setor' }, orderBy: { number: 'asc' } });
      const entry = entries[step.pick % Math.max(1, entries.length)];
      if (entry) await say('Bu Sri', `/koreksi ${entry.number} uji`);
      return;
    }
    case 'move':
      await say(PEOPLE[step.person]!, `/kk gabung ${HOUSEHOLDS[step.household]}`);
      return;
    case 'leave':
      await say('Bu Sri', `/kk ${HOUSEHOLDS[step.household]} pindah`);
      return;
  }
}

const STEP: Record<PeriodKind, 'days' | 'weeks' | 'months'> = { harian: 'days', mingguan: 'weeks', bulanan: 'months' };

/** Due per period key, stepping the calendar with luxon: an implementation independent of period.ts. */
function referenceDues(kind: PeriodKind, start: string, rates: { fromPeriod: string; amount: bigint }[], since: string, leftOn: string | null, today: string) {
  const startOf = (date: string) => {
    const dt = DateTime.fromISO(date);
    return (kind === 'harian' ? dt : kind === 'mingguan' ? dt.startOf('week') : dt.startOf('month')).toISODate()!;
  };
  const dues = new Map<string, bigint>();
  const first = [start, startOf(since)].sort().at(-1)!;
  const last = leftOn && startOf(leftOn) < startOf(today) ? startOf(leftOn) : startOf(today);
  for (let at = DateTime.fromISO(first); at.toISODate()! <= last; at = at.plus({ [STEP[kind]]: 1 })) {
    const key = at.toISODate()!;
    const rate = rates.filter((r) => r.fromPeriod <= key).at(-1);
    if (rate && rate.amount > 0n) dues.set(key, rate.amount);
  }
  return dues;
}

const accountIdsOf = async (wksbmId: number) =>
  (await world.db.read.iuranAccount.findMany({ where: { wksbmId }, select: { id: true } })).map((row) => row.id);

async function checkInvariants(say: (user: string, text: string) => Promise<string>, wksbmId: number) {
  const read = world.db.read;
  const now = world.clock.now();
  const today = DateTime.fromJSDate(now, { zone: 'Asia/Jakarta' }).toISODate()!;
  const [iurans, households, accounts, payments, allocations, entries] = await Promise.all([
    read.iuran.findMany({ where: { wksbmId }, include: { rates: { orderBy: { fromPeriod: 'asc' } } } }),
    read.household.findMany({ where: { wksbmId } }),
    read.iuranAccount.findMany({ where: { wksbmId } }),
    read.iuranPayment.findMany({ where: { accountId: { in: await accountIdsOf(wksbmId) } } }),
    read.iuranAllocation.findMany({ where: { accountId: { in: await accountIdsOf(wksbmId) } } }),
    read.ledgerEntry.findMany({ where: { wksbmId } }),
  ]);
  const accountIds = new Set(accounts.map((a) => a.id));
  const entryAmount = new Map(entries.map((e) => [e.id, e.amount]));

  // Per entry: the iuran payments it carries never exceed its own amount (same sign).
  const perEntry = new Map<number, bigint>();
  for (const p of payments.filter((p) => accountIds.has(p.accountId))) perEntry.set(p.entryId, (perEntry.get(p.entryId) ?? 0n) + p.amount);
  for (const [entryId, sum] of perEntry) {
    const amount = entryAmount.get(entryId)!;
    expect(amount >= 0n ? sum >= 0n && sum <= amount : sum <= 0n && sum >= amount).toBe(true);
  }

  for (const account of accounts) {
    const iuran = iurans.find((i) => i.id === account.iuranId)!;
    const household = households.find((h) => h.id === account.householdId)!;
    const kind = iuran.period as PeriodKind;
    const own = payments.filter((p) => p.accountId === account.id);
    const alloc = allocations.filter((a) => a.accountId === account.id);
    const net = new Map<number, bigint>();
    for (const p of own) net.set(p.reversesId ?? p.id, (net.get(p.reversesId ?? p.id) ?? 0n) + p.amount);
    const byPayment = new Map<number, bigint>();
    const byPeriod = new Map<string, bigint>();
    for (const a of alloc) {
      byPayment.set(a.paymentId, (byPayment.get(a.paymentId) ?? 0n) + a.amount);
      byPeriod.set(a.period, (byPeriod.get(a.period) ?? 0n) + a.amount);
    }
    // Allocations never exceed what was paid, payment by payment.
    for (const [paymentId, sum] of byPayment) {
      expect(sum).toBeGreaterThanOrEqual(0n);
      expect(sum).toBeLessThanOrEqual(net.get(paymentId) ?? 0n);
    }
    const paid = [...net.values()].reduce((s, v) => s + v, 0n);
    const allocated = [...byPayment.values()].reduce((s, v) => s + v, 0n);
    expect(account.paid).toBe(paid);
    expect(account.allocated).toBe(allocated);

    const dues = referenceDues(kind, iuran.start, iuran.rates, household.since, household.leftOn, today);
    for (const [period, sum] of byPeriod) {
      expect(sum).toBeGreaterThanOrEqual(0n);
      expect(sum).toBeLessThanOrEqual(dues.get(period) ?? 0n);
    }
    // arrears + paid + credit = due, period by period; credit covers the oldest gaps first.
    let credit = paid - allocated;
    expect(credit).toBeGreaterThanOrEqual(0n);
    let arrearsTotal = 0n;
    let sawArrears = false;
    const owed: string[] = [];
    for (const [period, due] of [...dues].sort(([a], [b]) => a.localeCompare(b))) {
      const inPeriod = byPeriod.get(period) ?? 0n;
      const cover = due - inPeriod < credit ? due - inPeriod : credit;
      credit -= cover;
      const arrears = due - inPeriod - cover;
      expect(arrears + inPeriod + cover).toBe(due);
      expect(arrears).toBeGreaterThanOrEqual(0n);
      if (sawArrears) expect(inPeriod + cover).toBe(0n);
      if (arrears > 0n) {
        sawArrears = true;
        owed.push(period);
      }
      arrearsTotal += arrears;
    }
    // The core's O(1) standing says the same.
    const terms = {
      kind,
      start: periodOfKey(kind, iuran.start),
      rates: iuran.rates.map((r) => ({ from: periodOfKey(kind, r.fromPeriod), amount: r.amount })),
    };
    const view = standing(terms, owedWindow(terms, household, periodAt(kind, now, 'Asia/Jakarta')), account.paid);
    expect(view.arrears).toBe(arrearsTotal);
    expect(view.owed.map((o) => o.period)).toEqual(owed.map((key) => periodOfKey(kind, key)));
  }

  // What an anggota sees in the group says the same: a household on the roster is paid up when it paid
  // everything due so far (households without an account paid nothing).
  const counts = (await say('Andi', '/tunggakan')).split('\n');
  const funds = await read.fund.findMany({ where: { wksbmId } });
  const onRoster = households.filter((h) => h.leftOn === null);
  for (const iuran of iurans) {
    const paidUp = onRoster.filter((h) => {
      const dues = referenceDues(iuran.period as PeriodKind, iuran.start, iuran.rates, h.since, h.leftOn, today);
      const due = [...dues.values()].reduce((sum, value) => sum + value, 0n);
      return due <= (accounts.find((a) => a.iuranId === iuran.id && a.householdId === h.id)?.paid ?? 0n);
    });
    const line = counts.find((text) => text.toLowerCase().startsWith(`${funds.find((fund) => fund.id === iuran.fundId)!.name}:`));
    expect(line).toContain(`: ${paidUp.length} dari ${onRoster.length} KK sudah lunas`);
  }
}

describe('iuran invariants', () => {
  it('hold over random sequences of changes, payments, rounds, corrections and moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (steps) => {
        const { say, wksbmId } = await setUp();
        for (const step of steps) {
          await apply(say, wksbmId, step);
          await checkInvariants(say, wksbmId);
        }
      }),
      { numRuns: 25 },
    );
    // The sequences did reach every path: allocations, reversals with re-allocation, moves, leaving.
    const read = world.db.read;
    expect(await read.iuranPayment.count({ where: { reversesId: { not: null } } })).toBeGreaterThan(0);
    expect(await read.iuranAllocation.count({ where: { amount: { lt: 0 } } })).toBeGreaterThan(0);
    expect(await read.householdMember.count()).toBeGreaterThan(0);
    expect(await read.household.count({ where: { leftOn: { not: null } } })).toBeGreaterThan(0);
    expect(await read.iuranRate.count({ where: { amount: 0 } })).toBeGreaterThan(0);
  }, 300_000);
});
