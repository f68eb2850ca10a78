import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardWorld, hidden, type DashboardWorld } from '../../helpers/dashboard.js';

let world: DashboardWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Sukamaju with Bu Sri as ketua and three pending setoran (#1 kas 20rb, #2 kas 30rb, #3 jimpitan 5rb). */
async function withPending(): Promise<DashboardWorld> {
  const w = await createDashboardWorld();
  world = w;
  await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await w.say('Pak Budi', '/setor 20rb kas');
  await w.say('Mbak Rini', '/setor 30rb kas arisan');
  await w.say('Pak Budi', '/setor 5rb jimpitan');
  w.notices.length = 0;
  return w;
}

describe('Setoran menunggu', () => {
  it('approving on the dashboard posts the setoran, tells the group as /sahkan would, and /saldo shows it', async () => {
    const w = await withPending();
    const sri = await w.logIn('Bu Sri');
    const list = await sri.get('/dasbor/1/setoran');
    expect(list.body).toContain('Rp20.000');
    const nonce = hidden(list.body, 'nonce')!;

    const answer = await sri.post('/dasbor/1/setoran', { nonce, aksi: 'sahkan', nomor: ['1', '2'] }, { page: '/dasbor/1/setoran' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('disahkan oleh Bu Sri. Saldo Kas: Rp20.000');
    expect(answer.body).toContain('disahkan oleh Bu Sri. Saldo Kas: Rp50.000');
    // The group read each outcome, in the words of /sahkan.
    expect(w.notices.map((notice) => notice.chatId)).toEqual(['rt05', 'rt05']);
    expect(w.notices[1]!.text).toContain('disahkan oleh Bu Sri. Saldo Kas: Rp50.000');
    expect(await w.say('Pak Budi', '/saldo kas')).toContain('• Kas: Rp50.000');

    // Recorded like a chat command: who, when, and that it came from the dashboard.
    const person = await w.db.read.person.findFirstOrThrow({ where: { name: 'Bu Sri' } });
    const records = await w.db.read.inboundMessage.findMany({ where: { key: { startsWith: 'dasbor:' } } });
    expect(records.map((record) => record.key).sort()).toEqual([`dasbor:1:${nonce}:sahkan:1`, `dasbor:1:${nonce}:sahkan:2`]);
    expect(records.every((record) => record.personId === person.id)).toBe(true);
    const decided = await w.db.read.submission.findFirstOrThrow({ where: { number: 1 } });
    expect(decided).toMatchObject({ status: 'disahkan', decidedById: person.id });

    // The same form sent again (a double tap, a reload) is the same request: nothing twice, same answer.
    const again = await sri.post('/dasbor/1/setoran', { nonce, aksi: 'sahkan', nomor: ['1', '2'] }, { page: '/dasbor/1/setoran' });
    expect(again.body).toContain('Saldo Kas: Rp50.000');
    expect(await w.db.read.ledgerEntry.count()).toBe(2);
    expect(w.notices).toHaveLength(2);
  });

  it('two tabs approving the same setoran at once post it once', async () => {
    const w = await withPending();
    const [tab1, tab2] = [await w.logIn('Bu Sri'), await w.logIn('Bu Sri')];
    const form = (nonce: string) => ({ nonce, aksi: 'sahkan', nomor: '1' });
    const [a, b] = await Promise.all([
      tab1.post('/dasbor/1/setoran', form(crypto.randomUUID())),
      tab2.post('/dasbor/1/setoran', form(crypto.randomUUID())),
    ]);
    const bodies = [a.body, b.body];
    expect(bodies.filter((body) => body.includes('disahkan oleh Bu Sri. Saldo Kas: Rp20.000'))).toHaveLength(1);
    expect(bodies.filter((body) => body.includes('sudah disahkan'))).toHaveLength(1);
    expect(await w.db.read.ledgerEntry.count()).toBe(1);
    expect((await w.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(20_000n);
    expect(w.notices).toHaveLength(1);
  });

  it('two server instances on one database approving the same setoran post it once', async () => {
    const w = await withPending();
    const other = await createDashboardWorld({ url: w.db.url, clock: w.clock });
    try {
      const [a, b] = [await w.logIn('Bu Sri'), await other.logIn('Bu Sri')];
      const answers = await Promise.all(
        [a, b].map((browser) => browser.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '2' })),
      );
      expect(answers.filter((answer) => answer.body.includes('Saldo Kas: Rp30.000'))).toHaveLength(1);
      expect(await w.db.read.ledgerEntry.count()).toBe(1);
      expect((await w.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(30_000n);
    } finally {
      await other.close();
    }
  });

  it('refusing needs a reason, which the group reads', async () => {
    const w = await withPending();
    const sri = await w.logIn('Bu Sri');
    const bare = await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'tolak', nomor: '3', alasan: '' });
    expect(bare.body).toContain('Tulis alasan penolakan');
    expect(await w.db.read.submission.findFirstOrThrow({ where: { number: 3 } })).toMatchObject({ status: 'menunggu' });

    const refused = await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'tolak', nomor: '3', alasan: 'uangnya belum diterima' });
    expect(refused.body).toContain('uangnya belum diterima');
    expect(w.notices.at(-1)).toMatchObject({ chatId: 'rt05' });
    expect(w.notices.at(-1)!.text).toContain('uangnya belum diterima');
    expect(await w.db.read.submission.findFirstOrThrow({ where: { number: 3 } })).toMatchObject({ status: 'ditolak' });
    expect(await w.say('Pak Budi', '/saldo jimpitan')).toContain('• Jimpitan: Rp0');
  });

  it("approving a household's iuran setoran allocates it and says so, exactly as /sahkan does", async () => {
    const w = await createDashboardWorld();
    world = w;
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await w.say('Bu Sri', '/kk tambah Pak Budi');
    await w.say('Pak Budi', '/kk gabung Pak Budi');
    await w.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
    expect(await w.say('Pak Budi', '/setor 10rb kematian')).toContain('menunggu');
    expect(await w.db.read.iuranPayment.count()).toBe(0);
    w.notices.length = 0;

    const sri = await w.logIn('Bu Sri');
    const answer = await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '1' });
    const paid = /Iuran Kematian KK Pak Budi: \S+ \d{4} lunas\./;
    expect(answer.body).toMatch(paid);
    expect(w.notices).toHaveLength(1);
    expect(w.notices[0]!.text).toMatch(paid);
    expect(await w.db.read.iuranPayment.count()).toBe(1);
    expect(await w.db.read.iuranAccount.findFirstOrThrow()).toMatchObject({ paid: 10_000n, allocated: 10_000n });
  });
});
