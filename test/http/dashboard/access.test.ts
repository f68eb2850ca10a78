import { afterEach, describe, expect, it } from 'vitest';
import { browserOf, createDashboardWorld, type DashboardWorld } from '../../helpers/dashboard.js';

const inPrivate = { chat: null } as const;
const SECRET_FUND = 'beras-canary';
let world: DashboardWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Two WKSBM: Bu Sri is ketua of Sukamaju (#1) with Pak Budi as bendahara, Pak Joko ketua of Mekarsari (#2). */
async function twoGroups(): Promise<DashboardWorld> {
  const w = await createDashboardWorld();
  world = w;
  await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await w.say('Pak Budi', 'siap');
  await w.say('Bu Sri', '/peran Pak Budi bendahara');
  await w.say('Bu Sri', `/dana tambah ${SECRET_FUND} kg`);
  await w.say('Bu Sri', '/setor 75rb kas dari Mbah Darmo');
  await w.say('Pak Joko', '/mulai WKSBM Mekarsari', { chat: 'rw02' });
  return w;
}

describe('login links', () => {
  it('a link opens a page without spending the token; its button starts a session with a safe cookie', async () => {
    const w = await twoGroups();
    const token = await w.loginToken('Bu Sri');
    const browser = browserOf(w.app);
    // A chat app fetching the link for a preview spends nothing.
    expect((await browser.get(`/masuk/${token}`)).statusCode).toBe(200);
    expect((await browser.get(`/masuk/${token}`)).statusCode).toBe(200);
    const page = await browser.get(`/masuk/${token}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const login = await w.app.inject({
      method: 'POST',
      url: '/masuk',
      cookies: browser.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, token }).toString(),
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/dasbor');
    const cookie = login.cookies.find((c) => c.name === 'wksbm_sesi')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const session = await w.db.read.dashboardSession.findFirstOrThrow();
    expect(session.idHash).not.toBe(cookie.value);
    expect(session.idHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a used, an expired and a forged token each get a clear page and no session', async () => {
    const w = await twoGroups();
    const used = await w.loginToken('Bu Sri');
    await browserOf(w.app).post('/masuk', { token: used }, { page: `/masuk/${used}` });
    const expired = await w.loginToken('Bu Sri');
    w.clock.advance(10 * 60_000);
    const cases = [
      { token: used, status: 410, title: 'Tautan sudah dipakai' },
      { token: expired, status: 410, title: 'Tautan sudah kedaluwarsa' },
      { token: 'A'.repeat(43), status: 404, title: 'Tautan tidak dikenal' },
      { token: 'x', status: 404, title: 'Tautan tidak dikenal' },
    ];
    for (const { token, status, title } of cases) {
      const browser = browserOf(w.app);
      const answer = await browser.post('/masuk', { token }, { page: `/masuk/${token}` });
      expect(answer.statusCode).toBe(status);
      expect(answer.body).toContain(title);
      expect(answer.body).toContain('Ketik /dasbor di chat pribadi dengan bot untuk tautan baru.');
      expect(browser.cookies.wksbm_sesi).toBeUndefined();
      expect((await browser.get('/dasbor/1')).statusCode).toBe(401);
    }
    expect(await w.db.read.dashboardSession.count()).toBe(1);
  });

  it('one link opened on two instances at once starts one session; a token one character off is unknown', async () => {
    const w = await twoGroups();
    const other = await createDashboardWorld({ url: w.db.url, clock: w.clock });
    try {
      const token = await w.loginToken('Bu Sri');
      const stored = await w.db.read.dashboardLogin.findFirstOrThrow();
      expect(stored.tokenHash).not.toContain(token);
      const nearly = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      const forged = await browserOf(w.app).post('/masuk', { token: nearly }, { page: `/masuk/${nearly}` });
      expect(forged.statusCode).toBe(404);

      const [a, b] = [browserOf(w.app), browserOf(other.app)];
      const forms = await Promise.all([a, b].map(async (browser) => /name="_csrf" value="([^"]+)"/.exec((await browser.get(`/masuk/${token}`)).body)![1]!));
      const answers = await Promise.all(
        [a, b].map((browser, index) =>
          (index === 0 ? w : other).app.inject({
            method: 'POST',
            url: '/masuk',
            cookies: browser.cookies,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ _csrf: forms[index]!, token }).toString(),
          }),
        ),
      );
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([303, 410]);
      expect(await w.db.read.dashboardSession.count()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('a login without the CSRF token is refused and starts no session', async () => {
    const w = await twoGroups();
    const token = await w.loginToken('Bu Sri');
    const browser = browserOf(w.app);
    await browser.get(`/masuk/${token}`);
    const answer = await browser.post('/masuk', { token }, { csrf: false });
    expect(answer.statusCode).toBe(403);
    expect(browser.cookies.wksbm_sesi).toBeUndefined();
    expect(await w.db.read.dashboardSession.count()).toBe(0);
    // The token was not spent by the refused request.
    expect((await browser.post('/masuk', { token }, { page: `/masuk/${token}` })).statusCode).toBe(303);
  });

  it('/masuk is rate-limited per address', async () => {
    const w = await twoGroups();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await w.app.inject({ method: 'GET', url: `/masuk/${'B'.repeat(43)}` })).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('sends the security headers', async () => {
    const w = await twoGroups();
    const page = await w.app.inject({ method: 'GET', url: '/dasbor' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('who sees what', () => {
  it('without a session every page is 401 and shows no data', async () => {
    const w = await twoGroups();
    for (const path of ['/dasbor', '/dasbor/1', '/dasbor/1/buku-kas', '/dasbor/1/setoran', '/dasbor/1/kasus']) {
      const page = await w.app.inject({ method: 'GET', url: path });
      expect(page.statusCode, path).toBe(401);
      expect(page.body).not.toContain('Mbah Darmo');
      expect(page.body).not.toContain('Sukamaju');
    }
  });

  it("another WKSBM's pages are 404, the same as one that does not exist", async () => {
    const w = await twoGroups();
    const joko = await w.logIn('Pak Joko');
    for (const path of ['/dasbor/1', '/dasbor/1/buku-kas', '/dasbor/1/setoran', '/dasbor/1/rapat', '/dasbor/1/kasus', '/dasbor/99', '/dasbor/abc']) {
      const page = await joko.get(path);
      expect(page.statusCode, path).toBe(404);
      expect(page.body).not.toContain('Mbah Darmo');
      expect(page.body).not.toContain(SECRET_FUND);
    }
    expect((await joko.get('/dasbor/2')).statusCode).toBe(200);
    const approve = await joko.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '1' }, { page: '/dasbor/2/setoran' });
    expect(approve.statusCode).toBe(404);
  });

  it('a demoted pengurus loses access on the next request', async () => {
    const w = await twoGroups();
    const budi = await w.logIn('Pak Budi');
    expect((await budi.get('/dasbor/1/buku-kas')).body).toContain('Mbah Darmo');
    await w.say('Bu Sri', '/peran Pak Budi anggota');
    const page = await budi.get('/dasbor/1/buku-kas');
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Mbah Darmo');
    expect((await budi.get('/dasbor')).body).toContain('tidak lagi memegang peran');
  });

  it('a sekretaris sees the pending list but may not approve (403, nothing posted)', async () => {
    const w = await twoGroups();
    await w.say('Bu Ani', 'hadir');
    await w.say('Bu Sri', '/peran Bu Ani sekretaris');
    await w.say('Mbak Rini', '/setor 10rb kas');
    const ani = await w.logIn('Bu Ani');
    const list = await ani.get('/dasbor/1/setoran');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Hanya ketua atau bendahara');
    const approve = await ani.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '2' });
    expect(approve.statusCode).toBe(403);
    expect(await w.db.read.submission.findFirst({ where: { number: 2 } })).toMatchObject({ status: 'menunggu' });
  });

  it('a state change without the CSRF token is 403 and changes nothing', async () => {
    const w = await twoGroups();
    await w.say('Mbak Rini', '/setor 10rb kas');
    const sri = await w.logIn('Bu Sri');
    const answer = await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '2' }, { csrf: false });
    expect(answer.statusCode).toBe(403);
    expect(await w.db.read.submission.findFirst({ where: { number: 2 } })).toMatchObject({ status: 'menunggu' });
    const forged = await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '2', _csrf: 'forged' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await w.db.read.ledgerEntry.count()).toBe(1);
  });

  it('a pendamping gets 403 on the pengurus pages, and a removed pendamping 404 at once', async () => {
    const w = await twoGroups();
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await w.say('Bu Sri', '/pendamping undang'))![1]!;
    await w.say('Bu Tini', `/pendamping ${code}`, inPrivate);
    const tini = await w.logIn('Bu Tini');
    expect((await tini.get('/dasbor/1')).statusCode).toBe(200);
    for (const path of ['/dasbor/1/buku-kas', '/dasbor/1/setoran', '/dasbor/1/rapat', '/dasbor/1/kasus', '/dasbor/1/kasus/1']) {
      const page = await tini.get(path);
      expect(page.statusCode, path).toBe(403);
      expect(page.body).not.toContain('Mbah Darmo');
    }
    await w.say('Bu Sri', '/pendamping hapus Bu Tini');
    expect((await tini.get('/dasbor/1')).statusCode).toBe(404);
  });

  it('logging out in the browser ends that session only', async () => {
    const w = await twoGroups();
    const phone = await w.logIn('Bu Sri');
    const laptop = await w.logIn('Bu Sri');
    const out = await phone.post('/keluar', {}, { page: '/dasbor' });
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('Anda sudah keluar');
    expect((await phone.get('/dasbor/1')).statusCode).toBe(401);
    expect((await laptop.get('/dasbor/1')).statusCode).toBe(200);
  });
});
