import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, groupMessage, type World } from '../helpers/world.js';

/** Monday 23 November 2026, 12.00 WIB. */
const NOW = '2026-11-23T05:00:00Z';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  world.clock.set(NOW);
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'Assalamualaikum');
  await world.say('Bu Ani', 'Nggih');
});
afterEach(async () => world.close());

const pendingReminders = () =>
  world.db.read.outbox.findMany({ where: { status: 'pending' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });

async function saved() {
  const read = world.db.read;
  const [meetings, occurrences, outbox] = await Promise.all([read.meeting.count(), read.meetingOccurrence.count(), read.outbox.count()]);
  return { meetings, occurrences, outbox };
}

describe('/rapat', () => {
  it('announces a rutin meeting, repeating what it understood with the next date spelled out', async () => {
    const answer = await world.say('Bu Sri', '/rapat rutin minggu kedua 19.30 Balai RW 05 | Arisan dan laporan kas');
    expect(answer).toContain('Rapat rutin dicatat: setiap hari Minggu kedua tiap bulan pukul 19.30 WIB');
    expect(answer).toContain('Tempat: Balai RW 05\nAcara: Arisan dan laporan kas');
    expect(answer).toContain('Berikutnya: #1 Minggu, 13 Desember 2026 pukul 19.30 WIB');
    expect(answer).toContain('Pengingat ke grup: H-1 pukul 19.00 dan 1 jam sebelumnya.');
    const reminders = await pendingReminders();
    expect(reminders.map((row) => [row.chatId, row.dueAt.toISOString(), row.notAfter?.toISOString()])).toEqual([
      ['rt05', '2026-12-12T12:00:00.000Z', '2026-12-13T12:30:00.000Z'],
      ['rt05', '2026-12-13T11:30:00.000Z', '2026-12-13T12:30:00.000Z'],
    ]);
  });

  it('puts Hadir and Izin buttons under the announcement, also when the message is redelivered', async () => {
    const announcement = groupMessage('Bu Sri', '/rapat insidental besok 19.00 Rumah Pak RT | Persiapan santunan');
    const replies = await world.core.handle(announcement);
    expect(await world.core.handle(announcement)).toEqual(replies);
    expect(replies[0]!.text).toContain('Rapat insidental #1 dicatat: Selasa, 24 November 2026 pukul 19.00 WIB');
    expect(replies[0]!.actions).toEqual([
      { label: '✅ Hadir', command: '/hadir 1' },
      { label: '🙏 Izin', command: '/izin 1' },
    ]);
  });

  it('refuses what it cannot understand with an example and saves nothing', async () => {
    for (const text of ['/rapat rutin kadang-kadang 19.00 Balai', '/rapat insidental besok Balai', '/rapat insidental 31/2 19.00 Balai', '/rapat']) {
      const answer = await world.say('Bu Sri', text);
      expect(answer).toContain('Contoh');
    }
    expect(await world.say('Bu Sri', '/rapat insidental hari ini 10.00 Balai')).toContain('waktu itu sudah lewat');
    expect(await saved()).toEqual({ meetings: 0, occurrences: 0, outbox: 0 });
  });

  it('reads times as people say them, and asks for a clock time instead of a prayer time', async () => {
    const answer = await world.say('Bu Sri', '/rapat insidental 3 desember jam 8 pagi Masjid | Kerja bakti');
    expect(answer).toContain('Rapat insidental #1 dicatat: Kamis, 3 Desember 2026 pukul 08.00 WIB');
    expect(await world.say('Bu Sri', '/rapat ubah 1 jam 7 malam')).toContain('Kamis, 3 Desember 2026 pukul 19.00 WIB');
    const before = await saved();
    const prayer = await world.say('Bu Sri', "/rapat insidental 4 desember ba'da isya Masjid | Yasinan");
    expect(prayer).toContain("❌ Rapat tidak disimpan: waktu salat (misalnya ba'da isya) berbeda menurut tempat dan hari");
    expect(prayer).toContain('tulis jamnya, misalnya jam 19.30 atau jam 7 malam');
    expect(await world.say('Bu Sri', "/rapat ubah 1 ba'da isya")).toContain('❌ Rapat tidak diubah: waktu salat');
    expect(await saved()).toEqual(before);
  });

  it('lets only a ketua or sekretaris announce, move or cancel', async () => {
    const answer = await world.say('Pak Budi', '/rapat insidental besok 19.00 Rumah Pak RT');
    expect(answer).toContain('hanya untuk ketua atau sekretaris');
    await world.say('Bu Sri', '/peran Pak Budi sekretaris');
    expect(await world.say('Pak Budi', '/rapat insidental besok 19.00 Rumah Pak RT')).toContain('#1 dicatat');
    expect(await world.say('Bu Ani', '/rapat batal 1')).toContain('hanya untuk ketua atau sekretaris');
  });

  it('applies a redelivered announcement once and answers it the same way', async () => {
    const first = await world.say('Bu Sri', '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian', { messageId: 'm-1' });
    const again = await world.say('Bu Sri', '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian', { messageId: 'm-1' });
    expect(again).toBe(first);
    expect((await saved()).meetings).toBe(1);
    // Five Fridays within the planning horizon, each with its own number.
    expect(await world.db.read.meetingOccurrence.count()).toBe(5);
  });
});

describe('answering and /jadwal', () => {
  beforeEach(async () => {
    await world.say('Bu Sri', '/rapat insidental besok 19.00 Rumah Pak RT | Persiapan santunan');
    await world.say('Bu Sri', '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian');
  });

  it('records /hadir and /izin for the next meeting or a numbered one, and /jadwal shows who comes', async () => {
    expect(await world.say('Pak Budi', '/hadir')).toContain('Pak Budi hadir di rapat #1 (Selasa, 24 November 2026 pukul 19.00 WIB');
    expect(await world.say('Bu Ani', '/izin 1 menjaga cucu')).toContain('Izin Bu Ani untuk rapat #1');
    expect(await world.say('Bu Ani', '/hadir 2')).toContain('Bu Ani hadir di rapat #2');
    const schedule = await world.say('Bu Sri', '/jadwal');
    expect(schedule).toContain('#1 Selasa, 24 November 2026 pukul 19.00 WIB — Rumah Pak RT (Persiapan santunan)\n   Hadir (1): Pak Budi · Izin (1): Bu Ani');
    expect(schedule).toContain('#2 Jumat, 27 November 2026 pukul 20.00 WIB — Mushola Al-Ikhlas (Pengajian)\n   Hadir (1): Bu Ani');
    // Changing one's mind replaces the answer.
    await world.say('Pak Budi', '/izin 1 ada tamu');
    expect(await world.say('Bu Sri', '/rapat 1')).toContain('Izin (2): Bu Ani (menjaga cucu), Pak Budi (ada tamu)');
  });

  it('refuses answers for an unknown, cancelled or started meeting', async () => {
    expect(await world.say('Pak Budi', '/hadir 99')).toContain('Rapat #99 tidak ada');
    await world.say('Bu Sri', '/rapat batal 1 hujan');
    expect(await world.say('Pak Budi', '/hadir 1')).toContain('sudah dibatalkan');
    world.clock.set('2026-11-27T13:05:00Z'); // Friday 20.05 WIB
    expect(await world.say('Pak Budi', '/hadir 2')).toContain('sudah dimulai atau lewat');
  });
});

describe('changing meetings', () => {
  beforeEach(async () => {
    await world.say('Bu Sri', '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian');
  });

  it('cancels one occurrence with a reason and withdraws its reminders', async () => {
    const answer = await world.say('Bu Sri', '/rapat batal 1 pengajian diliburkan');
    expect(answer).toBe('🚫 Rapat #1 (Jumat, 27 November 2026 pukul 20.00 WIB, Mushola Al-Ikhlas) DIBATALKAN.\nAlasan: pengajian diliburkan');
    const subjects = (await pendingReminders()).map((row) => row.subject);
    expect(subjects).not.toContain('occurrence:1');
    expect(subjects).toContain('occurrence:2');
    expect(await world.say('Bu Sri', '/jadwal')).toContain('🚫 DIBATALKAN: pengajian diliburkan');
  });

  it('cancels a whole series, and the scheduler plans no more of it', async () => {
    const answer = await world.say('Bu Sri', '/rapat batal 2 semua ustadz pindah');
    expect(answer).toContain('Rapat rutin setiap hari Jumat pukul 20.00 WIB dihentikan');
    expect(answer).toContain('#1 Jumat, 27 November 2026');
    expect(answer).toContain('#5 Jumat, 25 Desember 2026');
    expect(await pendingReminders()).toEqual([]);
    world.clock.set('2027-01-20T05:00:00Z');
    expect(await world.stores.planner.topUp(world.clock.now(), 100)).toBe(0);
  });

  it('moves one occurrence and plans its reminders for the new time', async () => {
    const answer = await world.say('Bu Sri', '/rapat ubah 1 sabtu 19.30 Balai RW 05 | Pengajian akbar');
    expect(answer).toContain('Dari: Jumat, 27 November 2026 pukul 20.00 WIB\nMenjadi: Sabtu, 28 November 2026 pukul 19.30 WIB');
    expect(answer).toContain('Tempat: Balai RW 05\nAcara: Pengajian akbar');
    const first = (await pendingReminders()).filter((row) => row.subject === 'occurrence:1');
    expect(first.map((row) => row.dueAt.toISOString())).toEqual(['2026-11-27T12:00:00.000Z', '2026-11-28T11:30:00.000Z']);
    expect(await world.say('Bu Sri', '/rapat ubah 1 10/11/2026 19.00')).toContain('sudah lewat');
  });

  it('keeps meetings at the same wall-clock time when the WKSBM changes zone', async () => {
    expect(await world.say('Bu Sri', '/zona')).toContain('Zona waktu WKSBM ini: WIB');
    expect(await world.say('Pak Budi', '/zona WIT')).toContain('hanya untuk ketua atau sekretaris');
    expect(await world.say('Bu Sri', '/zona WITA')).toContain('Zona waktu WKSBM sekarang WITA (sebelumnya WIB). 5 rapat mendatang');
    expect(await world.say('Bu Sri', '/jadwal')).toContain('#1 Jumat, 27 November 2026 pukul 20.00 WITA');
    const reminder = (await pendingReminders())[0]!;
    expect(reminder.dueAt.toISOString()).toBe('2026-11-26T11:00:00.000Z'); // Thursday 19.00 WITA
    expect(await world.say('Bu Sri', '/rapat insidental besok 19.00 WIB Balai')).toContain('bukan zona WKSBM ini (WITA)');
  });

  it('changes when reminders go out and plans the upcoming ones again', async () => {
    expect(await world.say('Bu Ani', '/pengingat')).toContain('H-1 pukul 19.00 dan 1 jam sebelumnya');
    expect(await world.say('Bu Ani', '/pengingat 2 jam')).toContain('hanya untuk ketua atau sekretaris');
    expect(await world.say('Bu Sri', '/pengingat tiap saat')).toContain('tidak terbaca');
    expect(await world.say('Bu Sri', '/pengingat H-2 08.00, 30 menit')).toContain('H-2 pukul 08.00 dan 30 menit sebelumnya');
    const first = (await pendingReminders()).filter((row) => row.subject === 'occurrence:1');
    expect(first.map((row) => row.dueAt.toISOString())).toEqual(['2026-11-25T01:00:00.000Z', '2026-11-27T12:30:00.000Z']);
    expect(await world.say('Bu Sri', '/pengingat mati')).toContain('tidak ada (dimatikan)');
    expect(await pendingReminders()).toEqual([]);
  });
});

describe('attendance and minutes', () => {
  it('records who came and the minutes, shown by /rapat <no>', async () => {
    await world.say('Bu Sri', '/rapat insidental besok 19.00 Rumah Pak RT | Persiapan santunan');
    world.clock.set('2026-11-24T13:30:00Z');
    expect(await world.say('Pak Budi', '/absen 1 Bu Sri')).toContain('hanya untuk ketua atau sekretaris');
    expect(await world.say('Bu Sri', '/absen 1 Bu Sri, budi, Pak Lurah')).toContain('3 nama ditambahkan, 3 orang tercatat');
    expect(await world.say('Bu Sri', '/absen 1 Pak Budi dan Bu Ani')).toContain('1 nama ditambahkan, 4 orang tercatat');
    expect(await world.say('Bu Sri', '/absen 1')).toContain('Format: /absen');
    expect(await world.say('Bu Sri', '/notulen 1 Santunan Rp500.000 untuk Mbah Karto.')).toContain('Notulen rapat #1 disimpan');
    await world.say('Bu Sri', '/notulen 1 Penyaluran Sabtu pagi.');
    const detail = await world.say('Pak Budi', '/rapat 1');
    expect(detail).toContain('Daftar hadir (4): Bu Sri, Pak Budi, Pak Lurah, Bu Ani');
    expect(detail).toContain('Notulen:\nBu Sri: Santunan Rp500.000 untuk Mbah Karto.\nBu Sri: Penyaluran Sabtu pagi.');
  });
});

describe('a second process', () => {
  it('reads dates in the zone another process set, not in a cached one', async () => {
    // 1. this process has the WKSBM (zone WIB) cached; another one, sharing the file, sets WIT
    expect(await world.say('Bu Sri', '/zona')).toContain('WIB');
    const other = await createWorld({ url: world.db.url, clock: world.clock });
    expect(await other.say('Bu Sri', '/zona WIT')).toContain('sekarang WIT');
    await other.close();
    // 2. a meeting announced here afterwards is read in WIT
    expect(await world.say('Bu Sri', '/rapat insidental besok 19.00 Balai')).toContain('Selasa, 24 November 2026 pukul 19.00 WIT');
    const occurrence = await world.db.read.meetingOccurrence.findFirstOrThrow();
    expect(occurrence.startsAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });
});
