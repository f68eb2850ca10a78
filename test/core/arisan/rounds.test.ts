import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitmentOf, drawWinner, parseList } from '../../../src/core/arisan/draw.js';
import { REVEAL_DELAY_MS } from '../../../src/core/arisan/index.js';
import { createMemoryLog } from '../../helpers/memory-log.js';
import { createWorld, groupMessage, type World } from '../../helpers/world.js';
import { startMawar } from './setup.js';

let world: World;

const PAYERS = ['Bu Sri', 'Pak Budi', 'Mbah Karto'];

/** Everyone pays, the round is committed and revealed; returns the reveal text. */
async function playRound(w: World, payers: readonly string[] = PAYERS): Promise<string> {
  for (const payer of payers) await w.say('Bu Sri', payer === 'Bu Sri' ? '/arisan bayar mawar' : `/arisan bayar mawar dari ${payer}`);
  const commit = await w.say('Bu Sri', '/arisan kocok mawar');
  expect(commit).toContain('tahap 1: komitmen');
  w.clock.advance(REVEAL_DELAY_MS);
  const reveal = await w.say('Pak Budi', '/arisan kocok mawar');
  expect(reveal).toContain('tahap 2');
  w.clock.advance(REVEAL_DELAY_MS);
  return reveal;
}

const winnerOf = (reveal: string) => Number(/pemenangnya .+ \(nomor (\d+)\)/.exec(reveal)![1]);

/** The books as they stand: every arisan money invariant, read from the database. */
async function checkBooks(w: World) {
  const db = w.db.read;
  const [arisan] = await db.arisan.findMany();
  const fund = await db.fund.findUniqueOrThrow({ where: { id: arisan!.fundId } });
  const entries = await db.ledgerEntry.findMany({ where: { fundId: fund.id } });
  expect(entries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(fund.balance);
  for (const win of await db.arisanWin.findMany({ include: { round: true } })) {
    const payments = await db.arisanPayment.findMany({ where: { arisanId: arisan!.id, round: win.round.number } });
    const reversed = await db.ledgerEntry.count({ where: { reversesId: { in: payments.map((payment) => payment.entryId) } } });
    expect(reversed).toBe(0);
    // Pot = sum of the round's paid shares, and equals what the payment entries brought in.
    expect(win.pot).toBe(arisan!.contribution * BigInt(payments.length));
    const paymentEntries = await db.ledgerEntry.findMany({ where: { id: { in: [...new Set(payments.map((p) => p.entryId))] } } });
    expect(paymentEntries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(win.pot);
    // Payout = pot, one keluar from the arisan's fund.
    if (win.pot === 0n) expect(win.entryId).toBeNull();
    else expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: win.entryId! } })).amount).toBe(-win.pot);
  }
}

describe('arisan rounds', () => {
  beforeEach(async () => {
    world = await createWorld();
    await startMawar(world);
  });
  afterEach(() => world.close());

  it('lets nobody win twice in a cycle, then starts the next cycle with every share; pot and payout stay equal', async () => {
    const firstCycle: number[] = [];
    for (let round = 1; round <= 4; round++) firstCycle.push(winnerOf(await playRound(world)));
    expect([...firstCycle].sort()).toEqual([1, 2, 3, 4]);
    await checkBooks(world);

    // Round 5 opens cycle 2: all four shares are eligible again.
    await world.say('Bu Sri', '/arisan bayar mawar');
    const commit = await world.say('Bu Sri', '/arisan kocok mawar');
    expect(commit).toContain('putaran 5');
    expect(commit).toContain('Daftar: 1,2,3,4');
    world.clock.advance(REVEAL_DELAY_MS);
    const reveal = await world.say('Bu Sri', '/arisan kocok mawar');
    expect(reveal).toContain('Dibayarkan Rp50.000');
    await checkBooks(world);
    const history = await world.say('Pak Budi', '/arisan mawar riwayat');
    expect(history.match(/^Putaran \d/gm)).toHaveLength(5);
    expect(history).toContain('Putaran 5 (siklus 2)');
  });

  it('draws from the list fixed at the commitment, even when shares join before the reveal', async () => {
    await playRound(world, ['Bu Sri']);
    const commit = await world.say('Bu Sri', '/arisan kocok mawar');
    const committedList = /Daftar: ([\d,]+)/.exec(commit)![1]!;
    await world.say('Bu Sri', '/arisan tambah mawar Bu Ani');
    world.clock.advance(REVEAL_DELAY_MS);
    const reveal = await world.say('Bu Sri', '/arisan kocok mawar');
    const seed = /Benih: ([0-9a-f]{64})/.exec(reveal)![1]!;
    expect(/Daftar: ([\d,]+)/.exec(reveal)![1]).toBe(committedList);
    expect(parseList(committedList)).not.toContain(5);
    expect(commitmentOf(seed)).toBe(/Komitmen \(SHA-256 dari benih rahasia\): ([0-9a-f]{64})/.exec(commit)![1]);
    expect(drawWinner(seed, [], parseList(committedList)!).winner).toBe(winnerOf(reveal));
    // The round after that does include the new share.
    world.clock.advance(REVEAL_DELAY_MS);
    expect(await world.say('Bu Sri', '/arisan kocok mawar')).toMatch(/Daftar: [\d,]*5/);
  });

  it('voids a payment whose entry is corrected, so it can be paid again and the pot counts it once', async () => {
    const paid = await world.say('Bu Sri', '/arisan bayar mawar dari Pak Budi');
    const number = /#(\d+)/.exec(paid)![1];
    expect(await world.say('Bu Sri', `/koreksi ${number} salah orang`)).toContain('Koreksi');
    expect(await world.say('Bu Sri', '/arisan mawar')).toContain('Pot putaran ini: Rp0');
    expect(await world.say('Bu Sri', '/arisan bayar mawar dari Pak Budi')).toContain('untuk nomor 2, 3: Rp100.000');
    expect(await world.say('Bu Sri', '/arisan mawar')).toContain('Pot putaran ini: Rp100.000');
    await playRound(world, []);
    await checkBooks(world);
  });

  it('refuses the reveal when the fund was spent below the pot, saying how much is missing', async () => {
    await world.say('Bu Sri', '/arisan bayar mawar');
    await world.say('Bu Sri', '/arisan kocok mawar');
    await world.say('Bu Sri', '/keluar 30rb arisan-mawar beli teh');
    world.clock.advance(REVEAL_DELAY_MS);
    expect(await world.say('Bu Sri', '/arisan kocok mawar')).toContain(
      'Saldo dana arisan-mawar Rp20.000, kurang Rp30.000 dari Rp50.000 yang harus dibayarkan ke pemenang. Belum dikocok',
    );
    expect(await world.db.read.arisanWin.count()).toBe(0);
  });

  it('answers a redelivered kocok with its first answer and draws nothing more', async () => {
    const commit = groupMessage('Bu Sri', '/arisan kocok mawar');
    const first = await world.send(commit);
    world.clock.advance(REVEAL_DELAY_MS);
    expect(await world.send(commit)).toBe(first);
    const reveal = groupMessage('Bu Sri', '/arisan kocok mawar');
    const revealed = await world.send(reveal);
    world.clock.advance(10 * REVEAL_DELAY_MS);
    expect(await world.send(reveal)).toBe(revealed);
    expect(await world.db.read.arisanRound.count()).toBe(1);
    expect(await world.db.read.arisanWin.count()).toBe(1);
  });

  it('pays shares through /setor into the arisan fund only with the exact amount, and only by ketua/bendahara', async () => {
    expect(await world.say('Bu Sri', '/setor 50rb arisan-mawar dari Pak Budi')).toContain(
      'masih harus membayar 2 nomor × Rp50.000 = Rp100.000',
    );
    expect(await world.say('Bu Sri', '/setor 100rb arisan-mawar dari Pak Budi')).toContain('Pak Budi membayar Arisan Mawar putaran 1 untuk nomor 2, 3');
    expect(await world.say('Bu Sri', '/setor 50rb arisan-mawar')).toContain('Bu Sri membayar Arisan Mawar putaran 1 untuk nomor 1');
    await world.say('Pak Joko', 'halo');
    expect(await world.say('Pak Joko', '/setor 50rb arisan-mawar')).toContain('dicatat oleh ketua atau bendahara');
    expect(await world.say('Bu Sri', '/arisan mawar')).toContain('Pot putaran ini: Rp150.000');
  });
});

describe('a round is drawn at most once', () => {
  it('with two server instances pressing kocok at the same moment', async () => {
    const first = await createWorld();
    await startMawar(first);
    const second = await createWorld({ url: first.db.url, clock: first.clock });
    try {
      await first.say('Bu Sri', '/arisan bayar mawar');
      // Two instances commit at once: one round row, one answer with the commitment.
      const commits = await Promise.all([first.say('Bu Sri', '/arisan kocok mawar'), second.say('Pak Budi', '/arisan kocok mawar')]);
      expect(commits.filter((text) => text.includes('tahap 1: komitmen'))).toHaveLength(1);
      expect(commits.filter((text) => text.includes('baru saja diumumkan'))).toHaveLength(1);
      first.clock.advance(REVEAL_DELAY_MS);
      // …and reveal at once: one winner, one payout.
      const reveals = await Promise.all([first.say('Bu Sri', '/arisan kocok mawar'), second.say('Pak Budi', '/arisan kocok mawar')]);
      expect(reveals.filter((text) => text.includes('tahap 2'))).toHaveLength(1);
      expect(reveals.filter((text) => text.includes('baru saja dikocok'))).toHaveLength(1);
      expect(await first.db.read.arisanRound.count()).toBe(1);
      expect(await first.db.read.arisanWin.count()).toBe(1);
      expect(await first.db.read.ledgerEntry.count({ where: { kind: 'keluar' } })).toBe(1);
      await checkBooks(first);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('with two pengurus pressing kocok at once on one instance', async () => {
    const w = await createWorld();
    try {
      await startMawar(w);
      await w.say('Bu Sri', '/arisan bayar mawar');
      await w.say('Bu Sri', '/arisan kocok mawar');
      w.clock.advance(REVEAL_DELAY_MS);
      const reveals = await Promise.all([w.say('Bu Sri', '/arisan kocok mawar'), w.say('Pak Budi', '/arisan kocok mawar')]);
      expect(reveals.filter((text) => text.includes('tahap 2'))).toHaveLength(1);
      expect(await w.db.read.arisanWin.count()).toBe(1);
      expect(await w.db.read.arisanRound.count()).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('by the database itself: a second win of a round, or a second win of a share in a cycle, is refused', async () => {
    const w = await createWorld();
    try {
      await startMawar(w);
      await playRound(w);
      const win = await w.db.write.arisanWin.findFirstOrThrow();
      const round = await w.db.write.arisanRound.create({
        data: { arisanId: win.arisanId, number: 99, cycle: win.cycle, list: '1', seed: 'x', commitment: 'y', committedById: 1, committedAt: new Date() },
      });
      const again = { arisanId: win.arisanId, cycle: win.cycle, pot: 0n, drawnById: 1, createdAt: new Date() };
      await expect(w.db.write.arisanWin.create({ data: { ...again, roundId: win.roundId, shareId: win.shareId + 1 } })).rejects.toMatchObject({ code: 'P2002' });
      await expect(w.db.write.arisanWin.create({ data: { ...again, roundId: round.id, shareId: win.shareId } })).rejects.toMatchObject({ code: 'P2002' });
      await expect(
        w.db.write.arisanRound.create({ data: { arisanId: win.arisanId, number: 99, cycle: 1, list: '1', seed: 'x', commitment: 'y', committedById: 1, committedAt: new Date() } }),
      ).rejects.toMatchObject({ code: 'P2002' });
    } finally {
      await w.close();
    }
  });
});

describe('the seed', () => {
  it('is never logged, at any level, before or after the reveal', async () => {
    const { log, lines } = createMemoryLog();
    const w = await createWorld({ log });
    try {
      await startMawar(w);
      const reveal = await playRound(w);
      const seed = /Benih: ([0-9a-f]{64})/.exec(reveal)![1]!;
      await w.writer.idle();
      expect(lines.join('')).not.toContain(seed);
    } finally {
      await w.close();
    }
  });
});
