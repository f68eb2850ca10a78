import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawWinner, parseList } from '../../../src/core/arisan/draw.js';
import { REVEAL_DELAY_MS } from '../../../src/core/arisan/index.js';
import { createWorld, type World } from '../../helpers/world.js';
import { startMawar } from './setup.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  await startMawar(world);
});
afterEach(() => world.close());

const PAYERS = ['Bu Sri', 'Pak Budi', 'Mbah Karto'];

async function payAll(payers: readonly string[] = PAYERS) {
  for (const payer of payers) await world.say('Bu Sri', payer === 'Bu Sri' ? '/arisan bayar mawar' : `/arisan bayar mawar dari ${payer}`);
}

async function draw(): Promise<string> {
  expect(await world.say('Bu Sri', '/arisan kocok mawar')).toContain('tahap 1');
  world.clock.advance(REVEAL_DELAY_MS);
  const reveal = await world.say('Pak Budi', '/arisan kocok mawar');
  expect(reveal).toContain('tahap 2');
  world.clock.advance(REVEAL_DELAY_MS);
  return reveal;
}

const fundBalance = async () => (await world.db.read.fund.findFirstOrThrow({ where: { name: 'arisan-mawar' } })).balance;

describe('a payout undone with /koreksi', () => {
  it('puts the pot back with a reversal entry, keeps the drawn winner, and pays the same winner again once', async () => {
    await payAll();
    const reveal = await draw();
    const payout = Number(/#(\d+) Dibayarkan Rp200\.000/.exec(reveal)![1]);
    const winner = /pemenangnya (.+) \(nomor (\d+)\)/.exec(reveal)!;
    expect(await fundBalance()).toBe(0n);
    expect(await world.say('Pak Budi', '/arisan bayarkan mawar 1')).toContain(`Pembayaran Arisan Mawar putaran 1 (#${payout}) ke ${winner[1]} masih berlaku`);

    const reversed = await world.say('Pak Budi', `/koreksi ${payout} uang belum diserahkan`);
    expect(reversed).toMatch(new RegExp(`^↩️ #\\d+ Koreksi atas #${payout} `));
    const koreksi = Number(/#(\d+)/.exec(reversed)![1]);
    expect(await fundBalance()).toBe(200_000n);
    // Never a delete: the win and its payout entry stay; the reversal points at it.
    expect(await world.db.read.arisanWin.count()).toBe(1);
    const history = await world.say('Bu Ani', '/arisan mawar riwayat');
    expect(history).toContain(`(#${payout}, dikoreksi #${koreksi} — belum dibayarkan lagi: /arisan bayarkan mawar 1)`);
    expect(await world.say('Bu Ani', '/arisan mawar')).toContain(`⚠️ Putaran 1: pembayaran ke ${winner[1]}`);
    // The round is not drawn again: the next kocok commits round 2, without the winner.
    const next = await world.say('Bu Sri', '/arisan kocok mawar');
    expect(next).toContain('putaran 2');
    expect(parseList(/Daftar: ([\d,]+)/.exec(next)![1]!)).not.toContain(Number(winner[2]));

    expect(await world.say('Bu Ani', '/arisan bayarkan mawar 1')).toContain('hanya untuk ketua atau bendahara');
    const repaid = await world.say('Pak Budi', '/arisan bayarkan mawar 1');
    expect(repaid).toMatch(new RegExp(`^✅ #\\d+ Arisan Mawar putaran 1: uang arisan Rp200\\.000 dibayarkan lagi ke ${winner[1]} \\(nomor ${winner[2]}\\)`));
    expect(repaid).toContain('Saldo arisan-mawar: Rp0');
    expect(await world.say('Pak Budi', '/arisan bayarkan mawar 1')).toContain('masih berlaku');
    expect(await world.say('Pak Budi', '/arisan bayarkan mawar 9')).toContain('putaran 9 belum dikocok');
    // Money: the fund equals its entries; paid out net exactly one pot.
    const fund = await world.db.read.fund.findFirstOrThrow({ where: { name: 'arisan-mawar' } });
    const entries = await world.db.read.ledgerEntry.findMany({ where: { fundId: fund.id } });
    expect(entries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(fund.balance);
    expect(fund.balance).toBe(0n);
  });
});

describe('a share leaving', () => {
  it('keeps every number and past draw, leaves the share out of the next list, and refuses when the pot or a draw depends on it', async () => {
    expect(await world.say('Bu Ani', '/arisan keluar mawar nomor 4')).toContain('hanya untuk ketua, bendahara atau sekretaris');
    await payAll(['Mbah Karto']);
    expect(await world.say('Bu Sri', '/arisan keluar mawar nomor 4')).toContain('sudah membayar putaran 1. Kembalikan dulu');
    await payAll(['Bu Sri', 'Pak Budi']);
    expect(await world.say('Bu Sri', '/arisan kocok mawar')).toContain('Daftar: 1,2,3,4');
    expect(await world.say('Bu Sri', '/arisan keluar mawar nomor 2')).toContain('ada di daftar kocokan putaran 1');
    world.clock.advance(REVEAL_DELAY_MS);
    const reveal = await world.say('Bu Sri', '/arisan kocok mawar');
    world.clock.advance(REVEAL_DELAY_MS);
    const won = Number(/pemenangnya .+ \(nomor (\d+)\)/.exec(reveal)![1]);
    expect(await world.say('Bu Sri', `/arisan keluar mawar nomor ${won}`)).toContain('sudah menang di siklus 1');
    const leaving = [1, 2, 3, 4].find((number) => number !== won)!;
    expect(await world.say('Bu Sri', `/arisan keluar mawar ${leaving}`)).toContain(`✅ Nomor ${leaving} (`);
    expect(await world.say('Bu Sri', `/arisan keluar mawar ${leaving}`)).toContain('sudah keluar');
    expect(await world.say('Bu Sri', '/arisan keluar mawar 9')).toContain('tidak punya nomor 9');
    // Round 2's list: the shares still in that have not won, by their unchanged numbers.
    const commit = await world.say('Bu Sri', '/arisan kocok mawar');
    const list = parseList(/Daftar: ([\d,]+)/.exec(commit)![1]!)!;
    expect(list).toEqual([1, 2, 3, 4].filter((number) => number !== won && number !== leaving));
    // The past draw is still verifiable from what the history prints.
    const history = await world.say('Bu Ani', '/arisan mawar riwayat');
    const check = /arisan:verify -- ([0-9a-f]{64}) ([\d,]+)/.exec(history)!;
    expect(drawWinner(check[1]!, [], parseList(check[2]!)!).winner).toBe(won);
    expect(await world.say('Bu Ani', '/arisan mawar')).toContain('3 nomor');
  });
});
