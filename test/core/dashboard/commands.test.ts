import { afterEach, describe, expect, it } from 'vitest';
import { secretHash } from '../../../src/store/dashboard.js';
import { createDashboardWorld, type DashboardWorld } from '../../helpers/dashboard.js';
import { createWorld, type World } from '../../helpers/world.js';

const inPrivate = { chat: null } as const;
let world: DashboardWorld | World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function linked(): Promise<DashboardWorld> {
  const w = await createDashboardWorld();
  world = w;
  await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await w.say('Pak Budi', 'halo semua');
  return w;
}

describe('/dasbor', () => {
  it('sends a pengurus a one-time link in a private chat, valid 10 minutes, and stores only its hash', async () => {
    const w = await linked();
    const answer = await w.say('Bu Sri', '/dasbor', { ...inPrivate, messageId: 'm1' });
    expect(answer).toMatch(/^🔐 Tautan masuk dasbor \(berlaku 10 menit, hanya sekali pakai\):\nhttp:\/\/dasbor\.test\/masuk\/[A-Za-z0-9_-]{43}\n/);
    const token = /masuk\/(\S+)/.exec(answer)![1]!;

    const logins = await w.db.read.dashboardLogin.findMany();
    expect(logins).toHaveLength(1);
    expect(logins[0]!.tokenHash).toBe(secretHash(token));
    expect(logins[0]!.expiresAt.getTime() - w.clock.now().getTime()).toBe(10 * 60_000);
    // The answer kept for a redelivery has no token in it.
    const stored = await w.db.read.inboundMessage.findMany();
    expect(JSON.stringify(stored)).not.toContain(token);

    // The same message delivered again makes no second link and shows no token.
    const again = await w.say('Bu Sri', '/dasbor', { ...inPrivate, messageId: 'm1' });
    expect(again).toBe('Tautan untuk pesan ini sudah dikirim sebelumnya. Ketik /dasbor lagi untuk tautan baru.');
    expect(await w.db.read.dashboardLogin.count()).toBe(1);
  });

  it('is refused in a group, to an anggota, and without PUBLIC_URL', async () => {
    const w = await linked();
    expect(await w.say('Bu Sri', '/dasbor')).toContain('🔒 /dasbor hanya bisa di chat pribadi');
    expect(await w.say('Pak Budi', '/dasbor', inPrivate)).toContain('Dasbor hanya untuk pengurus WKSBM');
    expect(await w.db.read.dashboardLogin.count()).toBe(0);

    const plain = await createWorld();
    try {
      await plain.say('Bu Sri', '/mulai WKSBM Sukamaju');
      expect(await plain.say('Bu Sri', '/dasbor', inPrivate)).toContain('Dasbor belum diaktifkan di server ini');
    } finally {
      await plain.close();
    }
  });

  it('/dasbor keluar ends every session of the person on every device, and only theirs', async () => {
    const w = await linked();
    await w.say('Bu Sri', '/peran Pak Budi bendahara');
    const phone = await w.logIn('Bu Sri');
    const laptop = await w.logIn('Bu Sri');
    const budi = await w.logIn('Pak Budi');
    expect((await phone.get('/dasbor/1')).statusCode).toBe(200);

    expect(await w.say('Bu Sri', '/dasbor keluar', inPrivate)).toBe('✅ Anda sudah keluar dari dasbor di semua perangkat (2 sesi diakhiri).');
    for (const browser of [phone, laptop]) {
      const page = await browser.get('/dasbor/1');
      expect(page.statusCode).toBe(401);
      expect(page.body).not.toContain('Jimpitan');
    }
    expect((await budi.get('/dasbor/1')).statusCode).toBe(200);
    expect(await w.say('Bu Sri', '/dasbor keluar', inPrivate)).toBe('Tidak ada sesi dasbor yang aktif. Tidak ada yang perlu diakhiri.');
  });
});

describe('/pendamping', () => {
  it('a ketua invites with a one-time code, the pendamping redeems it privately, the ketua removes them', async () => {
    const w = await linked();
    const invite = await w.say('Bu Sri', '/pendamping undang', { messageId: 'inv1' });
    expect(invite).toMatch(/^🤝 Kode undangan pendamping WKSBM Sukamaju: [A-Z2-9]{4}-[A-Z2-9]{4}\n/);
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(invite)![1]!;
    expect(JSON.stringify(await w.db.read.inboundMessage.findMany())).not.toContain(code);
    expect((await w.db.read.pendampingInvite.findFirst())!.codeHash).toBe(secretHash(code));

    // Typed in the group by mistake, the code is not spent.
    expect(await w.say('Bu Tini', `/pendamping ${code}`)).toContain('Kirim kode undangan pendamping di chat pribadi');
    expect(await w.say('Bu Tini', `/pendamping ${code.toLowerCase().replace('-', '')}`, inPrivate)).toBe(
      '✅ Anda sekarang pendamping WKSBM Sukamaju. Ketik /dasbor untuk tautan masuk ke dasbor (hanya baca).',
    );
    expect(await w.say('Pak Joko', `/pendamping ${code}`, inPrivate)).toContain('❌ Kode itu tidak berlaku');
    expect(await w.say('Bu Sri', '/pendamping')).toMatch(/🤝 Pendamping WKSBM Sukamaju:\n• Bu Tini \(sejak /);
    expect(await w.say('Bu Tini', '/dasbor', inPrivate)).toContain('/masuk/');

    expect(await w.say('Pak Budi', '/pendamping undang')).toBe('Hanya ketua yang bisa mengundang atau menghapus pendamping.');
    expect(await w.say('Bu Sri', '/pendamping hapus Pak Joko')).toBe('❌ Tidak ada pendamping bernama "Pak Joko". Pendamping sekarang: Bu Tini.');
    expect(await w.say('Bu Sri', '/pendamping hapus bu tini')).toBe(
      '✅ Bu Tini tidak lagi menjadi pendamping WKSBM Sukamaju; aksesnya ke dasbor berhenti saat itu juga.',
    );
    expect(await w.say('Bu Tini', '/dasbor', inPrivate)).toContain('Dasbor hanya untuk pengurus WKSBM');
  });

  it('a code expires after 3 days', async () => {
    const w = await linked();
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await w.say('Bu Sri', '/pendamping undang'))![1]!;
    w.clock.advance(3 * 24 * 60 * 60_000);
    expect(await w.say('Bu Tini', `/pendamping ${code}`, inPrivate)).toContain('❌ Kode itu tidak berlaku');
    expect(await w.db.read.pendamping.count()).toBe(0);
  });
});
