import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MONTHS, reportText } from '../../../src/core/index.js';
import { pdfPages } from '../../helpers/report-files.js';
import { createTestClock, createWorld, type World } from '../../helpers/world.js';

let world: World;
// The stores stamp entries with the real time: the clock stands a minute ahead, so "bulan ini" holds them.
const clock = createTestClock();
let month: string;
beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  const local = DateTime.fromJSDate(clock.now(), { zone: 'Asia/Jakarta' });
  month = `${MONTHS[local.month - 1]} ${local.year}`;
  world = await createWorld({ clock });
});
afterEach(async () => world.close());

const inPrivate = { chat: null } as const;
const NAME = 'Mbah Sainem Canarius';

/** rt05 is WKSBM Sukamaju: Bu Sri ketua, Pak Budi bendahara, Bu Ani anggota; some money and help for a case. */
async function sukamaju() {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Ani', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
  await world.say('Pak Budi', '/setor 500000 kas donasi perantau');
  await world.say('Pak Budi', '/setor 25000 jimpitan');
  await world.say('Bu Ani', '/setor 10000 kas');
  const wksbm = await world.db.read.wksbm.findFirstOrThrow();
  const aid = await world.db.write.case.create({
    data: { wksbmId: wksbm.id, category: 'lanjut-usia-terlantar', subject: NAME, location: 'RT 03', description: 'sakit', urgency: 'segera', anonymous: true },
  });
  await world.say('Pak Budi', `/keluar 150000 kas santunan ${NAME} kasus ${aid.id}`);
}

const slug = () => DateTime.fromJSDate(clock.now(), { zone: 'Asia/Jakarta' }).toFormat('yyyy-MM');
const outboxRows = () => world.db.read.outbox.findMany({ orderBy: { id: 'asc' } });

describe('/laporan in the group', () => {
  it('gives a pengurus the summary at once and the PDF, XLSX and CSV through the outbox', async () => {
    await sukamaju();
    const summary = await world.say('Bu Sri', '/laporan');
    expect(summary).toContain(`📊 Laporan WKSBM Sukamaju — ${month}`);
    expect(summary).toContain('Kas: saldo awal Rp0, masuk Rp500.000, keluar Rp150.000, saldo akhir Rp350.000');
    expect(summary).toContain('1 setoran anggota masih menunggu pengesahan');
    expect(summary).toContain('Berkas PDF, Excel (XLSX) dan CSV menyusul');
    expect(summary).not.toContain('Canarius');

    expect(await world.deliver()).toBe(1);
    expect(world.documents.map((document) => [document.chatId, document.fileName])).toEqual([
      ['rt05', `LPJ-WKSBM-Sukamaju-${slug()}.pdf`],
      ['rt05', `LPJ-WKSBM-Sukamaju-${slug()}.xlsx`],
      ['rt05', `LPJ-WKSBM-Sukamaju-${slug()}.csv`],
    ]);
    const pdf = pdfPages(world.documents[0]!.path).join('\n');
    expect(pdf).toContain('LAPORAN PERTANGGUNGJAWABAN');
    expect(pdf).toContain('Lanjut Usia Terlantar');
    expect(pdf).toContain('M.S.C.');
    expect(pdf).not.toContain('Canarius');
    expect(pdf).toMatch(/Mengetahui,[\s\S]*Ketua WKSBM Sukamaju[\s\S]*Bu Sri/);
  });

  it('answers a redelivered /laporan as before and queues the files once', async () => {
    await sukamaju();
    const first = await world.say('Bu Sri', '/laporan bulan ini', { messageId: 'm-1' });
    expect(await world.say('Bu Sri', '/laporan bulan ini', { messageId: 'm-1' })).toBe(first);
    expect(await outboxRows()).toHaveLength(1);
  });

  it('gives an anggota the summary only', async () => {
    await sukamaju();
    const summary = await world.say('Bu Ani', '/rekap');
    expect(summary).toContain('Kas: saldo awal Rp0');
    expect(summary).toContain('dikirim bila pengurus yang meminta');
    expect(await outboxRows()).toHaveLength(0);
  });

  it('explains a period it cannot read, with examples, and queues nothing', async () => {
    await sukamaju();
    const refused = await world.say('Bu Sri', '/lpj kemarin sore');
    expect(refused).toContain('"kemarin sore": periodenya tidak saya kenali');
    expect(refused).toContain('triwulan 3 2026');
    expect(await world.say('Bu Sri', '/laporan desember 2099')).toContain('periode itu belum dimulai');
    expect(await outboxRows()).toHaveLength(0);
  });

  it('keeps the confidential version out of the group', async () => {
    await sukamaju();
    expect(await world.say('Bu Sri', '/laporan rahasia')).toContain('hanya dikirim lewat chat pribadi');
    expect(await outboxRows()).toHaveLength(0);
  });
});

describe('/laporan in a private chat', () => {
  it('asks someone without a pengurus role whether they meant /lapor, which still reports a warga', async () => {
    await sukamaju();
    expect(await world.say('Bu Ani', '/laporan', inPrivate)).toContain('Maksud Anda /lapor?');
    expect(await world.say('Pak Joko', '/laporan', inPrivate)).toContain('Maksud Anda /lapor?');
    expect(await world.say('Bu Ani', '/lapor', inPrivate)).toContain('Laporan untuk WKSBM Sukamaju');
  });

  it('sends a pengurus the confidential version, naming the people helped, to the private chat only', async () => {
    await sukamaju();
    expect(await world.say('Bu Sri', '/laporan rahasia bulan ini', inPrivate)).toContain('📊 Laporan WKSBM Sukamaju');
    await world.deliver();
    expect(world.documents.map((document) => document.chatId)).toEqual(['private:bu sri', 'private:bu sri', 'private:bu sri']);
    expect(world.documents[0]!.fileName).toBe(`LPJ-WKSBM-Sukamaju-${slug()}-RAHASIA.pdf`);
    const pdf = pdfPages(world.documents[0]!.path).join('\n');
    expect(pdf).toContain('Canarius');
    expect(pdf).toContain('RAHASIA');
  });
});

describe('/profil', () => {
  it('lets pengurus set the kop and the signatories the LPJ prints', async () => {
    await sukamaju();
    expect(await world.say('Bu Sri', '/profil desa Sukamaju')).toContain('Desa/Kelurahan disimpan');
    await world.say('Bu Sri', '/profil kecamatan Playen');
    await world.say('Bu Sri', '/profil kabupaten Kabupaten Gunungkidul');
    const shown = await world.say('Pak Budi', '/profil bendahara Budi Santoso');
    expect(shown).toContain('Bendahara (tanda tangan): Budi Santoso');
    expect(shown).toContain('Ketua (tanda tangan): Bu Sri');
    expect(await world.say('Bu Ani', '/profil desa Lain')).toContain('hanya untuk ketua, bendahara atau sekretaris');
    expect(await world.say('Bu Sri', '/profil rt 05')).toContain('Format: /profil');

    await world.say('Bu Sri', '/laporan');
    await world.deliver();
    const first = pdfPages(world.documents[0]!.path);
    expect(first[0]).toContain('Desa/Kelurahan Sukamaju, Kecamatan Playen, Kabupaten Gunungkidul');
    expect(first.join('\n')).toContain(`Sukamaju, ${reportText.day(clock.now(), 'Asia/Jakarta')}`);
    expect(first.join('\n')).toContain('Budi Santoso');
  });
});

describe('/laporan otomatis', () => {
  it('turns the monthly report off and on, for pengurus only', async () => {
    await sukamaju();
    expect(await world.say('Bu Ani', '/laporan otomatis mati')).toContain('hanya bisa diatur oleh pengurus');
    expect(await world.say('Bu Sri', '/laporan otomatis mati')).toContain('dimatikan');
    // The evening before the 1st: the monthly report falls due within a day.
    const eve = DateTime.fromJSDate(clock.now(), { zone: 'Asia/Jakarta' }).endOf('month').set({ hour: 12 }).toJSDate();
    expect(await world.stores.monthly.plan(eve)).toBe(0);
    expect(await world.say('Bu Sri', '/laporan otomatis bulanan')).toContain('setiap tanggal 1 pukul 08.00');
    expect(await world.stores.monthly.plan(eve)).toBe(1);
    expect(await world.say('Bu Sri', '/laporan otomatis kadang')).toContain('Format: /laporan otomatis bulanan');
  });
});
