import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentOf, drawWinner, parseList } from '../../../src/core/arisan/draw.js';
import { REVEAL_DELAY_MS } from '../../../src/core/arisan/index.js';
import { createWorld, type World } from '../../helpers/world.js';
import { startMawar } from './setup.js';

const HOLDERS = ['Bu Sri', 'Pak Budi', 'Mbah Karto', 'Bu Ani'] as const;

/** What pengurus and members may do to an arisan, in any order. */
const action = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('bayar' as const), holder: fc.constantFrom(...HOLDERS) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('koreksi' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('kocok' as const), wait: fc.integer({ min: 0, max: 4 }).map((n) => n > 0) }), weight: 12 },
  {
    arbitrary: fc.record({ kind: fc.constant('angka' as const), who: fc.constantFrom('Pak Joko', 'Bu Ani'), value: fc.integer({ min: 0, max: 99_999 }) }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('tambah' as const) }), weight: 1 },
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

async function apply(world: World, step: Action, extra: { added: number; lastPayment: string | null }) {
  switch (step.kind) {
    case 'bayar': {
      const text = await world.say('Bu Sri', step.holder === 'Bu Sri' ? '/arisan bayar mawar' : `/arisan bayar mawar dari ${step.holder}`);
      const number = /^✅ #(\d+)/.exec(text)?.[1];
      if (number) extra.lastPayment = number;
      return;
    }
    case 'koreksi':
      if (extra.lastPayment) await world.say('Bu Sri', `/koreksi ${extra.lastPayment} salah catat`);
      extra.lastPayment = null;
      return;
    case 'kocok':
      if (step.wait) world.clock.advance(REVEAL_DELAY_MS);
      await world.say('Pak Budi', '/arisan kocok mawar');
      return;
    case 'angka':
      await world.say(step.who, `/arisan kocok mawar angka ${step.value}`);
      return;
    case 'tambah':
      extra.added++;
      await world.say('Bu Sri', `/arisan tambah mawar Warga Baru ${extra.added} baru`);
      return;
  }
}

async function play(world: World, steps: readonly Action[]) {
  await startMawar(world);
  await world.say('Pak Joko', 'halo');
  await world.say('Bu Ani', '/arisan ikut mawar');
  const extra = { added: 0, lastPayment: null as string | null };
  for (const step of steps) await apply(world, step, extra);
}

/** Every invariant of the issue, read from the database after any sequence of actions. */
async function checkInvariants(world: World): Promise<{ draws: number; cycles: number }> {
  const db = world.db.read;
  const arisan = await db.arisan.findFirstOrThrow();
  const fund = await db.fund.findUniqueOrThrow({ where: { id: arisan.fundId } });
  const entries = await db.ledgerEntry.findMany({ where: { fundId: fund.id } });
  expect(entries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(fund.balance);
  expect(fund.balance >= 0n).toBe(true);

  const rounds = await db.arisanRound.findMany({ orderBy: { number: 'asc' }, include: { win: true, mixes: { orderBy: { id: 'asc' } } } });
  const shares = new Map((await db.arisanShare.findMany()).map((share) => [share.id, share.number]));
  const wonInCycle = new Map<number, Set<number>>();
  rounds.forEach((round, i) => {
    expect(round.number).toBe(i + 1);
    // Only the last round may still wait for its reveal.
    if (i < rounds.length - 1) expect(round.win).not.toBeNull();
    expect(commitmentOf(round.seed)).toBe(round.commitment);
    const list = parseList(round.list)!;
    const won = wonInCycle.get(round.cycle) ?? new Set<number>();
    for (const number of list) expect(won.has(number)).toBe(false);
    if (!round.win) return;
    const winner = shares.get(round.win.shareId)!;
    expect(drawWinner(round.seed, round.mixes.map((mix) => mix.value), list).winner).toBe(winner);
    won.add(winner);
    wonInCycle.set(round.cycle, won);
  });

  for (const round of rounds.filter((candidate) => candidate.win)) {
    const win = round.win!;
    const payments = await db.arisanPayment.findMany({ where: { round: round.number } });
    const reversed = new Set(
      (await db.ledgerEntry.findMany({ where: { reversesId: { in: payments.map((p) => p.entryId) } } })).map((e) => e.reversesId),
    );
    const standing = payments.filter((payment) => !reversed.has(payment.entryId));
    expect(win.pot).toBe(arisan.contribution * BigInt(standing.length));
    if (win.pot === 0n) expect(win.entryId).toBeNull();
    else expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: win.entryId! } })).amount).toBe(-win.pot);
  }
  return { draws: rounds.filter((round) => round.win).length, cycles: Math.max(0, ...rounds.map((round) => round.cycle)) };
}

describe('arisan invariants over random sequences of actions', () => {
  it('hold: revealed seed matches, winner follows the rule, nobody wins twice a cycle, pot = paid shares = payout', async () => {
    let draws = 0;
    let cycles = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 50, size: 'max' }), async (steps) => {
        const world = await createWorld();
        try {
          await play(world, steps);
          const seen = await checkInvariants(world);
          draws += seen.draws;
          cycles = Math.max(cycles, seen.cycles);
        } finally {
          await world.close();
        }
      }),
      { numRuns: 12, seed: 1426 },
    );
    // The sequences reached many reveals and a second cycle: the invariants were tested, not skipped.
    expect(draws).toBeGreaterThan(30);
    expect(cycles).toBeGreaterThan(1);
  }, 300_000);
});
