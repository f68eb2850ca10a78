import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitmentOf, drawWinner, parseList } from '../../../src/core/arisan/draw.js';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;

beforeEach(async () => {
  world = await createWorld();
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Ani', 'halo');
  await world.say('Pak Joko', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
});
afterEach(() => world.close());

/** The fields of a reveal message, read back the way a member would copy them. */
function readReveal(text: string) {
  const seed = /Benih: ([0-9a-f]{64})/.exec(text)?.[1];
  const list = /Daftar: ([\d,]+)/.exec(text)?.[1];
  const mixes = /Angka tambahan: (.+)/.exec(text)?.[1];
  const winner = /pemenangnya .+ \(nomor (\d+)\)/.exec(text)?.[1];
  return { seed: seed!, list: parseList(list!)!, mixes: mixes === 'tidak ada' ? [] : mixes!.split(', '), winner: Number(winner) };
}

const commitmentIn = (text: string) => /Komitmen \(SHA-256 dari benih rahasia\): ([0-9a-f]{64})/.exec(text)?.[1];

async function setUpMawar(w: World = world) {
  expect(await w.say('Bu Sri', '/arisan buat mawar 50rb bulanan')).toContain('Arisan Mawar dibuat: iuran Rp50.000');
  expect(await w.say('Bu Sri', '/arisan ikut mawar')).toContain('Bu Sri ikut Arisan Mawar dengan nomor 1');
  expect(await w.say('Pak Budi', '/arisan ikut mawar 2 nomor')).toContain('nomor 2, 3');
  expect(await w.say('Bu Sri', '/arisan tambah mawar Mbah Karto')).toContain('Mbah Karto dicatat sebagai peserta tanpa akun chat');
  expect(await w.say('Bu Ani', '/arisan ikut mawar')).toContain('nomor 5');
}

describe('/arisan', () => {
  it('creates an arisan with its own fund, takes shares, two for one person, and people without an account', async () => {
    await setUpMawar();
    expect(await world.say('Bu Sri', '/saldo arisan-mawar')).toContain('Arisan-mawar: Rp0');
    expect(await world.say('Pak Budi', '/arisan ikut mawar 2 nomor')).toContain('sudah ikut Arisan Mawar dengan nomor 2, 3');
    expect(await world.say('Pak Joko', '/arisan buat melati 20rb mingguan')).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Bu Sri', '/arisan buat kocok 20rb mingguan')).toContain('tidak bisa jadi nama arisan');
    expect(await world.say('Bu Sri', '/arisan buat melati 20rb tiap minggu')).toContain('"tiap minggu" bukan jadwal arisan');
    expect(await world.say('Bu Sri', '/arisan buat mawar 20rb mingguan')).toContain('sudah dipakai');
    expect(await world.say('Bu Sri', '/arisan tambah mawar Budi')).toContain('"Budi" mirip dengan: Pak Budi');
    expect(await world.say('Bu Sri', `/arisan tambah mawar ${'Mbah '.repeat(20)}`)).toContain('Nama terlalu panjang: 99 huruf, paling banyak 60');
    const status = await world.say('Pak Joko', '/arisan mawar');
    expect(status).toContain('Putaran 1 (siklus 1), 5 nomor.');
    expect(status).toContain('Belum bayar: 1. Bu Sri, 2. Pak Budi, 3. Pak Budi, 4. Mbah Karto, 5. Bu Ani');
  });

  it('records payments into the fund: all of a holder’s shares, once per round, by name or by /setor with the exact amount', async () => {
    await setUpMawar();
    expect(await world.say('Pak Budi', '/arisan bayar mawar')).toMatch(/#\d+ Pak Budi membayar Arisan Mawar putaran 1 untuk nomor 2, 3: Rp100\.000/);
    expect(await world.say('Pak Budi', '/arisan bayar mawar')).toContain('sudah membayar Arisan Mawar putaran 1');
    expect(await world.say('Bu Sri', '/arisan bayar mawar dari Mbah Karto')).toContain('Mbah Karto membayar Arisan Mawar putaran 1 untuk nomor 4: Rp50.000');
    expect(await world.say('Pak Joko', '/arisan bayar mawar')).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Bu Sri', '/arisan bayar mawar dari Pak Joko')).toContain('Tidak ada peserta Arisan Mawar bernama "Pak Joko"');
    const status = await world.say('Bu Ani', '/arisan mawar');
    expect(status).toContain('Sudah bayar: 2. Pak Budi, 3. Pak Budi, 4. Mbah Karto');
    expect(status).toContain('Belum bayar: 1. Bu Sri, 5. Bu Ani');
    expect(status).toContain('Pot putaran ini: Rp150.000');
    expect(await world.say('Bu Sri', '/saldo arisan-mawar')).toContain('Rp150.000');
  });

  it('draws in two steps: the commitment first, the reveal after the delay, verifiable from what the group saw', async () => {
    await setUpMawar();
    await world.say('Bu Sri', '/arisan bayar mawar');
    await world.say('Pak Budi', '/arisan bayar mawar');
    const commit = await world.say('Pak Budi', '/arisan kocok mawar');
    expect(commit).toContain('Kocok Arisan Mawar putaran 1 — tahap 1: komitmen');
    expect(commit).toContain('Daftar: 1,2,3,4,5');
    const commitment = commitmentIn(commit);
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);

    expect(await world.say('Pak Budi', '/arisan kocok mawar')).toContain('baru saja diumumkan');
    expect(await world.say('Pak Joko', '/arisan kocok mawar angka 04821')).toContain('Angka 4821 dari Pak Joko');
    expect(await world.say('Pak Joko', '/arisan kocok mawar angka 7')).toContain('sudah menambah angka');
    expect(await world.say('Bu Ani', '/arisan kocok mawar angka 99')).toContain('Angka sejauh ini: 4821, 99');
    expect(await world.say('Pak Joko', '/arisan kocok mawar')).toContain('hanya untuk ketua atau bendahara');

    world.clock.advance(60_000);
    const reveal = await world.say('Bu Sri', '/arisan kocok mawar');
    const seen = readReveal(reveal);
    expect(commitmentOf(seen.seed)).toBe(commitment);
    // The seed was secret until now: neither the commitment nor the mixes' answers showed it.
    expect(commit).not.toContain(seen.seed);
    expect(seen.mixes).toEqual(['4821', '99']);
    expect(seen.list).toEqual([1, 2, 3, 4, 5]);
    expect(drawWinner(seen.seed, seen.mixes, seen.list).winner).toBe(seen.winner);
    expect(reveal).toContain('Dibayarkan Rp150.000 dari dana arisan-mawar. Saldo: Rp0');

    const history = await world.say('Pak Joko', '/arisan mawar riwayat');
    expect(history).toContain(`npm run -s arisan:verify -- ${seen.seed} 1,2,3,4,5 angka 4821,99`);
    const status = await world.say('Pak Joko', '/arisan mawar');
    expect(status).toContain('Putaran 2 (siklus 1)');
    expect(status).toContain('Pot putaran ini: Rp0');
  });
});
