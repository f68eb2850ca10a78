import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  world.clock.set('2026-10-05T03:00:00Z'); // 10.00 WIB, Monday 5 October 2026
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Bu Sri', '/peran Bu Sri ketua');
});
afterEach(async () => world.close());

const inPrivate = (user: string, text: string) => world.say(user, text, { chat: null });

describe('households and iuran', () => {
  it('adds households, an iuran, allocates a payment oldest first and keeps credit', async () => {
    expect(await world.say('Bu Sri', '/kk tambah Pak Budi, RT 03')).toContain('KK Pak Budi (RT 03) ditambahkan');
    expect(await world.say('Bu Sri', '/kk tambah Bu Tini RT 04')).toContain('KK Bu Tini (RT 04) ditambahkan');
    expect(await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan')).toContain('Iuran Kematian Rp10.000 per bulan per KK, mulai Oktober 2026');
    world.clock.set('2026-12-20T03:00:00Z');
    const paid = await world.say('Bu Sri', '/setor 35rb kematian dari KK Pak Budi');
    expect(paid).toContain('Setoran Rp35.000 ke Kematian dari KK Pak Budi');
    expect(paid).toContain('Oktober 2026–Desember 2026 lunas; titipan Rp5.000 untuk periode berikutnya');
    const counts = await world.say('Pak Joko', '/tunggakan');
    expect(counts).toContain('Kematian: 1 dari 2 KK sudah lunas sampai bulan ini.');
    expect(counts).not.toContain('Tini');
    const named = await inPrivate('Bu Sri', '/tunggakan');
    expect(named).toContain('• Bu Tini: Rp30.000 (Oktober 2026–Desember 2026)');
    expect(named).not.toContain('• Pak Budi');
  });

  it('asks back an ambiguous or misspelt household instead of guessing', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi Santoso, RT 03');
    await world.say('Bu Sri', '/kk tambah Pak Budi Hartono, RT 05');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    const which = await world.say('Bu Sri', '/setor 10rb kematian dari KK Budi');
    expect(which).toContain('Ada beberapa KK "Budi"');
    expect(which).toContain('KK Pak Budi Santoso (RT 03); KK Pak Budi Hartono (RT 05)');
    const near = await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi Santosa');
    expect(near).toContain('Maksud Anda: KK Pak Budi Santoso (RT 03)');
    expect(await world.db.read.ledgerEntry.count()).toBe(0);
  });

  it('reverses allocations with /koreksi and moves later money to the reopened period', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    world.clock.set('2026-11-20T03:00:00Z');
    await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi'); // #1 → Oktober
    await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi'); // #2 → November
    const reversed = await world.say('Bu Sri', '/koreksi 1 salah catat');
    expect(reversed).toContain('Pembayaran iuran 1 KK dari catatan itu ikut dibatalkan');
    const status = await inPrivate('Bu Sri', '/tunggakan');
    expect(status).toContain('• Pak Budi: Rp10.000 (November 2026)');
    const rows = await world.db.read.iuranAllocation.findMany({ orderBy: { id: 'asc' } });
    const net = new Map<string, bigint>();
    for (const row of rows) net.set(row.period, (net.get(row.period) ?? 0n) + row.amount);
    expect(Object.fromEntries(net)).toEqual({ '2026-10-01': 10000n, '2026-11-01': 0n });
  });
});
