import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;

beforeEach(async () => {
  // Thursday 26 November 2026, 09.00 WIB.
  world = await createWorld();
  world.clock.set('2026-11-26T02:00:00Z');
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Ani', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
  await world.say('Bu Sri', '/peran Bu Ani sekretaris');
});
afterEach(() => world.close());

describe('/duka', () => {
  it('announces a death in the Islamic form by default, exactly as the group reads it', async () => {
    const [announcement, note] = (await world.core.handle({
      chat: { channel: 'console', id: 'rt05', kind: 'group' },
      sender: { id: 'bu ani', name: 'Bu Ani' },
      messageId: 'duka-1',
      text: '/duka Bapak Karto Wiyono, kemarin, RT 03 Dusun Krajan',
    })).map((reply) => reply.text);
    expect(announcement).toBe(
      "Innalillahi wa inna ilaihi raji'un.\n" +
        'Telah berpulang ke rahmatullah Bapak Karto Wiyono pada hari Rabu, 25 November 2026.\n' +
        'Rumah duka: RT 03 Dusun Krajan.\n' +
        'Semoga beliau husnul khatimah, diampuni segala dosanya dan diterima amal ibadahnya, dan keluarga yang ' +
        'ditinggalkan diberi kesabaran dan keikhlasan. Aamiin.\n' +
        'Keluarga besar WKSBM Sukamaju turut berduka cita.',
    );
    expect(note).toContain('Tercatat sebagai duka #1. Santunan dari dana Kematian: /duka santunan 1 <jumlah>');
  });

  it('uses the neutral form when the pengurus writes netral, whatever the name', async () => {
    const text = await world.say('Bu Sri', '/duka Muhammad Yusuf netral');
    expect(text).toContain(
      'Berita duka cita.\nTelah meninggal dunia Muhammad Yusuf pada hari Kamis, 26 November 2026.\n' +
        'Keluarga besar WKSBM Sukamaju turut berduka cita sedalam-dalamnya. Semoga keluarga yang ditinggalkan diberi ' +
        'kekuatan dan penghiburan.',
    );
    expect(text).not.toContain('Innalillahi');
    expect(text).not.toContain('Rumah duka');
    expect(await world.say('Bu Sri', '/duka Yohanes Pareira')).toContain("Innalillahi wa inna ilaihi raji'un.");
  });

  it('is for pengurus; bad input records nothing and says why', async () => {
    await world.say('Pak Joko', 'halo');
    expect(await world.say('Pak Joko', '/duka Pak Darmo')).toContain('hanya untuk ketua, bendahara atau sekretaris');
    expect(await world.say('Bu Sri', '/duka Pak Darmo, 27/11/2026')).toContain('tanggalnya belum lewat. Tidak ada yang diumumkan.');
    expect(await world.say('Pak Joko', '/duka')).toContain('Belum ada duka yang dicatat');
  });

  it('pays a santunan from the kematian fund, linked to the event; refuses when short, saying how much is missing', async () => {
    await world.say('Bu Sri', '/duka Bapak Karto Wiyono, kemarin, RT 03');
    await world.say('Bu Sri', '/setor 300rb kematian');
    expect(await world.say('Pak Budi', '/duka santunan 1 1jt')).toBe(
      '❌ Saldo dana kematian Rp300.000, santunan Rp1.000.000: kurang Rp700.000. Tidak ada yang dicatat.',
    );
    expect(await world.db.read.dukaSantunan.count()).toBe(0);
    expect(await world.say('Bu Ani', '/duka santunan 1 200rb')).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Pak Budi', '/duka santunan 2 200rb')).toContain('Duka #2 tidak ada');
    expect(await world.say('Pak Budi', '/duka santunan 1 200rb')).toMatch(
      /^✅ #\d+ Santunan Rp200\.000 untuk keluarga Bapak Karto Wiyono \(duka #1\) dari dana kematian\. Saldo kematian: Rp100\.000$/,
    );
    expect(await world.say('Pak Budi', '/duka santunan 1 100rb')).toContain('Santunan untuk duka #1 seluruhnya: Rp300.000');
    expect(await world.say('Pak Budi', '/duka santunan 1 1')).toContain('kurang Rp1.');
    const detail = await world.say('Bu Ani', '/duka 1');
    expect(detail).toMatch(/Santunan: #\d+ Rp200\.000, #\d+ Rp100\.000; seluruhnya Rp300\.000/);
    expect(await world.say('Bu Ani', '/duka')).toContain('#1 25 Nov 2026 Bapak Karto Wiyono — santunan Rp300.000');
    const riwayat = await world.say('Bu Ani', '/riwayat kematian 1');
    expect(riwayat).toContain('keluar: Santunan duka #1');
    expect(riwayat).not.toContain('Karto');
    // The fund and its entries agree.
    const fund = await world.db.read.fund.findFirstOrThrow({ where: { name: 'kematian' } });
    const entries = await world.db.read.ledgerEntry.findMany({ where: { fundId: fund.id } });
    expect(fund.balance).toBe(0n);
    expect(entries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(0n);
  });
});
