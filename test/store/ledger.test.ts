import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDashboard } from '../../src/core/index.js';
import { createWorld, type World } from '../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
});
afterEach(async () => world.close());

async function fund(name: string) {
  return world.db.read.fund.findFirstOrThrow({ where: { name } });
}

/** The invariant: a fund's balance is the sum of its posted entries. */
async function expectBalanceIsSumOfEntries(name: string) {
  const row = await fund(name);
  const entries = await world.db.read.ledgerEntry.findMany({ where: { fundId: row.id } });
  expect(row.balance).toBe(entries.reduce((sum, entry) => sum + entry.amount, 0n));
  return row.balance;
}

describe('ledger', () => {
  it('keeps each balance equal to the sum of its posted entries through setor, keluar, koreksi and sahkan', async () => {
    await world.say('Bu Sri', '/setor 1,5jt kas');
    await world.say('Bu Sri', '/setor Rp 5.000,- jimpitan dari Pak Budi');
    await world.say('Pak Budi', '/setor 10rb jimpitan');
    await world.say('Bu Sri', '/keluar 250.000 kas beli tenda');
    await world.say('Bu Sri', '/koreksi 2 salah dana');
    await world.say('Bu Sri', '/sahkan 3');
    expect(await expectBalanceIsSumOfEntries('kas')).toBe(1_250_000n);
    expect(await expectBalanceIsSumOfEntries('jimpitan')).toBe(10_000n);
    expect(typeof (await fund('kas')).balance).toBe('bigint');
  });

  it('records 50 concurrent /setor on one fund without losing one', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => world.say('Bu Sri', `/setor ${1000 + i} jimpitan`)),
    );
    expect(replies.every((text) => text.startsWith('✅ #'))).toBe(true);
    const expected = Array.from({ length: 50 }, (_, i) => BigInt(1000 + i)).reduce((a, b) => a + b);
    expect(await expectBalanceIsSumOfEntries('jimpitan')).toBe(expected);
    const numbers = (await world.db.read.ledgerEntry.findMany({ select: { number: true } })).map((e) => e.number);
    expect(new Set(numbers).size).toBe(50);
    expect(Math.max(...numbers)).toBe(50);
  });

  it('applies a redelivered message once and answers it the same way', async () => {
    const first = await world.say('Bu Sri', '/setor 5000 jimpitan', { messageId: 'm-1' });
    await world.say('Bu Sri', '/setor 7000 jimpitan');
    const again = await world.say('Bu Sri', '/setor 5000 jimpitan', { messageId: 'm-1' });
    const concurrent = await Promise.all([
      world.say('Bu Sri', '/keluar 1000 jimpitan sapu', { messageId: 'm-2' }),
      world.say('Bu Sri', '/keluar 1000 jimpitan sapu', { messageId: 'm-2' }),
    ]);
    expect(again).toBe(first);
    expect(first).toContain('Saldo Jimpitan: Rp5.000');
    expect(concurrent[0]).toBe(concurrent[1]);
    expect(await world.db.read.ledgerEntry.count()).toBe(3);
    expect(await expectBalanceIsSumOfEntries('jimpitan')).toBe(11_000n);
  });

  it('refuses a keluar that would take a fund below zero and records nothing', async () => {
    await world.say('Bu Sri', '/setor 10rb kas');
    const before = await world.db.read.ledgerEntry.count();
    const answer = await world.say('Bu Sri', '/keluar 10.001 kas beli sapu');
    expect(answer).toContain('tidak cukup');
    expect(answer).toContain('Rp10.000');
    expect(await world.db.read.ledgerEntry.count()).toBe(before);
    expect((await fund('kas')).balance).toBe(10_000n);
  });

  it('corrects with a reversal entry and never edits the original', async () => {
    await world.say('Bu Sri', '/setor 50rb kematian dari Pak Budi');
    const original = await world.db.read.ledgerEntry.findFirstOrThrow({ where: { number: 1 } });
    const answer = await world.say('Bu Sri', '/koreksi 1 salah ketik');
    expect(answer).toMatch(/^↩️ #2 Koreksi atas #1/);
    expect(await world.db.read.ledgerEntry.findFirstOrThrow({ where: { number: 1 } })).toEqual(original);
    const reversal = await world.db.read.ledgerEntry.findFirstOrThrow({ where: { number: 2 } });
    expect(reversal).toMatchObject({ kind: 'koreksi', amount: -50_000n, reversesId: original.id, balanceAfter: 0n });
    expect(await world.say('Bu Sri', '/koreksi 1 lagi')).toContain('sudah dikoreksi oleh #2');
    expect(await world.say('Bu Sri', '/koreksi 2 balik')).toContain('tidak bisa dikoreksi lagi');
    expect(await expectBalanceIsSumOfEntries('kematian')).toBe(0n);
  });

  it('refuses a koreksi that would make the fund negative', async () => {
    await world.say('Bu Sri', '/setor 10rb kas');
    await world.say('Bu Sri', '/keluar 8rb kas konsumsi');
    expect(await world.say('Bu Sri', '/koreksi 1 salah')).toContain('minus');
    expect(await world.db.read.ledgerEntry.count()).toBe(2);
  });

  it('holds an anggota setor until a ketua or bendahara confirms or refuses it', async () => {
    const pending = await world.say('Pak Budi', '/setor 20rb jimpitan');
    expect(pending).toMatch(/^⏳ #1 .*menunggu pengesahan/);
    expect((await fund('jimpitan')).balance).toBe(0n);
    expect(await world.say('Pak Budi', '/sahkan 1')).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Bu Sri', '/sahkan 1')).toContain('disahkan oleh Bu Sri. Saldo Jimpitan: Rp20.000');
    expect(await world.say('Bu Sri', '/sahkan 1')).toContain('sudah disahkan');
    const entry = await world.db.read.ledgerEntry.findFirstOrThrow({ where: { number: 1 }, include: { recordedBy: true } });
    expect(entry.recordedBy.name).toBe('Pak Budi');

    await world.say('Pak Budi', '/setor 5000 jimpitan');
    expect(await world.say('Bu Sri', '/tolak 2')).toContain('Alasannya belum ditulis');
    expect(await world.say('Bu Sri', '/tolak 2 uang belum diterima')).toContain('ditolak oleh Bu Sri');
    expect(await expectBalanceIsSumOfEntries('jimpitan')).toBe(20_000n);
    expect(await world.say('Bu Sri', '/riwayat')).toMatch(/#2 .*ditolak: uang belum diterima/);
  });

  it('names who recorded each entry, for whom, and when', async () => {
    const before = Date.now();
    await world.say('Bu Sri', '/setor 5000 jimpitan dari Mbah Darmo, titip');
    await world.say('Bu Sri', '/setor 5000 jimpitan');
    const entries = await world.db.read.ledgerEntry.findMany({ include: { recordedBy: true }, orderBy: { number: 'asc' } });
    expect(entries.map((e) => [e.recordedBy.name, e.contributorName, e.note])).toEqual([
      ['Bu Sri', 'Mbah Darmo', 'titip'],
      ['Bu Sri', 'Bu Sri', null],
    ]);
    for (const entry of entries) expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps goods in their own unit and never mixes them with rupiah', async () => {
    await world.say('Bu Sri', '/dana tambah beras kg lumbung');
    expect(await world.say('Bu Sri', '/setor 2kg beras')).toContain('Saldo Beras: 2 kg');
    expect(await world.say('Bu Sri', '/setor 1,5 kg lumbung')).toContain('Saldo Beras: 3,5 kg');
    expect(await world.say('Bu Sri', '/setor 5000 beras')).toContain('dicatat dalam kg');
    expect(await world.say('Bu Sri', '/setor 2kg kas')).toContain('dicatat dalam rupiah');
    expect((await fund('beras')).balance).toBe(3500n);
    expect(await world.db.read.ledgerEntry.count()).toBe(2);
  });
});

describe('roles across instances', () => {
  it('never lets a pengurus demoted on another instance write with the role this one still has cached', async () => {
    await world.say('Pak Budi', 'Assalamualaikum');
    await world.say('Bu Sri', '/peran Pak Budi bendahara');
    await world.say('Bu Sri', '/setor 10rb kas');
    // 1. this instance has seen Pak Budi as bendahara (its role cache keeps that for a while)
    expect(await world.say('Pak Budi', '/setor 1000 kas')).toMatch(/^✅ #2/);
    // 2. another instance on the same database makes him anggota again
    const other = await createWorld({ url: world.db.url, clock: world.clock });
    try {
      expect(await other.say('Bu Sri', '/peran Pak Budi anggota')).toContain('✅ Pak Budi sekarang anggota');
    } finally {
      await other.close();
    }
    // 3. here, a keluar is refused and a setor waits for the treasury, as for any anggota
    const refused = await world.say('Pak Budi', '/keluar 5000 kas beli sapu');
    expect(refused).toContain('Maaf, /keluar hanya untuk ketua atau bendahara');
    expect(refused).toContain('Peran Anda di sini: anggota');
    expect(await world.say('Pak Budi', '/setor 700 kas')).toMatch(/^⏳ #3/);
    expect(await expectBalanceIsSumOfEntries('kas')).toBe(11_000n);
    expect(await world.db.read.ledgerEntry.count({ where: { kind: 'keluar' } })).toBe(0);
  });
});

describe('dashboard writes and a role changed on another instance', () => {
  /**
   * The dashboard of this instance, whose first access check reads the role just before another instance
   * makes Pak Budi an anggota (between the check and the write, where only the writing transaction sees it).
   */
  async function dashboardDemotingAfterFirstCheck() {
    const budi = await world.db.read.person.findFirstOrThrow({ where: { name: 'Pak Budi' } });
    const wksbm = await world.db.read.wksbm.findFirstOrThrow();
    let demoted = false;
    const dashboard = createDashboard({
      ...world.stores,
      clock: world.clock,
      dashboard: {
        ...world.stores.dashboard,
        async accessOf(personId) {
          const seen = await world.stores.dashboard.accessOf(personId);
          if (!demoted) {
            demoted = true;
            const other = await createWorld({ url: world.db.url, clock: world.clock });
            try {
              expect(await other.say('Bu Sri', '/peran Pak Budi anggota')).toContain('✅ Pak Budi sekarang anggota');
            } finally {
              await other.close();
            }
          }
          return seen;
        },
      },
    });
    return { dashboard, actor: { person: { id: budi.id, name: budi.name }, nonce: crypto.randomUUID() }, wksbmId: wksbm.id };
  }

  beforeEach(async () => {
    await world.say('Pak Budi', 'Assalamualaikum');
    await world.say('Bu Sri', '/peran Pak Budi bendahara');
  });

  it('refuses an approval by a bendahara demoted between the access check and the write', async () => {
    await world.say('Mbak Rini', '/setor 20rb kas');
    const { dashboard, actor, wksbmId } = await dashboardDemotingAfterFirstCheck();
    expect(await dashboard.decide(actor, { wksbmId, numbers: [1], approve: true, reason: null })).toEqual({ ok: false, reason: 'forbidden' });
    expect((await world.db.read.submission.findFirstOrThrow({ where: { number: 1 } })).status).toBe('menunggu');
    expect(await world.db.read.ledgerEntry.count()).toBe(0);
    expect(await world.db.read.inboundMessage.count({ where: { key: { startsWith: 'dasbor:' } } })).toBe(0);
  });

  it('refuses a case move by a pengurus demoted between the access check and the write', async () => {
    await world.say('Mbak Rini', 'Assalamualaikum');
    // A report in the steps of /lapor (as test/core/cases/reports-logs.test.ts walks them).
    for (const answer of ['/lapor', '8', 'Pak Darto sakit', 'Gang 3', 'Perlu dibawa ke puskesmas', '1']) await world.say('Mbak Rini', answer, { chat: null });
    await world.say('Mbak Rini', 'Foto rumah', { chat: null, photo: 'foto-1' });
    await world.say('Mbak Rini', '2', { chat: null });
    const before = await world.db.read.case.findMany({ select: { id: true, status: true } });
    expect(before).toEqual([{ id: 1, status: 'baru' }]);
    const { dashboard, actor, wksbmId } = await dashboardDemotingAfterFirstCheck();
    expect(await dashboard.moveCase(actor, { wksbmId, number: 1, to: 'ditangani', note: null })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await world.db.read.case.findMany({ select: { id: true, status: true } })).toEqual(before);
    expect(await world.db.read.inboundMessage.count({ where: { key: { startsWith: 'dasbor:' } } })).toBe(0);
  });
});
