import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { levyStanding } from '../../../src/core/index.js';
import { createMemoryLog } from '../../helpers/memory-log.js';
import { textOutbox } from '../../helpers/text-outbox.js';
import { createWorld, type World } from '../../helpers/world.js';

/** A household name that must never reach the group or a log line. */
const CANARY_KK = 'Kanari Duka';

let world: World;
const memory = createMemoryLog();
const { sent, dispatchAll } = textOutbox(() => world);

const kematian = () => world.db.read.fund.findFirstOrThrow({ where: { name: 'kematian' } });

beforeEach(async () => {
  sent.length = 0;
  world = await createWorld({ log: memory.log });
  // Monday 2 November 2026, 10.00 WIB.
  world.clock.set('2026-11-02T03:00:00Z');
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Bu Sri', '/kk tambah Pak Budi, RT 03');
  await world.say('Bu Sri', `/kk tambah ${CANARY_KK}, RT 04`);
  await world.say('Andi', '/kk gabung Pak Budi');
  await world.say('Rina', `/kk gabung ${CANARY_KK}`);
});
afterEach(async () => world.close());

describe('the duka levy per household', () => {
  it('is set by the treasury, announced with the death, and owed once by each household on the roster that day', async () => {
    expect(await world.say('Andi', '/duka iuran 5rb per KK')).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Bu Sri', '/duka iuran lima ribu per KK')).toContain('❌');
    expect(await world.db.read.dukaLevySetting.count()).toBe(0);
    expect(await world.say('Bu Sri', '/duka iuran 5rb per KK')).toBe(
      '✅ Iuran duka Rp5.000 per KK, ke dana kematian, berlaku untuk duka yang dicatat mulai sekarang. ' +
        'Setiap KK yang terdaftar pada hari wafatnya menanggungnya sekali; duka yang sudah dicatat tidak berubah.',
    );
    expect(await world.say('Andi', '/duka iuran')).toContain('Iuran duka: Rp5.000 per KK untuk setiap duka, ke dana kematian.');

    world.clock.set('2026-11-05T03:00:00Z');
    const announcement = await world.say('Bu Sri', '/duka Bapak Karto Wiyono, kemarin, RT 03');
    expect(announcement).toContain('Keluarga besar WKSBM Sukamaju turut berduka cita.\nIuran duka Rp5.000 per KK ke dana kematian: /setor 5.000 kematian');
    // A household added after the death does not owe it.
    await world.say('Bu Sri', '/kk tambah Bu Tini');
    expect(await world.say('Andi', '/tunggakan')).toBe('Iuran duka: 0 dari 2 KK sudah lunas.');
    // The pengurus sees names in private; the group never does.
    const named = await world.say('Bu Sri', '/tunggakan', { chat: null });
    expect(named).toContain('Iuran duka: 2 dari 2 KK belum lunas, total Rp10.000');
    expect(named).toContain(`• ${CANARY_KK}: Rp5.000 (duka #1 Bapak Karto Wiyono Rp5.000)`);
    expect(named).not.toContain('Bu Tini:');

    // A second death at a new levy; the first keeps its own.
    await world.say('Bu Sri', '/duka iuran 10rb per KK');
    await world.say('Bu Sri', '/duka Mbah Sastro');
    expect(await world.say('Bu Sri', '/tunggakan', { chat: null })).toContain(
      `• ${CANARY_KK}: Rp15.000 (duka #1 Bapak Karto Wiyono Rp5.000, duka #2 Mbah Sastro Rp10.000)`,
    );
    expect(await world.say('Bu Sri', '/duka iuran 0')).toContain('dihentikan');
    await world.say('Bu Sri', '/duka Pak Darmo netral');
    const events = await world.db.read.dukaEvent.findMany({ orderBy: { number: 'asc' } });
    expect(events.map((event) => event.levy)).toEqual([5000n, 10000n, 0n]);
  });

  it('is paid by /setor into the kematian fund oldest death first, before the monthly iuran, and a /koreksi reverses it', async () => {
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    await world.say('Bu Sri', '/duka iuran 5rb per KK');
    await world.say('Bu Sri', '/duka Bapak Karto Wiyono');
    await world.say('Bu Sri', '/duka Mbah Sastro');

    const paid = await world.say('Bu Sri', '/setor 7rb kematian dari KK Pak Budi');
    // What is still owed is arrears: never in the group, only privately.
    expect(paid).toContain('Iuran duka KK Pak Budi: tercatat, belum lunas. Rinciannya lewat chat pribadi dengan bot: /iuran saya');
    expect(paid).not.toContain('Rp3.000');
    expect(paid).not.toContain('Mbah Sastro');
    expect(await world.say('Andi', '/iuran saya', { chat: null })).toContain('Iuran duka: kurang Rp3.000 (duka #2 Mbah Sastro Rp3.000 (sisa))');
    expect(paid).not.toContain('Iuran Kematian KK');
    const both = await world.say('Bu Sri', '/setor 13rb kematian dari KK Pak Budi');
    expect(both).toContain('Iuran duka KK Pak Budi: lunas.');
    expect(both).toContain('Iuran Kematian KK Pak Budi: November 2026 lunas.');
    const number = Number(/#(\d+)/.exec(both)![1]);
    expect(await world.say('Andi', '/tunggakan')).toContain('Iuran duka: 1 dari 2 KK sudah lunas.');

    const reversed = await world.say('Bu Sri', `/koreksi ${number} salah catat`);
    expect(reversed).toContain('Pembayaran iuran 1 KK dari catatan itu ikut dibatalkan');
    expect(await world.say('Bu Sri', '/tunggakan', { chat: null })).toContain('• Pak Budi: Rp3.000 (duka #2 Mbah Sastro Rp3.000 (sisa))');
    // Append-only: the reversal is a negative row pointing at the one it reverses.
    const rows = await world.db.read.dukaLevyPayment.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.amount, row.reversesId])).toEqual([
      [7000n, null],
      [3000n, null],
      [-3000n, rows[1]!.id],
    ]);
    // Money: the fund equals its entries; the levy never holds more than was paid into the fund.
    const fund = await kematian();
    const entries = await world.db.read.ledgerEntry.findMany({ where: { fundId: fund.id } });
    expect(fund.balance).toBe(entries.reduce((sum, entry) => sum + entry.amount, 0n));
    expect(fund.balance).toBe(7000n);
  });

  it('keeps money beyond the levy as credit for the next death when the fund has no iuran, and a replayed message pays once', async () => {
    await world.say('Bu Sri', '/duka iuran 5rb per KK');
    await world.say('Bu Sri', '/duka Bapak Karto Wiyono');
    const message = { chat: 'rt05', messageId: 'setor-budi-1' } as const;
    expect(await world.say('Bu Sri', '/setor 8rb kematian dari KK Pak Budi', message)).toContain(
      'Iuran duka KK Pak Budi: lunas, titipan Rp3.000 untuk duka berikutnya.',
    );
    await world.say('Bu Sri', '/setor 8rb kematian dari KK Pak Budi', message);
    expect(await world.db.read.dukaLevyPayment.count()).toBe(1);
    await world.say('Bu Sri', '/duka Mbah Sastro');
    expect(await world.say('Bu Sri', '/tunggakan', { chat: null })).toContain(
      'Iuran duka: 2 dari 2 KK belum lunas, total Rp12.000\n• Pak Budi: Rp2.000 (duka #2 Mbah Sastro Rp2.000 (sisa))\n' +
        `• ${CANARY_KK}: Rp10.000 (duka #1 Bapak Karto Wiyono Rp5.000, duka #2 Mbah Sastro Rp5.000)`,
    );
    expect(await world.say('Bu Sri', '/setor 2rb kematian dari KK Pak Budi')).toContain('Iuran duka KK Pak Budi: lunas');
  });

  it("shows a member their household's levy in /iuran saya, and a perantau's /sahkan says what went to the levy", async () => {
    await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    await world.say('Bu Sri', '/duka iuran 5rb per KK');
    expect(await world.say('Andi', '/iuran saya', { chat: null })).not.toContain('Iuran duka');
    await world.say('Bu Sri', '/duka Bapak Karto Wiyono');
    expect(await world.say('Andi', '/iuran saya', { chat: null })).toBe(
      'WKSBM Sukamaju — KK Pak Budi (RT 03)\nKematian: kurang Rp10.000 (November 2026)\nIuran duka: kurang Rp5.000 (duka #1 Bapak Karto Wiyono Rp5.000)',
    );

    // A perantau pays from their private chat; the /sahkan says what the money covered, levy first.
    const pending = await world.say('Andi', '/setor 15rb kematian', { chat: null });
    expect(pending).toContain('menunggu pengesahan bendahara');
    const approved = await world.say('Bu Sri', `/sahkan ${/#(\d+)/.exec(pending)![1]}`);
    expect(approved).toContain('Iuran duka KK Pak Budi: lunas.');
    expect(approved).toContain('Iuran Kematian KK Pak Budi: November 2026 lunas.');
    expect(await world.say('Andi', '/iuran saya', { chat: null })).toContain('Kematian: lunas\nIuran duka: lunas');
    // The other household was not asked about and is not shown.
    expect(await world.say('Rina', '/iuran saya', { chat: null })).toContain(`KK ${CANARY_KK}`);
  });

  it('reminds households in arrears privately the next morning, never the ones that paid, and names nobody in the group or the log', async () => {
    await world.say('Bu Sri', '/duka iuran 5rb per KK');
    await world.say('Bu Sri', '/duka Bapak Karto Wiyono');
    await world.say('Bu Sri', '/setor 5rb kematian dari KK Pak Budi');
    await dispatchAll();
    expect(sent.filter((m) => m.chatId.startsWith('private:'))).toEqual([]);
    world.clock.set('2026-11-03T02:30:00Z'); // Tuesday 09.30 WIB
    await dispatchAll();
    const privately = sent.filter((m) => m.chatId.startsWith('private:'));
    expect(privately).toEqual([
      {
        chatId: 'private:rina',
        text:
          `🔔 Pengingat iuran duka — WKSBM Sukamaju\nKK ${CANARY_KK}: kurang Rp5.000 (duka #1 Bapak Karto Wiyono Rp5.000).\n` +
          'Bayar ke bendahara, atau bila jauh kirim di sini: /setor 5.000 kematian',
      },
    ]);
    for (const message of sent.filter((m) => !m.chatId.startsWith('private:'))) expect(message.text).not.toContain(CANARY_KK);
    expect(memory.lines.join('')).not.toContain(CANARY_KK);
    // Restarting plans nothing twice: the reminder was a durable outbox row, sent once.
    world = await world.restart();
    world.clock.set('2026-11-03T05:00:00Z');
    await dispatchAll();
    expect(sent.filter((m) => m.chatId === 'private:rina')).toHaveLength(1);
  });
});

describe('levyStanding', () => {
  const events = [
    { number: 1, name: 'A', diedOn: '2026-11-01', levy: 5000n },
    { number: 2, name: 'B', diedOn: '2026-11-10', levy: 2000n },
    { number: 3, name: 'C', diedOn: '2026-12-01', levy: 0n },
  ];
  it('covers deaths oldest first and counts only those of the household tenure', () => {
    const tenure = { since: '2026-11-05', leftOn: null };
    expect(levyStanding(events, tenure, 0n)).toMatchObject({ due: 2000n, arrears: 2000n, credit: 0n });
    const full = { since: '2026-10-01', leftOn: null };
    const partial = levyStanding(events, full, 6000n);
    expect(partial.arrears).toBe(1000n);
    expect(partial.owed.map((owed) => [owed.event.number, owed.missing])).toEqual([[2, 1000n]]);
    expect(levyStanding(events, full, 9000n)).toMatchObject({ arrears: 0n, credit: 2000n, owed: [] });
    expect(levyStanding(events, { since: '2026-10-01', leftOn: '2026-11-05' }, 0n).due).toBe(5000n);
  });
});
