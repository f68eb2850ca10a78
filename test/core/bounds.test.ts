import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world.js';

/** Monday 23 November 2026, 12.00 WIB. */
const NOW = '2026-11-23T05:00:00Z';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  world.clock.set(NOW);
});
afterEach(async () => world.close());

/** Everything a refused command must have left alone. */
async function stored() {
  const read = world.db.read;
  const counts = await Promise.all([
    read.wksbm.count(),
    read.ledgerEntry.count(),
    read.submission.count(),
    read.meeting.count(),
    read.meetingRsvp.count(),
    read.meetingAttendance.count(),
    read.caseEvent.count(),
    read.inboundMessage.count(),
  ]);
  const occurrences = await read.meetingOccurrence.findMany({ select: { minutes: true, place: true, agenda: true } });
  return { counts, occurrences };
}

const long = (n: number) => 'x'.repeat(n);

async function linked() {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'Assalamualaikum');
  await world.say('Bu Sri', '/setor 100rb kas');
  await world.say('Bu Sri', '/setor 5000 kas dari Pak Budi');
  await world.say('Pak Budi', '/setor 5000 kas');
  await world.say('Bu Sri', '/rapat insidental besok 19.00 Balai | Arisan');
}

describe('bounds on free text', () => {
  it('refuses a 200,000-character note before reading it, recording nothing', async () => {
    await linked();
    const before = await stored();
    const answer = await world.say('Bu Sri', `/setor 5000 kas ${long(200_000)}`);
    expect(answer).toMatch(/^❌ Pesan terlalu panjang: 200\.01\d huruf, paling banyak 4\.096\. Tidak ada yang dicatat\./);
    expect(answer.length).toBeLessThan(300);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['/mulai', () => `/mulai ${long(101)}`, 'Nama WKSBM terlalu panjang: 101 huruf, paling banyak 100'],
    ['/setor note', () => `/setor 5000 kas ${long(201)}`, 'Catatan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/setor dari', () => `/setor 5000 kas dari ${'Budi'.repeat(16)}, iuran`, 'Nama terlalu panjang: 64 huruf, paling banyak 60'],
    ['/keluar', () => `/keluar 5000 kas ${long(201)}`, 'Keperluan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/koreksi', () => `/koreksi 1 ${long(201)}`, 'Alasan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/tolak', () => `/tolak 3 ${long(201)}`, 'Alasan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/izin', () => `/izin 1 ${long(201)}`, 'Alasan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/rapat batal', () => `/rapat batal 1 ${long(201)}`, 'Alasan terlalu panjang: 201 huruf, paling banyak 200'],
    ['/rapat place', () => `/rapat insidental lusa 19.00 ${long(101)} | Arisan`, 'Tempat terlalu panjang: 101 huruf, paling banyak 100'],
    ['/rapat agenda', () => `/rapat insidental lusa 19.00 Balai | ${long(301)}`, 'Acara terlalu panjang: 301 huruf, paling banyak 300'],
    ['/notulen', () => `/notulen 1 ${long(2001)}`, 'Notulen terlalu panjang: 2.001 huruf, paling banyak 2.000'],
    ['/absen', () => `/absen 1 Bu Sri, ${long(61)}`, 'Nama terlalu panjang: 61 huruf, paling banyak 60'],
    ['/dana tambah', () => `/dana tambah ${long(31)}`, 'Nama dana terlalu panjang: 31 huruf, paling banyak 30'],
  ])('refuses a long %s with its limit and records nothing', async (_what, text, why) => {
    if (!text().startsWith('/mulai')) await linked();
    const before = await stored();
    const answer = await world.say('Bu Sri', text());
    expect(answer).toContain(`❌ ${why}. Tidak ada yang dicatat.`);
    expect(await stored()).toEqual(before);
  });

  it('accepts texts at their limit', async () => {
    await linked();
    expect(await world.say('Bu Sri', `/setor 5000 kas ${long(200)}`)).toMatch(/^✅ #4/);
    expect(await world.say('Bu Sri', `/keluar 5000 kas ${long(200)}`)).toMatch(/^✅ #5/);
    expect(await world.say('Bu Sri', `/notulen 1 ${long(2000)}`)).not.toContain('❌');
    expect(await world.say('Pak Budi', `/izin 1 ${'🙏'.repeat(200)}`)).not.toContain('❌');
  });

  it('refuses a long note on a case', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await world.say('Bu Sri', '/mulai pengurus', { chat: 'pengurus' });
    await world.say('Warga', 'Assalamualaikum');
    await world.say('Warga', '/lapor', { chat: null });
    for (const answer of ['8', 'Mbah Sumi', 'RT 03', 'Sakit, tinggal sendiri', '1', 'lewati', '2']) await world.say('Warga', answer, { chat: null });
    expect(await world.db.read.case.count()).toBe(1);
    const before = await stored();
    const answer = await world.say('Bu Sri', `/kasus 1 verifikasi ${long(501)}`, { chat: null });
    expect(answer).toContain('❌ Catatan terlalu panjang: 501 huruf, paling banyak 500. Tidak ada yang dicatat.');
    expect(await stored()).toEqual(before);
  });
});

describe('/riwayat in pages', () => {
  const LONG_NAME = 'Raden Mas Haryo Bagus Kusumo Wicaksono Adiningrat Suryo Hadinegoro';

  beforeEach(async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    // A name as long as Telegram allows, from the platform; each setor of an anggota waits as a submission.
    for (let i = 1; i <= 25; i++) await world.say(LONG_NAME, `/setor ${i}000 kas ${long(150)}`);
  });

  it('answers with one message of ten, and says how to see more', async () => {
    const replies = await world.core.handle({
      chat: { channel: 'console', id: 'rt05', kind: 'group' },
      sender: { id: 'pak budi', name: 'Pak Budi' },
      messageId: 'riwayat-1',
      text: '/riwayat',
    });
    expect(replies).toHaveLength(1);
    const lines = replies[0]!.text.split('\n');
    expect(lines[0]).toBe('📒 Catatan terbaru, halaman 1 (terbaru di atas):');
    expect(lines.slice(1, 11).map((line) => line.split(' ')[0])).toEqual(['#25', '#24', '#23', '#22', '#21', '#20', '#19', '#18', '#17', '#16']);
    expect(lines.at(-1)).toBe('Lihat lebih banyak: /riwayat 2');
    expect(replies[0]!.text.length).toBeLessThan(4096);
    // Long names and notes are shortened in the list; the entry itself keeps them.
    expect(replies[0]!.text).not.toContain(LONG_NAME);
    expect(lines[1]).toContain('Raden Mas Haryo Bagus Kusumo…');
  });

  it('pages on, by fund too, and ends without a link', async () => {
    const second = await world.say('Pak Budi', '/riwayat 2');
    expect(second.split('\n')[1]).toMatch(/^#15 /);
    expect(second).toContain('Lihat lebih banyak: /riwayat 3');
    const last = await world.say('Pak Budi', '/riwayat kas 3');
    expect(last.split('\n')[0]).toBe('📒 Catatan terbaru dana Kas, halaman 3 (terbaru di atas):');
    expect(last.split('\n').slice(1).map((line) => line.split(' ')[0])).toEqual(['#5', '#4', '#3', '#2', '#1']);
    expect(last).not.toContain('Lihat lebih banyak');
    expect(await world.say('Pak Budi', '/riwayat 4')).toContain('Tidak ada catatan di halaman 4.');
    expect(await world.say('Pak Budi', '/riwayat kas 2')).toContain('Lihat lebih banyak: /riwayat kas 3');
  });

  it.each(['/riwayat 0', '/riwayat 101'])('refuses "%s" and says the pages allowed', async (text) => {
    const answer = await world.say('Pak Budi', text);
    expect(answer).toContain('halaman 1–100');
    expect(answer).not.toContain('📒');
  });
});
