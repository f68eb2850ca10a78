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

describe('changing an iuran', () => {
  it('changes only coming periods: a past period keeps the amount due then', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    expect(await world.say('Bu Sri', '/iuran ubah kematian 15rb mulai Oktober 2026')).toContain('paling cepat November 2026');
    expect(await world.say('Bu Sri', '/iuran ubah kematian 15rb')).toContain('menjadi Rp15.000 per bulan mulai November 2026');
    expect(await world.say('Pak Joko', '/iuran')).toContain('Kematian: Rp10.000 per bulan; mulai November 2026: Rp15.000');
    world.clock.set('2027-01-10T03:00:00Z');
    expect(await world.say('Bu Sri', '/iuran hapus kematian mulai Maret')).toContain('berhenti mulai Maret 2027');
    world.clock.set('2027-05-10T03:00:00Z');
    // October 10rb + November–February 4 × 15rb; nothing from March on.
    expect(await inPrivate('Bu Sri', '/tunggakan')).toContain('• Pak Budi: Rp70.000 (5 bulan sejak Oktober 2026)');
  });

  it('keeps every rate change as a row: a newer change overtakes one not begun yet, none is deleted', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    await world.say('Bu Sri', '/iuran ubah kematian 20rb mulai Januari 2027');
    await world.say('Bu Sri', '/iuran ubah kematian 25rb mulai Januari 2027');
    // Changed again from December: it overtakes both January changes, which never began.
    await world.say('Bu Sri', '/iuran ubah kematian 15rb mulai Desember 2026');
    expect(await world.say('Pak Joko', '/iuran')).toContain('Kematian: Rp10.000 per bulan; mulai Desember 2026: Rp15.000');
    const rows = await world.db.read.iuranRate.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.fromPeriod, row.amount])).toEqual([
      ['2026-10-01', 10000n],
      ['2027-01-01', 20000n],
      ['2027-01-01', 25000n],
      ['2026-12-01', 15000n],
    ]);
    world.clock.set('2027-02-10T03:00:00Z');
    // October, November 2 × 10rb; December–February 3 × 15rb.
    expect(await inPrivate('Bu Sri', '/tunggakan')).toContain('• Pak Budi: Rp65.000 (5 bulan sejak Oktober 2026)');
  });

  it('keeps a goods iuran in its unit', async () => {
    await world.say('Bu Sri', '/dana tambah beras kg');
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    expect(await world.say('Bu Sri', '/iuran tambah beras 10rb harian')).toContain('dicatat dalam kg');
    expect(await world.say('Bu Sri', '/iuran tambah beras 0,2kg harian')).toContain('Iuran Beras 0,2 kg per hari per KK');
    world.clock.set('2026-10-07T03:00:00Z');
    const paid = await world.say('Bu Sri', '/setor 0,5kg beras dari KK Pak Budi');
    expect(paid).toContain('5/10/2026–6/10/2026 lunas; 7/10/2026 terbayar sebagian');
    expect(await inPrivate('Bu Sri', '/tunggakan beras')).toContain('• Pak Budi: 0,1 kg (7/10/2026)');
  });
});

describe('members and their households', () => {
  it('pays for the household of the person named, and tells a member their own status only privately', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Andi', '/kk gabung budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    expect(await world.say('Bu Sri', '/setor 10rb kematian dari Andi')).toContain('Iuran Kematian KK Pak Budi: Oktober 2026 lunas');
    expect(await world.say('Andi', '/iuran saya')).toContain('hanya ditampilkan di chat pribadi');
    world.clock.set('2026-11-15T03:00:00Z');
    const mine = await inPrivate('Andi', '/iuran saya');
    expect(mine).toContain('WKSBM Sukamaju — KK Pak Budi');
    expect(mine).toContain('Kematian: kurang Rp10.000 (November 2026)');
    expect(await inPrivate('Andi', '/tunggakan')).toContain('hanya untuk pengurus');
  });

  it('counts a setoran an anggota records for the household only once a bendahara confirms it', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Andi', '/kk gabung Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    expect(await world.say('Andi', '/setor 10rb kematian')).toContain('menunggu');
    expect(await world.db.read.iuranPayment.count()).toBe(0);
    const approved = await world.say('Bu Sri', '/sahkan 1');
    expect(approved).toContain('Iuran Kematian KK Pak Budi: Oktober 2026 lunas');
    expect(await world.db.read.iuranPayment.count()).toBe(1);
  });
});

describe('/tunggakan in the group', () => {
  it('shows counts only, unless the ketua turns names on', async () => {
    await world.say('Bu Sri', '/kk tambah Kanari Satu');
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi');
    const group = [
      await world.say('Pak Joko', '/tunggakan'),
      await world.say('Bu Sri', '/tunggakan kematian'),
      await world.say('Pak Joko', '/kk Kanari Satu'),
      await world.say('Pak Joko', '/iuran'),
    ].join('\n');
    expect(group).toContain('Kematian: 1 dari 2 KK sudah lunas sampai bulan ini.');
    expect(group).not.toMatch(/Kanari Satu.*(kurang|Rp)|kurang/);
    expect(await world.say('Pak Joko', '/tunggakan tampilkan nama')).toContain('hanya ketua');
    expect(await world.say('Bu Sri', '/tunggakan tampilkan nama')).toContain('menampilkan nama KK');
    expect(await world.say('Pak Joko', '/tunggakan')).toContain('• Kanari Satu: Rp10.000 (Oktober 2026)');
    await world.say('Bu Sri', '/tunggakan sembunyikan nama');
    expect(await world.say('Pak Joko', '/tunggakan')).not.toContain('Kanari');
  });
});

describe('/jimpitan', () => {
  beforeEach(async () => {
    for (const name of ['Pak Budi', 'Bu Sri', 'Pak Tono', 'Bu Tini']) await world.say('Bu Sri', `/kk tambah ${name}`);
    await world.say('Bu Sri', '/iuran tambah jimpitan 500 harian');
  });

  it('records the whole round in one message, naming the houses that put nothing out', async () => {
    world.clock.set('2026-10-05T15:30:00Z'); // 22.30 WIB
    const answer = await world.say('Bu Sri', '/jimpitan semua kecuali Bu Sri, Pak Tono');
    expect(answer).toContain('#1 Jimpitan malam 05/10/2026: 2 rumah, Rp1.000 ke Jimpitan. 2 rumah tidak mengisi.');
    const named = await inPrivate('Bu Sri', '/tunggakan jimpitan');
    expect(named).toContain('2 dari 4 KK belum lunas, total Rp1.000');
    expect(named).toContain('• Pak Tono: Rp500 (5/10/2026)');
    expect(named).not.toContain('Pak Budi:');
  });

  it('takes a round written after midnight as last night, and a count with its total checked', async () => {
    world.clock.set('2026-10-05T18:30:00Z'); // 01.30 WIB on the 6th
    expect(await world.say('Bu Sri', '/jimpitan 4 rumah Rp2.000')).toContain('Jimpitan malam 05/10/2026: 4 rumah, Rp2.000 ke Jimpitan. Tidak dicatat per KK.');
    expect(await world.say('Bu Sri', '/jimpitan 4 rumah Rp3.000')).toContain('4 rumah × Rp500 = Rp2.000, bukan Rp3.000');
    expect(await world.say('Bu Sri', '/jimpitan Pak Budi, Bu Tini')).toContain('2 rumah, Rp1.000');
    expect(await world.say('Bu Sri', '/jimpitan semua kecuali Pak Budy')).toContain('Maksud Anda: KK Pak Budi');
  });
});

describe('perantau', () => {
  it('turns a private /setor into a pending setoran of their WKSBM, confirmed in the group, and tells them privately', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Andi', '/kk gabung Pak Budi');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    const pending = await inPrivate('Andi', '/setor 30rb kematian');
    expect(pending).toContain('#1 Setoran Rp30.000 ke Kematian WKSBM Sukamaju dicatat dan menunggu pengesahan bendahara');
    const toGroup = await world.db.read.outbox.findFirstOrThrow({ where: { chatId: 'rt05' } });
    expect(toGroup.payload).toContain('Setoran perantau Rp30.000 ke Kematian dari Andi menunggu pengesahan: /sahkan 1');
    expect(await world.say('Bu Sri', '/sahkan 1')).toContain('Oktober 2026 lunas; titipan Rp20.000 untuk periode berikutnya');
    const toAndi = await world.db.read.outbox.findFirstOrThrow({ where: { chatId: 'private:andi' } });
    expect(toAndi.payload).toContain('Setoran #1 Rp30.000 ke Kematian WKSBM Sukamaju sudah disahkan bendahara');
  });

  it('asks for the WKSBM code when the perantau belongs to several', async () => {
    await world.say('Bu Tini', '/mulai WKSBM Lain', { chat: 'rw02' });
    await world.say('Andi', 'halo');
    await world.say('Andi', 'halo', { chat: 'rw02' });
    const which = await inPrivate('Andi', '/setor 500rb kas');
    expect(which).toContain('Tambahkan kodenya: kode 1 (WKSBM Sukamaju), kode 2 (WKSBM Lain)');
    expect(await inPrivate('Andi', '/setor 500rb kas kode 2')).toContain('ke Kas WKSBM Lain dicatat dan menunggu');
  });
});

describe('household names in /setor', () => {
  it('never takes a longer, misspelt household name for a shorter one', async () => {
    await world.say('Bu Sri', '/kk tambah Pak Budi');
    await world.say('Bu Sri', '/kk tambah Pak Budi Hartono');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    expect(await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi Hartonp')).toContain('Maksud Anda: KK Pak Budi Hartono');
    expect(await world.say('Bu Sri', '/setor 10rb kematian dari KK Budi')).toContain('Ada beberapa KK "Budi"');
    expect(await world.say('Bu Sri', '/setor 10rb kematian dari KK Pak Budi, titipan')).toContain('Iuran Kematian KK Pak Budi: Oktober 2026 lunas');
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
  });

  it('counts a household from the day it was on the roster', async () => {
    world.clock.set('2026-11-20T03:00:00Z');
    expect(await world.say('Bu Sri', '/kk tambah Pak Budi, RT 03 sejak Agustus')).toContain('terhitung sejak 01/08/2026');
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan mulai September 2026');
    expect(await inPrivate('Bu Sri', '/tunggakan')).toContain('• Pak Budi: Rp30.000 (September 2026–November 2026)');
  });
});

describe('bounds', () => {
  it('refuses a household name or address over its limit instead of cutting it', async () => {
    const answer = await world.say('Bu Sri', `/kk tambah ${'Budi '.repeat(20)}`);
    expect(answer).toContain('Nama KK terlalu panjang');
    expect(await world.say('Bu Sri', `/kk tambah Pak Budi, ${'RT 03 '.repeat(30)}`)).toContain('Alamat terlalu panjang');
    expect(await world.db.read.household.count()).toBe(0);
  });
});
