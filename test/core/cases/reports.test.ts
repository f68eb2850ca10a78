import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => world.close());

const inPrivate = { chat: null } as const;

/** rt05 is WKSBM Sukamaju: Bu Sri ketua, Pak Budi bendahara, Bu Ani anggota. rt06 is Mekarsari: Pak Joko ketua. */
async function groups() {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Ani', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
  await world.say('Pak Joko', '/mulai WKSBM Mekarsari', { chat: 'rt06' });
  world.notices.length = 0;
}

interface Answers {
  category?: string;
  subject?: string;
  location?: string;
  description?: string;
  urgency?: string;
  photo?: string | null;
  anonymous?: boolean;
}

/** Bu Ani (or `user`) writes a whole report; returns the case number and the last answer. */
async function report(user = 'Bu Ani', answers: Answers = {}, start = '/lapor'): Promise<{ number: number; answer: string }> {
  await world.say(user, start, inPrivate);
  await world.say(user, answers.category ?? '8', inPrivate);
  await world.say(user, answers.subject ?? 'Mbah Sainem', inPrivate);
  await world.say(user, answers.location ?? 'RT 03/RW 05, belakang masjid', inPrivate);
  await world.say(user, answers.description ?? 'Tinggal sendiri, sakit, butuh beras dan obat', inPrivate);
  await world.say(user, answers.urgency ?? '1', inPrivate);
  if (answers.photo) await world.say(user, '', { ...inPrivate, photo: answers.photo });
  else await world.say(user, 'lewati', inPrivate);
  const answer = await world.say(user, answers.anonymous === false ? '1' : '2', inPrivate);
  const number = Number(/kasus #(\d+)/.exec(answer)?.[1]);
  return { number, answer };
}

const noticesTo = (chatId: string) => world.notices.filter((notice) => notice.chatId === chatId).map((notice) => notice.text);

describe('/lapor, one step at a time in a private chat', () => {
  it('asks each question, confirms with a case number and who will see it, and tells the pengurus privately', async () => {
    await groups();
    expect(await world.say('Bu Ani', '/lapor', inPrivate)).toContain('Laporan untuk WKSBM Sukamaju');
    expect(await world.say('Bu Ani', 'lanjut usia', inPrivate)).toContain('Siapa yang perlu dibantu?');
    expect(await world.say('Bu Ani', 'Mbah S', inPrivate)).toContain('RT/RW');
    expect(await world.say('Bu Ani', 'RT 03/RW 05', inPrivate)).toContain('Apa yang terjadi');
    expect(await world.say('Bu Ani', 'Sakit, tinggal sendiri', inPrivate)).toContain('Seberapa mendesak?');
    expect(await world.say('Bu Ani', 'mendesak', inPrivate)).toContain('Kirim satu foto, atau ketik lewati');
    expect(await world.say('Bu Ani', '', { ...inPrivate, photo: 'tg-file-123' })).toContain('anonim');
    const done = await world.say('Bu Ani', '1', inPrivate);
    expect(done).toContain('Laporan diterima sebagai kasus #1 untuk WKSBM Sukamaju');
    expect(done).toContain('hanya pengurus WKSBM Sukamaju (ketua, bendahara, sekretaris)');
    expect(done).toContain('Pengurus melihat nama Anda');

    const stored = await world.db.read.case.findUniqueOrThrow({ where: { id: 1 } });
    expect(stored).toMatchObject({
      category: 'lanjut-usia-terlantar',
      subject: 'Mbah S',
      location: 'RT 03/RW 05',
      description: 'Sakit, tinggal sendiri',
      urgency: 'mendesak',
      photoRef: 'tg-file-123',
      anonymous: false,
      status: 'baru',
    });
    expect(await world.db.read.reportDraft.count()).toBe(0);

    // Both pengurus privately; never the members' group, never the anggota.
    expect(noticesTo('private:bu sri')).toEqual([expect.stringContaining('Laporan baru #1 di WKSBM Sukamaju')]);
    expect(noticesTo('private:pak budi')).toHaveLength(1);
    expect(world.notices.map((notice) => notice.chatId).sort()).toEqual(['private:bu sri', 'private:pak budi']);
    // The notice names no one: the details are read with /kasus.
    expect(world.notices[0]!.text).not.toContain('Mbah S');
  });

  it('in a group answers how to reach the bot privately and records nothing of the message', async () => {
    await groups();
    const answer = await world.say('Bu Ani', '/lapor Mbah Sainem sakit di RT 03');
    expect(answer).toContain('chat pribadi');
    expect(answer).toContain(`/lapor ${(await world.db.read.wksbm.findFirstOrThrow()).id}`);
    const telegram = await world.send({
      chat: { channel: 'telegram', id: '-100', kind: 'group' },
      sender: { id: '5', name: 'Bu Ani' },
      messageId: '9',
      text: '/lapor',
      privateStartLink: 'https://t.me/wksbm_bot?start=',
    });
    expect(telegram).toContain('chat pribadi');
    expect(await world.db.read.reportDraft.count()).toBe(0);
    expect(await world.db.read.case.count()).toBe(0);
  });

  it('gives the Telegram deep link of the WKSBM in its linked group', async () => {
    const group = { channel: 'telegram', id: '-100', kind: 'group' } as const;
    await world.send({ chat: group, sender: { id: '1', name: 'Bu Sri', isChatAdmin: true }, messageId: '1', text: '/mulai WKSBM Sukamaju' });
    const id = (await world.db.read.wksbm.findFirstOrThrow()).id;
    const answer = await world.send({
      chat: group,
      sender: { id: '5', name: 'Bu Ani' },
      messageId: '2',
      text: '/lapor',
      privateStartLink: 'https://t.me/wksbm_bot?start=',
    });
    expect(answer).toContain(`https://t.me/wksbm_bot?start=lapor_${id}`);
  });

  it('accepts batal at any step and keeps nothing', async () => {
    await groups();
    const steps = ['8', 'Mbah S', 'RT 03', 'Sakit', '1', 'lewati'];
    for (let at = 0; at <= steps.length; at++) {
      await world.say('Bu Ani', '/lapor', inPrivate);
      for (const answer of steps.slice(0, at)) await world.say('Bu Ani', answer, inPrivate);
      expect(await world.say('Bu Ani', 'Batal', inPrivate)).toContain('Laporan dibatalkan');
      expect(await world.db.read.reportDraft.count()).toBe(0);
    }
    expect(await world.db.read.case.count()).toBe(0);
    expect(world.notices).toEqual([]);
    // With nothing being written, a plain message in a private chat gets no answer.
    expect(await world.say('Bu Ani', 'Mbah S', inPrivate)).toBe('');
  });

  it('refuses an unreadable answer and asks the same question again', async () => {
    await groups();
    await world.say('Bu Ani', '/lapor', inPrivate);
    expect(await world.say('Bu Ani', '99', inPrivate)).toContain('Jawaban belum terbaca');
    expect(await world.say('Bu Ani', 'anak', inPrivate)).toContain('Jawaban belum terbaca'); // several match
    expect(await world.say('Bu Ani', 'fakir miskin', inPrivate)).toContain('Siapa yang perlu dibantu?');
    expect(await world.say('Bu Ani', 'x'.repeat(101), inPrivate)).toContain('paling banyak 100 huruf');
    expect((await world.db.read.reportDraft.findFirstOrThrow()).step).toBe('subjek');
  });

  it('asks which WKSBM when the reporter belongs to several, and for its code when to none', async () => {
    await groups();
    await world.say('Bu Ani', 'halo', { chat: 'rt06' });
    const asked = await world.say('Bu Ani', '/lapor', inPrivate);
    expect(asked).toContain('1. WKSBM Sukamaju');
    expect(asked).toContain('2. WKSBM Mekarsari');
    expect(await world.say('Bu Ani', '2', inPrivate)).toContain('Laporan untuk WKSBM Mekarsari');
    await world.say('Bu Ani', 'batal', inPrivate);

    const mekarsari = (await world.db.read.wksbm.findFirstOrThrow({ where: { name: 'WKSBM Mekarsari' } })).id;
    expect(await world.say('Warga Lain', '/lapor', inPrivate)).toContain('Tulis kode WKSBM');
    expect(await world.say('Warga Lain', String(mekarsari), inPrivate)).toContain('Laporan untuk WKSBM Mekarsari');
    await world.say('Warga Lain', 'batal', inPrivate);
    // The code from the group's answer skips the question.
    const { number } = await report('Warga Lain', {}, `/lapor ${mekarsari}`);
    expect((await world.db.read.case.findUniqueOrThrow({ where: { id: number } })).wksbmId).toBe(mekarsari);
    expect(noticesTo('private:pak joko')).toHaveLength(1);
    expect(noticesTo('private:bu sri')).toHaveLength(0);
    expect(await world.say('Warga Lain', '/lapor 999', inPrivate)).toContain('tidak dikenal');
  });

  it('loses nothing when the server restarts mid-conversation', async () => {
    await groups();
    await world.say('Bu Ani', '/lapor', inPrivate);
    await world.say('Bu Ani', '21', inPrivate);
    await world.say('Bu Ani', 'Keluarga Pak T', inPrivate);
    world = await world.restart();
    expect(await world.say('Bu Ani', 'RT 01/RW 05', inPrivate)).toContain('Apa yang terjadi');
    await world.say('Bu Ani', 'Rumah roboh kena angin', inPrivate);
    await world.say('Bu Ani', '2', inPrivate);
    await world.say('Bu Ani', 'lewati', inPrivate);
    expect(await world.say('Bu Ani', '2', inPrivate)).toContain('kasus #1');
    expect(await world.db.read.case.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      category: 'korban-bencana-alam',
      subject: 'Keluarga Pak T',
      location: 'RT 01/RW 05',
      urgency: 'segera',
      photoRef: null,
      anonymous: true,
    });
  });

  it('applies a redelivered answer once, with the same reply, and notifies once', async () => {
    await groups();
    await world.say('Bu Ani', '/lapor', inPrivate);
    const first = await world.say('Bu Ani', '8', { ...inPrivate, messageId: 'm1' });
    expect(await world.say('Bu Ani', '8', { ...inPrivate, messageId: 'm1' })).toBe(first);
    expect((await world.db.read.reportDraft.findFirstOrThrow()).step).toBe('subjek');
    for (const answer of ['Mbah S', 'RT 03', 'Sakit', '1', 'lewati']) await world.say('Bu Ani', answer, inPrivate);
    const done = await world.say('Bu Ani', '2', { ...inPrivate, messageId: 'last' });
    expect(await world.say('Bu Ani', '2', { ...inPrivate, messageId: 'last' })).toBe(done);
    expect(await world.db.read.case.count()).toBe(1);
    expect(noticesTo('private:bu sri')).toHaveLength(1);
  });

  it('does not fail the report when the notices cannot be sent', async () => {
    await world.close();
    world = await createWorld({ failNotices: true });
    await groups();
    const { answer } = await report();
    expect(answer).toContain('Laporan diterima sebagai kasus #1');
    expect(await world.db.read.case.count()).toBe(1);
  });
});

describe('/kasus for the pengurus', () => {
  it('lists open cases most urgent first, shows one, and moves it to the end with who and when', async () => {
    await groups();
    await report('Bu Ani', { urgency: '3', subject: 'Pak Darmo' });
    await report('Bu Ani', { urgency: '1', subject: 'Mbah Sainem', anonymous: false });
    const list = await world.say('Bu Sri', '/kasus', inPrivate);
    expect(list.indexOf('#2 [Mendesak]')).toBeGreaterThan(0);
    expect(list.indexOf('#2 [Mendesak]')).toBeLessThan(list.indexOf('#1 [Biasa]'));

    const shown = await world.say('Pak Budi', '/kasus 2', inPrivate);
    expect(shown).toContain('Kasus #2 — WKSBM Sukamaju');
    expect(shown).toContain('Yang perlu dibantu: Mbah Sainem');
    expect(shown).toContain('Pelapor: Bu Ani');

    world.notices.length = 0;
    expect(await world.say('Bu Sri', '/kasus 2 verifikasi sudah dikunjungi', inPrivate)).toContain('baru → diverifikasi');
    expect(await world.say('Bu Sri', '/kasus 2 selesai', inPrivate)).toContain('berstatus diverifikasi, jadi tidak bisa menjadi selesai');
    expect(await world.say('Pak Budi', '/kasus 2 tangani', inPrivate)).toContain('diverifikasi → ditangani');
    expect(await world.say('Pak Budi', '/kasus 2 selesai beras sudah diantar', inPrivate)).toContain('ditangani → selesai');
    expect(await world.say('Bu Sri', '/kasus 2 tolak', inPrivate)).toContain('Alasan penolakan belum ditulis');
    expect(await world.say('Bu Sri', '/kasus 2 tolak dobel', inPrivate)).toContain('berstatus selesai');
    expect(await world.say('Bu Sri', '/kasus 1 tolak sudah dibantu dinas', inPrivate)).toContain('baru → ditolak');

    const history = await world.say('Bu Sri', '/kasus 2', inPrivate);
    expect(history).toMatch(/baru oleh Bu Ani/);
    expect(history).toMatch(/baru → diverifikasi oleh Bu Sri: sudah dikunjungi/);
    expect(history).toMatch(/diverifikasi → ditangani oleh Pak Budi/);
    expect(history).toMatch(/ditangani → selesai oleh Pak Budi: beras sudah diantar/);
    expect(await world.say('Bu Sri', '/kasus', inPrivate)).toContain('Tidak ada kasus terbuka');

    // The reporter is told of each change, also of the anonymous case.
    expect(noticesTo('private:bu ani')).toEqual([
      expect.stringContaining('Laporan Anda #2 sekarang: diverifikasi.\nCatatan pengurus: sudah dikunjungi'),
      expect.stringContaining('#2 sekarang: ditangani'),
      expect.stringContaining('#2 sekarang: selesai'),
      expect.stringContaining('#1 sekarang: ditolak'),
    ]);
  });

  it('lists the cases of every WKSBM where the caller is pengurus, each named', async () => {
    await groups();
    await world.say('Bu Sri', 'halo', { chat: 'rt06' });
    await world.say('Pak Joko', '/peran Bu Sri sekretaris', { chat: 'rt06' });
    const mekarsari = (await world.db.read.wksbm.findFirstOrThrow({ where: { name: 'WKSBM Mekarsari' } })).id;
    await report('Bu Ani');
    await report('Warga Lain', { urgency: '2' }, `/lapor ${mekarsari}`);
    const list = await world.say('Bu Sri', '/kasus', inPrivate);
    expect(list).toMatch(/#1 .* — WKSBM Sukamaju/);
    expect(list).toMatch(/#2 .* — WKSBM Mekarsari/);
    expect(await world.say('Bu Sri', '/kasus 2 verifikasi', inPrivate)).toContain('baru → diverifikasi');
    // Pak Joko is pengurus of Mekarsari only.
    expect(await world.say('Pak Joko', '/kasus', inPrivate)).not.toContain('#1');
  });

  it('never shows who reported an anonymous case, in any reply, list or notice', async () => {
    await groups();
    await world.say('Pelapor Rahasia', 'halo');
    const { number } = await report('Pelapor Rahasia', { anonymous: true });
    await world.say('Bu Sri', `/kasus ${number} verifikasi`, inPrivate);
    await world.say('Pelapor Rahasia', `/lapor batal ${number}`, inPrivate);
    const seen = [
      await world.say('Bu Sri', '/kasus', inPrivate),
      await world.say('Bu Sri', `/kasus ${number}`, inPrivate),
      await world.say('Pak Budi', `/kasus ${number}`, inPrivate),
      ...world.notices.filter((notice) => notice.chatId !== 'private:pelapor rahasia').map((notice) => notice.text),
    ];
    expect(seen.join('\n')).toContain('Pelapor: anonim');
    expect(seen.join('\n')).toContain('dibatalkan oleh pelapor');
    expect(seen.join('\n')).not.toMatch(/Pelapor Rahasia/i);
  });

  it('reveals nothing to an anggota, another WKSBM\'s pengurus or the members\' group, whatever is tried', async () => {
    await groups();
    const { number } = await report('Bu Ani', { subject: 'Mbah Sainem' });
    const variants = ['/kasus', `/kasus ${number}`, `/kasus ${number} verifikasi`, `/kasus ${number} tolak x`, `/kasus ${number} hapus-data`, '/kasus 999', '/kasus 999 verifikasi'];
    const anggota = new Set<string>();
    const group = new Set<string>();
    for (const variant of variants) {
      anggota.add(await world.say('Bu Ani', variant, inPrivate));
      // Even the ketua, in the members' group.
      group.add(await world.say('Bu Sri', variant));
      const other = await world.say('Pak Joko', variant, inPrivate);
      expect(other).not.toContain('Mbah Sainem');
      expect(other).not.toContain('Sukamaju');
    }
    expect([...anggota]).toEqual(['🔒 /kasus hanya untuk pengurus WKSBM, di chat pribadi dengan bot atau di chat khusus pengurus.']);
    expect([...group]).toEqual([...anggota]);
    // Another WKSBM's pengurus gets the same answer for this case as for one that does not exist.
    expect(await world.say('Pak Joko', `/kasus ${number}`, inPrivate)).toBe(`❌ Kasus #${number} tidak ditemukan.`);
    expect(await world.say('Pak Joko', '/kasus 999', inPrivate)).toBe('❌ Kasus #999 tidak ditemukan.');
    expect(await world.say('Pak Joko', '/kasus', inPrivate)).toContain('Tidak ada kasus terbuka');
    expect(await world.db.read.case.findUniqueOrThrow({ where: { id: number } })).toMatchObject({ status: 'baru', erasedAt: null });
  });

  it('links a group of pengurus with /mulai pengurus: notices and /kasus work there, never in the members\' group', async () => {
    await groups();
    expect(await world.say('Bu Ani', '/mulai pengurus', { chat: 'pengurus' })).toContain('Hanya pengurus');
    expect(await world.say('Bu Sri', '/mulai pengurus')).toContain('grup anggota WKSBM Sukamaju');
    expect(await world.say('Bu Sri', '/mulai pengurus', { chat: 'pengurus' })).toContain('chat khusus pengurus WKSBM Sukamaju');
    const { number } = await report();
    expect(noticesTo('pengurus')).toEqual([expect.stringContaining(`Laporan baru #${number}`)]);
    expect(noticesTo('rt05')).toEqual([]);
    expect(await world.say('Pak Budi', `/kasus ${number}`, { chat: 'pengurus' })).toContain('Yang perlu dibantu');
    expect(await world.say('Pak Joko', `/kasus ${number}`, { chat: 'pengurus' })).toContain('hanya untuk pengurus');
    // It can never become a members' group, where notices would reach everyone.
    expect(await world.say('Bu Sri', '/mulai WKSBM Pengurus', { chat: 'pengurus' })).toContain('chat khusus pengurus');
    expect(await world.db.read.chat.count({ where: { externalId: 'pengurus' } })).toBe(0);
    // A WKSBM may still be named "Pengurus …".
    expect(await world.say('Bu Sri', '/mulai Pengurus RW 07', { chat: 'rt07' })).toContain('Pengurus RW 07 terdaftar');
  });
});

describe('help given for a case', () => {
  it('links /keluar … kasus n to the case in the same write, and /kasus n shows it', async () => {
    await groups();
    const { number } = await report();
    await world.say('Bu Sri', '/setor 1jt kematian');
    const spent = await world.say('Pak Budi', `/keluar 500rb kematian santunan beras dan obat kasus ${number}`);
    expect(spent).toContain('Pengeluaran Rp500.000 dari Kematian untuk santunan beras dan obat');
    expect(spent).toContain(`bantuan untuk kasus #${number}`);
    expect(await world.say('Pak Budi', `/keluar 50rb kas sembako kasus #${number}`)).toContain('Saldo Kas tidak cukup');
    expect(await world.say('Pak Joko', `/keluar 1 kas x kasus ${number}`, { chat: 'rt06' })).toBe(`❌ Kasus #${number} tidak ditemukan.`);
    expect(await world.db.read.caseDisbursement.count()).toBe(1);

    const shown = await world.say('Bu Sri', `/kasus ${number}`, inPrivate);
    expect(shown).toMatch(/Bantuan yang diberikan:\n• #2 .* Rp500\.000 dari Kematian/);
    expect(await world.say('Bu Sri', '/saldo kematian')).toContain('Kematian: Rp500.000');
    expect(await world.say('Bu Sri', '/riwayat')).toContain('#2');
  });
});

describe('withdrawing and erasing', () => {
  it('lets only the reporter withdraw, and tells the pengurus', async () => {
    await groups();
    const { number } = await report();
    world.notices.length = 0;
    expect(await world.say('Pak Budi', `/lapor batal ${number}`, inPrivate)).toBe(`❌ Kasus #${number} tidak ditemukan.`);
    expect(await world.say('Bu Ani', `/lapor batal ${number}`, inPrivate)).toContain(`Laporan #${number} Anda tarik`);
    expect(await world.say('Bu Ani', `/lapor batal ${number}`, inPrivate)).toContain('berstatus dibatalkan');
    expect(noticesTo('private:bu sri')).toEqual([expect.stringContaining(`Laporan #${number} di WKSBM Sukamaju ditarik oleh pelapor`)]);
    expect((await world.db.read.case.findUniqueOrThrow({ where: { id: number } })).status).toBe('dibatalkan');
  });

  it('lets a ketua erase the personal data, keeping category, history and the help given', async () => {
    await groups();
    const { number } = await report('Bu Ani', { subject: 'Mbah Sainem', photo: 'file-1', anonymous: false });
    await world.say('Bu Sri', `/kasus ${number} verifikasi Mbah Sainem di rumah`, inPrivate);
    await world.say('Bu Sri', '/setor 100rb kas');
    await world.say('Bu Sri', `/keluar 40rb kas beras kasus ${number}`);
    expect(await world.say('Pak Budi', `/kasus ${number} hapus-data`, inPrivate)).toContain('Hanya ketua');
    expect(await world.say('Bu Sri', `/kasus ${number} hapus-data`, inPrivate)).toContain('Data pribadi kasus');
    expect(await world.say('Bu Sri', `/kasus ${number} hapus-data`, inPrivate)).toContain('sudah dihapus sebelumnya');

    const shown = await world.say('Bu Sri', `/kasus ${number}`, inPrivate);
    expect(shown).not.toMatch(/Mbah Sainem|belakang masjid|Bu Ani/);
    expect(shown).toContain('Kategori: Lanjut Usia Terlantar');
    expect(shown).toContain('Foto: tidak ada');
    expect(shown).toMatch(/baru → diverifikasi oleh Bu Sri: \[dihapus\]/);
    expect(shown).toMatch(/Rp40\.000 dari Kas/);
    const row = await world.db.read.case.findUniqueOrThrow({ where: { id: number } });
    expect(row).toMatchObject({ subject: '[dihapus]', location: '[dihapus]', description: '[dihapus]', photoRef: null, reporterId: null });

    // Nobody is told of later changes: the link to the reporter is gone too.
    world.notices.length = 0;
    expect(await world.say('Bu Sri', `/kasus ${number} tangani`, inPrivate)).not.toContain('Pelapor diberi tahu');
    expect(world.notices).toEqual([]);
  });
});
