import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createWorld, type World } from '../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => world.close());

/** Everything a command can leave behind in the books. */
async function recorded() {
  const read = world.db.read;
  const [entries, submissions, inbound] = await Promise.all([
    read.ledgerEntry.count(),
    read.submission.count(),
    read.inboundMessage.count(),
  ]);
  return { entries, submissions, inbound };
}

async function setup() {
  const read = world.db.read;
  const [wksbms, chats, funds, aliases, memberships] = await Promise.all([
    read.wksbm.count(),
    read.chat.count(),
    read.fund.count(),
    read.fundAlias.count(),
    read.membership.count(),
  ]);
  return { wksbms, chats, funds, aliases, memberships };
}

async function balance(name: string, wksbmId?: number) {
  return (await world.db.read.fund.findFirstOrThrow({ where: { name, ...(wksbmId ? { wksbmId } : {}) } })).balance;
}

async function roleOf(name: string) {
  const membership = await world.db.read.membership.findFirstOrThrow({ where: { person: { name } } });
  return membership.role;
}

/** Bu Sri registers rt05 and becomes its ketua; Pak Budi writes in it and becomes anggota. */
async function linked() {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'Assalamualaikum, bapak ibu');
}

describe('/mulai', () => {
  it('registers an unlinked group with kas, jimpitan and kematian and makes the caller ketua', async () => {
    const answer = await world.say('Bu Sri', '/mulai WKSBM Sukamaju RW 05');
    expect(answer).toContain('WKSBM Sukamaju RW 05 terdaftar');
    expect(answer).toContain('Bu Sri tercatat sebagai ketua');
    expect(answer).toContain('Dana: Kas, Jimpitan, Kematian.');

    const wksbm = await world.db.read.wksbm.findFirstOrThrow({
      include: { funds: { orderBy: { id: 'asc' } }, memberships: { include: { person: true } }, chats: true },
    });
    expect(wksbm.name).toBe('WKSBM Sukamaju RW 05');
    expect(wksbm.funds.map((fund) => [fund.name, fund.unit, fund.balance])).toEqual([
      ['kas', 'IDR', 0n],
      ['jimpitan', 'IDR', 0n],
      ['kematian', 'IDR', 0n],
    ]);
    expect(wksbm.memberships.map((m) => [m.person.name, m.role])).toEqual([['Bu Sri', 'ketua']]);
    expect(wksbm.chats.map((chat) => [chat.channel, chat.externalId])).toEqual([['console', 'rt05']]);
    expect(await world.say('Bu Sri', '/anggota')).toContain('Pengurus: Bu Sri (ketua)');
  });

  it('answers a second /mulai, from anyone, that the group is already linked, and creates nothing', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    const before = await setup();
    for (const who of ['Bu Sri', 'Pak Budi']) {
      const answer = await world.say(who, '/mulai WKSBM Lain');
      expect(answer).toContain('sudah terdaftar sebagai WKSBM Sukamaju');
    }
    expect(await setup()).toEqual(before);
    expect((await world.db.read.wksbm.findFirstOrThrow()).name).toBe('WKSBM Sukamaju');
    expect(await roleOf('Bu Sri')).toBe('ketua');
  });

  it('refuses /mulai without a name and registers nothing', async () => {
    const answer = await world.say('Bu Sri', '/mulai   ');
    expect(answer).toContain('Nama WKSBM belum ditulis');
    expect(answer).toContain('Contoh: /mulai');
    expect(await setup()).toMatchObject({ wksbms: 0, chats: 0, funds: 0, memberships: 0 });
    expect(await world.say('Bu Sri', '/saldo')).toContain('belum terdaftar');
  });

  it('refuses /mulai in a private chat and registers nothing', async () => {
    const answer = await world.say('Bu Sri', '/mulai WKSBM Sukamaju', { chat: null });
    expect(answer).toContain('dipakai di grup WKSBM');
    expect(await setup()).toMatchObject({ wksbms: 0, chats: 0, funds: 0, memberships: 0 });
  });

  it('makes a second group chat its own WKSBM with its own funds, books and ketua', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    const answer = await world.say('Pak Joko', '/mulai WKSBM Mekarsari', { chat: 'rt06' });
    expect(answer).toContain('WKSBM Mekarsari terdaftar');
    expect(answer).toContain('Pak Joko tercatat sebagai ketua');
    expect(await setup()).toMatchObject({ wksbms: 2, chats: 2, funds: 6 });

    await world.say('Bu Sri', '/setor 5000 jimpitan');
    await world.say('Pak Joko', '/setor 7000 jimpitan', { chat: 'rt06' });
    expect(await world.say('Bu Sri', '/saldo jimpitan')).toContain('Jimpitan: Rp5.000');
    expect(await world.say('Pak Joko', '/saldo jimpitan', { chat: 'rt06' })).toContain('Jimpitan: Rp7.000');
    // Each WKSBM numbers its own records from #1.
    expect(await world.say('Pak Joko', '/riwayat', { chat: 'rt06' })).toMatch(/#1 .*Rp7\.000/);

    // Bu Sri is ketua only where she registered; in rt06 she is an anggota.
    expect(await world.say('Bu Sri', '/keluar 1000 jimpitan sapu', { chat: 'rt06' })).toContain('hanya untuk ketua atau bendahara');
    expect(await world.say('Pak Joko', '/anggota', { chat: 'rt06' })).toMatch(/Anggota \(1\): Bu Sri/);
  });
});

describe('where a command may be used', () => {
  it('tells how to /mulai when a WKSBM command is used in an unlinked group', async () => {
    const answer = await world.say('Bu Sri', '/saldo');
    expect(answer).toContain('belum terdaftar sebagai WKSBM');
    expect(answer).toContain('/saldo belum bisa dipakai');
    expect(answer).toContain('Contoh: /mulai');
    expect(await setup()).toMatchObject({ wksbms: 0, memberships: 0 });
  });

  it('sends WKSBM commands in a private chat back to the group', async () => {
    await linked();
    // /setor in a private chat is a perantau's setoran (test/core/iuran/iuran.test.ts).
    for (const text of ['/saldo', '/keluar 5000 jimpitan beli sapu']) {
      const answer = await world.say('Pak Budi', text, { chat: null });
      expect(answer).toContain('dipakai di grup WKSBM');
    }
    expect(await recorded()).toEqual({ entries: 0, submissions: 0, inbound: 1 });
  });

  it('says an unknown command is not recognized and points to /bantuan', async () => {
    await linked();
    const answer = await world.say('Pak Budi', '/xyz 5000');
    expect(answer).toBe('Perintah /xyz tidak dikenal. Ketik /bantuan untuk daftar perintah.');
    expect(await world.say('Pak Budi', '/xyz', { chat: null })).toContain('/xyz tidak dikenal');
  });

  it('accepts a command with the bot name after it', async () => {
    await linked();
    const answer = await world.say('Bu Sri', '/setor@wksbm_bot 5000 jimpitan');
    expect(answer).toMatch(/^✅ #1 Setoran Rp5\.000 ke Jimpitan/);
    expect(await balance('jimpitan')).toBe(5000n);
  });

  it('understands the English names of commands', async () => {
    await linked();
    expect(await world.say('Pak Budi', '/help')).toContain('📖 Perintah untuk anggota:');
    expect(await world.say('Bu Sri', '/deposit 5000 jimpitan')).toMatch(/^✅ #1 Setoran Rp5\.000 ke Jimpitan/);
    expect(await world.say('Pak Budi', '/balance')).toContain('• Jimpitan: Rp5.000');
  });
});

describe('membership', () => {
  it('makes anyone who writes in a linked group an anggota', async () => {
    await linked();
    await world.say('Bu Ani', 'Nggih, matur nuwun');
    const memberships = await world.db.read.membership.findMany({ include: { person: true }, orderBy: { id: 'asc' } });
    expect(memberships.map((m) => [m.person.name, m.role])).toEqual([
      ['Bu Sri', 'ketua'],
      ['Pak Budi', 'anggota'],
      ['Bu Ani', 'anggota'],
    ]);
    const answer = await world.say('Bu Sri', '/anggota');
    expect(answer).toContain('Pengurus: Bu Sri (ketua)');
    expect(answer).toContain('Anggota (2): Pak Budi, Bu Ani');
  });

  it('records nobody as a member for chatting in an unlinked group', async () => {
    await world.say('Pak Budi', 'Halo semua');
    expect(await world.db.read.membership.count()).toBe(0);
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    expect(await world.say('Bu Sri', '/anggota')).toContain('Anggota (0): -');
  });

  it('does not make someone an anggota of a group for writing to the bot privately', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await world.say('Pak Budi', 'halo bot', { chat: null });
    expect(await world.say('Bu Sri', '/anggota')).toContain('Anggota (0): -');
  });
});

describe('roles', () => {
  beforeEach(linked);

  it.each([
    ['/keluar 5000 kas beli sapu', '/keluar hanya untuk ketua atau bendahara'],
    ['/koreksi 1 salah ketik', '/koreksi hanya untuk ketua atau bendahara'],
    ['/sahkan 1', '/sahkan hanya untuk ketua atau bendahara'],
    ['/tolak 1 belum diterima', '/tolak hanya untuk ketua atau bendahara'],
    ['/peran Pak Budi bendahara', '/peran hanya untuk ketua'],
    ['/dana tambah beras kg', '/dana tambah hanya untuk ketua atau bendahara'],
  ])('refuses "%s" from an anggota, naming who may, and records nothing', async (text, refusal) => {
    await world.say('Bu Sri', '/setor 10rb kas');
    await world.say('Pak Budi', '/setor 5000 jimpitan');
    const before = { ...(await recorded()), ...(await setup()) };
    const answer = await world.say('Pak Budi', text);
    expect(answer).toContain(`Maaf, ${refusal}`);
    expect(answer).toContain('Peran Anda di sini: anggota');
    expect({ ...(await recorded()), ...(await setup()) }).toEqual(before);
    expect(await roleOf('Pak Budi')).toBe('anggota');
    expect(await balance('kas')).toBe(10_000n);
    expect(await world.db.read.submission.findFirstOrThrow()).toMatchObject({ status: 'menunggu' });
  });

  it('lets a bendahara named by the ketua post a setor directly', async () => {
    expect(await world.say('Pak Budi', '/setor 5000 jimpitan')).toMatch(/^⏳ #1/);
    expect(await world.say('Bu Sri', '/peran Pak Budi bendahara')).toBe('✅ Pak Budi sekarang bendahara (sebelumnya anggota).');
    expect(await roleOf('Pak Budi')).toBe('bendahara');
    const answer = await world.say('Pak Budi', '/setor 7000 jimpitan');
    expect(answer).toMatch(/^✅ #2 Setoran Rp7\.000 ke Jimpitan dari Pak Budi\. Saldo Jimpitan: Rp7\.000/);
    expect(await balance('jimpitan')).toBe(7000n);
    expect(await world.say('Bu Sri', '/anggota')).toContain('Pengurus: Bu Sri (ketua), Pak Budi (bendahara)');
  });

  it('finds a member by part of the name and says when the role is unchanged', async () => {
    expect(await world.say('Bu Sri', '/peran budi bendahara')).toContain('✅ Pak Budi sekarang bendahara');
    expect(await world.say('Bu Sri', '/peran Pak Budi BENDAHARA')).toBe('Pak Budi sudah bendahara.');
  });

  it('keeps a sekretaris setor waiting for the treasury', async () => {
    await world.say('Bu Sri', '/peran Pak Budi sekretaris');
    const answer = await world.say('Pak Budi', '/setor 5000 jimpitan');
    expect(answer).toMatch(/^⏳ #1 Setoran Rp5\.000 ke Jimpitan dari Pak Budi .*menunggu/);
    expect(await balance('jimpitan')).toBe(0n);
    expect(await recorded()).toMatchObject({ entries: 0, submissions: 1 });
    expect(await world.say('Pak Budi', '/sahkan 1')).toContain('Peran Anda di sini: sekretaris');
  });

  it('refuses to remove the last ketua', async () => {
    const answer = await world.say('Bu Sri', '/peran Bu Sri anggota');
    expect(answer).toContain('harus punya setidaknya satu ketua');
    expect(await roleOf('Bu Sri')).toBe('ketua');
    // With a second ketua, the first may step down.
    await world.say('Bu Sri', '/peran Pak Budi ketua');
    expect(await world.say('Bu Sri', '/peran Bu Sri anggota')).toContain('✅ Bu Sri sekarang anggota (sebelumnya ketua)');
    expect(await world.say('Pak Budi', '/peran Pak Budi anggota')).toContain('harus punya setidaknya satu ketua');
  });

  it('says who it cannot find, which names match, and what roles exist', async () => {
    await world.say('Pak Bagus', 'hadir');
    const unknown = await world.say('Bu Sri', '/peran Pak Slamet bendahara');
    expect(unknown).toContain('Tidak ada anggota bernama "Pak Slamet"');
    const ambiguous = await world.say('Bu Sri', '/peran Pak bendahara');
    expect(ambiguous).toContain('"Pak" cocok dengan beberapa anggota: Pak Budi, Pak Bagus');
    const badRole = await world.say('Bu Sri', '/peran Pak Budi bos');
    expect(badRole).toContain('Format: /peran <nama> <ketua|bendahara|sekretaris|anggota>');
    expect(badRole).toContain('Contoh: /peran');
    expect(await world.say('Bu Sri', '/peran')).toContain('Contoh: /peran');
    expect(await roleOf('Pak Budi')).toBe('anggota');
    expect(await roleOf('Pak Bagus')).toBe('anggota');
  });
});

describe('/dana', () => {
  beforeEach(linked);

  it('lists the funds with their units and other names', async () => {
    const answer = await world.say('Pak Budi', '/dana');
    expect(answer).toContain('• Kas (rupiah) — juga: umum');
    expect(answer).toContain('• Jimpitan (rupiah) — juga: jimpit');
    expect(answer).toContain('• Kematian (rupiah) — juga: duka, rukun-duka');
  });

  it('adds a fund of goods that can then be deposited into by its other name', async () => {
    const added = await world.say('Bu Sri', '/dana tambah beras kg lumbung');
    expect(added).toContain('✅ Dana Beras ditambahkan (kg), juga bisa ditulis: lumbung');
    expect(await world.say('Bu Sri', '/setor 2kg lumbung')).toMatch(/^✅ #1 Setoran 2 kg ke Beras .*Saldo Beras: 2 kg/);
    expect(await balance('beras')).toBe(2000n);
    expect(await world.say('Pak Budi', '/dana')).toContain('• Beras (kg) — juga: lumbung');
    expect(await world.say('Pak Budi', '/saldo lumbung')).toContain('• Beras: 2 kg');
  });

  it.each([
    ['/dana tambah jimpitan', '"jimpitan" sudah dipakai'],
    ['/dana tambah duka', '"duka" sudah dipakai'],
    ['/dana tambah sosial uang umum', '"umum" sudah dipakai'],
    ['/dana tambah beras kg beras', 'sudah dipakai'],
  ])('refuses "%s" because the word is taken, and adds nothing', async (text, refusal) => {
    const before = await setup();
    const answer = await world.say('Bu Sri', text);
    expect(answer).toContain(refusal);
    expect(answer).toContain('Tidak ada yang ditambahkan');
    expect(await setup()).toEqual(before);
  });

  it.each([
    ['/dana tambah x', '"x"'],
    ['/dana tambah 2024', '"2024"'],
    ['/dana tambah dana_sosial', '"dana_sosial"'],
    ['/dana tambah kg', '"kg"'],
    ['/dana tambah beras kg lum.bung', '"lum.bung"'],
  ])('refuses the fund word in "%s" and adds nothing', async (text, word) => {
    const before = await setup();
    const answer = await world.say('Bu Sri', text);
    expect(answer).toContain(`❌ ${word} tidak bisa jadi nama dana`);
    expect(answer).toContain('Contoh: /dana tambah');
    expect(await setup()).toEqual(before);
  });

  it('answers, instead of failing, when the word after the name is not a unit but an object property name', async () => {
    // "constructor" is not one of uang|rupiah|kg|liter, so it must not be read as a unit.
    const answer = await world.say('Bu Sri', '/dana tambah beras constructor');
    expect(answer).toMatch(/^(✅|❌) /);
    const units = (await world.db.read.fund.findMany({ select: { unit: true } })).map((fund) => fund.unit);
    expect(units.every((unit) => ['IDR', 'kg', 'liter'].includes(unit))).toBe(true);
  });

  it('explains the format for /dana tambah without a name or with an unknown sub-command', async () => {
    expect(await world.say('Bu Sri', '/dana tambah')).toContain('Contoh: /dana tambah beras kg lumbung');
    expect(await world.say('Bu Sri', '/dana hapus kas')).toContain('Contoh: /dana tambah beras kg lumbung');
    expect(await world.db.read.fund.count()).toBe(3);
  });
});

describe('/saldo and /riwayat', () => {
  beforeEach(async () => {
    await linked();
    await world.say('Bu Sri', '/setor 100rb kas');
    await world.say('Bu Sri', '/setor 5000 jimpitan dari Pak Budi');
    await world.say('Bu Sri', '/keluar 20rb kas beli sapu');
    await world.say('Bu Sri', '/setor 3000 jimpitan');
  });

  it('shows every fund, or one fund by name or other name', async () => {
    expect(await world.say('Pak Budi', '/saldo')).toBe(
      '💰 Saldo WKSBM Sukamaju\n• Kas: Rp80.000\n• Jimpitan: Rp8.000\n• Kematian: Rp0',
    );
    expect(await world.say('Pak Budi', '/saldo jimpitan')).toBe('💰 Saldo WKSBM Sukamaju\n• Jimpitan: Rp8.000');
    expect(await world.say('Pak Budi', '/saldo DUKA')).toBe('💰 Saldo WKSBM Sukamaju\n• Kematian: Rp0');
  });

  it('refuses a fund that does not exist and names the ones that do', async () => {
    const answer = await world.say('Pak Budi', '/saldo xyz');
    expect(answer).toContain('❌ Dana "xyz" tidak ada');
    expect(answer).toContain('Dana yang ada: kas, jimpitan, kematian');
    expect(answer).not.toContain('💰');
  });

  it('lists the records newest first with their numbers', async () => {
    const answer = await world.say('Pak Budi', '/riwayat');
    const lines = answer.split('\n');
    expect(lines[0]).toBe('📒 Catatan terbaru, halaman 1 (terbaru di atas):');
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['#4', '#3', '#2', '#1']);
    expect(lines[1]).toMatch(/Jimpitan \+Rp3\.000 Bu Sri \(setor\)$/);
    expect(lines[2]).toMatch(/Kas −Rp20\.000 Bu Sri \(keluar: beli sapu\)$/);
    expect(lines[3]).toMatch(/Jimpitan \+Rp5\.000 Pak Budi \(setor\)$/);
  });

  it('filters the history by fund', async () => {
    const answer = await world.say('Pak Budi', '/riwayat jimpitan');
    const lines = answer.split('\n');
    expect(lines[0]).toBe('📒 Catatan terbaru dana Jimpitan, halaman 1 (terbaru di atas):');
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['#4', '#2']);
    expect(answer).not.toContain('Kas');
    expect(await world.say('Pak Budi', '/riwayat jimpitan 2')).toContain('Tidak ada catatan di halaman 2.');
  });

  it.each(['/riwayat 0', '/riwayat 101', '/riwayat jimpitan 1000'])('refuses "%s" and says the pages allowed', async (text) => {
    const answer = await world.say('Pak Budi', text);
    expect(answer).toContain('halaman 1–100');
    expect(answer).toContain('Contoh: /riwayat jimpitan 2');
    expect(answer).not.toContain('📒');
  });

  it('refuses a history of a fund that does not exist', async () => {
    expect(await world.say('Pak Budi', '/riwayat xyz')).toContain('❌ Dana "xyz" tidak ada');
  });
});

describe('amounts and funds that cannot be recorded', () => {
  beforeEach(async () => {
    await linked();
    await world.say('Bu Sri', '/setor 100rb kas');
  });

  it.each([
    ['/setor 5,000 jimpitan', 'bisa dibaca dua arti'],
    ['/setor -5000 jimpitan', 'harus lebih dari nol'],
    ['/setor 0 kas', 'jumlahnya nol'],
    ['/setor abc kas', 'bukan angka'],
    ['/setor', 'belum ditulis'],
    ['/setor 5000', 'dananya belum ditulis'],
    ['/setor 5000 xyz', 'Dana "xyz" tidak ada'],
    ['/setor 2kg kas', 'dicatat dalam rupiah'],
    ['/keluar 5000 kas', 'keperluannya belum ditulis'],
    ['/keluar 5000', 'dananya belum ditulis'],
    ['/setor 99999999999 kas', 'terlalu besar'],
  ])('explains why "%s" is refused, with an example, and records nothing', async (text, why) => {
    const before = await recorded();
    for (const who of ['Bu Sri', 'Pak Budi']) {
      const answer = await world.say(who, text);
      if (text.startsWith('/keluar') && who === 'Pak Budi') {
        expect(answer).toContain('hanya untuk ketua atau bendahara');
        continue;
      }
      expect(answer).toMatch(/^❌ /);
      expect(answer).toContain(why);
      expect(answer).toContain('Tidak ada yang dicatat');
      expect(answer).toMatch(/\nContoh: \/(setor|keluar) \S+ \S+/);
    }
    expect(await recorded()).toEqual(before);
    expect(await balance('kas')).toBe(100_000n);
    expect(await balance('jimpitan')).toBe(0n);
  });

  it.each([
    ['/setor 2,500k kas', '"2,500k" bisa dibaca dua arti: 2,5k (Rp2.500) atau 2.500k (Rp2.500.000)', '/setor Rp2.500.000 kas'],
    ['/setor 1,250rb jimpitan iuran', '"1,250rb" bisa dibaca dua arti: 1,25rb (Rp1.250) atau 1.250rb (Rp1.250.000)', '/setor Rp1.250.000 jimpitan'],
    ['/setor 1.500rb kas', '"1.500rb" bisa dibaca dua arti: 1,5rb (Rp1.500) atau 1.500rb (Rp1.500.000)', '/setor Rp1.500.000 kas'],
    ['/setor 1,500 kas', '"1,500" bisa dibaca dua arti: 1,5 atau 1.500 (Rp1.500)', '/setor Rp1.500 kas'],
    ['/keluar 2,500k kas beli sapu', '"2,500k" bisa dibaca dua arti: 2,5k (Rp2.500) atau 2.500k (Rp2.500.000)', '/keluar Rp2.500.000 kas'],
  ])('shows both readings of "%s" and one example, and records nothing', async (text, readings, example) => {
    const before = await recorded();
    const answer = await world.say('Bu Sri', text);
    expect(answer).toContain(`❌ Jumlah ${readings}. Tidak ada yang dicatat.`);
    expect(answer).toContain(`\nContoh: ${example}`);
    expect(await recorded()).toEqual(before);
    expect(await balance('kas')).toBe(100_000n);
  });

  it('refuses 0.559,347jt instead of reading Rp559.347.000', async () => {
    const before = await recorded();
    expect(await world.say('Bu Sri', '/setor 0.559,347jt kas')).toContain('❌ Jumlah "0.559,347jt" tidak bisa dicatat: itu bukan angka');
    expect(await recorded()).toEqual(before);
  });

  it('keeps reading Indonesian thousands dots without a multiplier', async () => {
    expect(await world.say('Bu Sri', '/setor 12.500 kas')).toMatch(/^✅ #2 Setoran Rp12\.500/);
    expect(await world.say('Bu Sri', '/setor Rp1.250.000 kas')).toMatch(/^✅ #3 Setoran Rp1\.250\.000/);
    expect(await world.say('Bu Sri', '/setor 2,5k kas')).toMatch(/^✅ #4 Setoran Rp2\.500/);
  });

  it('quotes the amount it could not read', async () => {
    expect(await world.say('Bu Sri', '/setor 5,000 jimpitan')).toContain('Jumlah "5,000" bisa dibaca dua arti');
    expect(await world.say('Bu Sri', '/setor 5rb. jimpitan')).toContain('Jumlah "5rb." tidak bisa dicatat');
    expect(await world.say('Bu Sri', '/setor 99999999999 kas')).toContain('Jumlah "99999999999" tidak bisa dicatat');
  });
});

describe('/bantuan', () => {
  beforeEach(linked);

  /** The command words listed, and whether every one has an example line under it. */
  function listed(answer: string) {
    const all = answer.split('\n');
    const lines = all.slice(all.findIndex((line) => line.startsWith('📖')) + 1);
    const commands = lines.filter((_, i) => i % 2 === 0).map((line) => /^\/(\w+)/.exec(line)?.[1]);
    const examples = lines.filter((_, i) => i % 2 === 1);
    return { commands, examples };
  }

  it('lists for an anggota what an anggota may do, each with an example', async () => {
    const answer = await world.say('Pak Budi', '/bantuan');
    expect(answer.split('\n')[0]).toBe('📖 Perintah untuk anggota:');
    const { commands, examples } = listed(answer);
    expect(commands).toContain('setor');
    expect(commands).toContain('saldo');
    expect(commands).not.toContain('keluar');
    expect(commands).not.toContain('peran');
    expect(commands).not.toContain('mulai');
    expect(answer).not.toContain('/keluar');
    expect(answer).not.toContain('/peran');
    expect(examples).toHaveLength(commands.length);
    commands.forEach((command, i) => expect(examples[i]).toMatch(new RegExp(`^ +contoh: /${command}\\b`)));
  });

  it('lists /peran and the treasury commands for the ketua', async () => {
    const answer = await world.say('Bu Sri', '/bantuan');
    expect(answer.split('\n')[0]).toBe('📖 Perintah untuk ketua:');
    const { commands, examples } = listed(answer);
    expect(commands).toEqual(expect.arrayContaining(['setor', 'keluar', 'koreksi', 'sahkan', 'tolak', 'saldo', 'peran']));
    expect(commands).not.toContain('mulai');
    expect(examples).toHaveLength(commands.length);
    commands.forEach((command, i) => expect(examples[i]).toMatch(new RegExp(`^ +contoh: /${command}\\b`)));
  });

  it('lists /mulai in a private chat, each with an example', async () => {
    const answer = await world.say('Pak Budi', '/bantuan', { chat: null });
    expect(answer).toMatch(/^👋 Halo, Pak Budi!/);
    const { commands, examples } = listed(answer);
    expect(commands).toContain('mulai');
    expect(commands).not.toContain('setor');
    expect(examples).toHaveLength(commands.length);
    expect(examples.every((line) => /^ +contoh: \//.test(line))).toBe(true);
    expect(answer).toContain('contoh: /mulai WKSBM Sukamaju RW 05');
  });

  it('lists /mulai in an unlinked group', async () => {
    const answer = await world.say('Pak Budi', '/bantuan', { chat: 'rt06' });
    expect(listed(answer).commands).toContain('mulai');
  });
});

describe('/setor with a contributor', () => {
  beforeEach(linked);

  it('records a member named after "dari" as the contributor and the rest as the note', async () => {
    const answer = await world.say('Bu Sri', '/setor 5000 jimpitan dari Pak Budi titipan');
    expect(answer).toBe('✅ #1 Setoran Rp5.000 ke Jimpitan dari Pak Budi. Saldo Jimpitan: Rp5.000\nCatatan: titipan');
    const budi = await world.db.read.person.findFirstOrThrow({ where: { name: 'Pak Budi' } });
    const entry = await world.db.read.ledgerEntry.findFirstOrThrow({ include: { recordedBy: true } });
    expect(entry).toMatchObject({ kind: 'setor', amount: 5000n, contributorName: 'Pak Budi', contributorId: budi.id, note: 'titipan' });
    expect(entry.recordedBy.name).toBe('Bu Sri');
  });

  it('writes the member name as the member wrote it, whatever the case typed', async () => {
    await world.say('Bu Sri', '/setor 5000 jimpitan dari pak budi titipan');
    const entry = await world.db.read.ledgerEntry.findFirstOrThrow();
    expect(entry).toMatchObject({ contributorName: 'Pak Budi', note: 'titipan' });
  });

  it('keeps an anggota setor for someone else waiting, with the contributor and note', async () => {
    await world.say('Pak Budi', '/setor 5000 jimpitan dari Bu Sri iuran Mei');
    const submission = await world.db.read.submission.findFirstOrThrow();
    const sri = await world.db.read.person.findFirstOrThrow({ where: { name: 'Bu Sri' } });
    expect(submission).toMatchObject({ contributorName: 'Bu Sri', contributorId: sri.id, note: 'iuran Mei', status: 'menunggu' });
  });
});

describe('pengurus rights where the platform knows group administrators', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
  });
  afterEach(async () => w.close());

  const inTelegram = (text: string, isChatAdmin: boolean) =>
    w.send({
      chat: { channel: 'telegram', id: '-100777', kind: 'group' },
      sender: { id: '10', name: 'Bu Sri', isChatAdmin },
      messageId: `${text}-${isChatAdmin}`,
      text,
    });

  it('treats a ketua who is no longer a group admin as an anggota, and restores the rights with admin status', async () => {
    await inTelegram('/mulai WKSBM Anggrek', true);
    const demoted = await inTelegram('/keluar 1000 kas sapu', false);
    expect(demoted).toContain('Peran Anda di sini: anggota');
    expect(demoted).toContain('tercatat sebagai ketua');
    expect(await inTelegram('/setor 5000 kas', false)).toMatch(/^⏳ #1/);
    expect(await inTelegram('/setor 5000 kas', true)).toMatch(/^✅ #2/);
  });
});

describe('/mulai and group administrators', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
  });
  afterEach(async () => w.close());

  const mulai = (isChatAdmin: boolean) =>
    w.send({
      chat: { channel: 'telegram', id: '-100123', kind: 'group' },
      sender: { id: isChatAdmin ? '1' : '2', name: isChatAdmin ? 'Pak RT' : 'Mas Joko', isChatAdmin },
      messageId: isChatAdmin ? 'a' : 'b',
      text: '/mulai WKSBM Melati',
    });

  it('lets only a group administrator link a group where the platform knows administrators', async () => {
    expect(await mulai(false)).toContain('Hanya admin grup');
    expect(await w.db.read.wksbm.count()).toBe(0);
    expect(await mulai(true)).toContain('Pak RT tercatat sebagai ketua');
    expect(await w.db.read.wksbm.count()).toBe(1);
  });
});
