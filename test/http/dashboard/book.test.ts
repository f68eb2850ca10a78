import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardWorld, type DashboardWorld } from '../../helpers/dashboard.js';

let world: DashboardWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The entry numbers a Buku kas page shows, in order. */
const numbers = (html: string) => [...html.matchAll(/<li id="n(\d+)"/g)].map((match) => Number(match[1]));

describe('Buku kas', () => {
  it('pages newest first with stable links, whatever is recorded meanwhile', async () => {
    const w = await createDashboardWorld();
    world = w;
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    for (let i = 1; i <= 120; i++) await w.say('Bu Sri', `/setor ${i}rb jimpitan`);
    const sri = await w.logIn('Bu Sri');
    const first = await sri.get('/dasbor/1/buku-kas');
    expect(numbers(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    const next = /href="([^"]+)" rel="next"/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    expect(next).toBe('?sebelum=71');
    // Entries recorded after the first page was read do not shift the next one.
    await w.say('Bu Sri', '/setor 1rb kas');
    const second = await sri.get(`/dasbor/1/buku-kas${next}`);
    expect(numbers(second.body)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    const third = await sri.get(`/dasbor/1/buku-kas${/href="([^"]+)" rel="next"/.exec(second.body)![1]!}`);
    expect(numbers(third.body)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(third.body).not.toContain('rel="next"');
    expect(third.body).toContain('« Terbaru');
  });

  it('a page read again shows what was recorded since, with a fresh CSRF token that works each time', async () => {
    const w = await createDashboardWorld();
    world = w;
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await w.say('Bu Sri', '/setor 5rb jimpitan dari Mbah Darmo');
    const sri = await w.logIn('Bu Sri');
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const first = await sri.get('/dasbor/1/buku-kas');
    const again = await sri.get('/dasbor/1/buku-kas');
    expect(numbers(again.body)).toEqual([1]);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(token(again.body)).not.toBe(token(first.body));
    // Every commit shows on the next request, a setoran typed in the chat included.
    await w.say('Bu Sri', '/setor 7rb kas dari Pak Budi');
    const after = await sri.get('/dasbor/1/buku-kas');
    expect(numbers(after.body)).toEqual([2, 1]);
    expect(after.body).toContain('Pak Budi');
    // The token in a page sent again from what was kept is this request's own and is accepted.
    const out = await sri.post('/keluar', {}, { page: '/dasbor/1/buku-kas' });
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('Anda sudah keluar');
    expect((await sri.get('/dasbor/1/buku-kas')).statusCode).toBe(401);
  });

  it('filters by fund, kind, status, period and text, and shows who, where, when and the correction', async () => {
    const w = await createDashboardWorld();
    world = w;
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await w.say('Bu Sri', '/setor 100rb kas dari Pak Haji iuran Oktober'); // #1
    await w.say('Bu Sri', '/keluar 40rb kas beli sapu'); // #2
    await w.say('Bu Sri', '/koreksi 2 salah catat'); // #3
    await w.say('Pak Budi', '/setor 5rb jimpitan'); // #4 menunggu
    await w.say('Mbak Rini', '/setor 7rb jimpitan'); // #5 ditolak
    await w.say('Bu Sri', '/tolak 5 belum diterima');
    const sri = await w.logIn('Bu Sri');
    const book = (query: string) => sri.get(`/dasbor/1/buku-kas?${query}`).then((page) => numbers(page.body));

    expect(await book('')).toEqual([5, 4, 3, 2, 1]);
    expect(await book('dana=1')).toEqual([3, 2, 1]);
    expect(await book('jenis=keluar')).toEqual([2]);
    expect(await book('jenis=setor')).toEqual([5, 4, 1]);
    expect(await book('status=posted')).toEqual([3, 2, 1]);
    expect(await book('status=menunggu')).toEqual([4]);
    expect(await book('status=ditolak')).toEqual([5]);
    // Entries are stamped with the time they were written; days are read in the WKSBM's zone (WIB).
    const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    expect(await book(`dari=${day(0)}&sampai=${day(0)}`)).toEqual([5, 4, 3, 2, 1]);
    expect(await book(`sampai=${day(-1)}`)).toEqual([]);
    expect(await book(`dari=${day(1)}`)).toEqual([]);
    expect(await book('cari=sapu')).toEqual([2]);
    expect(await book('cari=Pak Haji')).toEqual([1]);
    expect(await book('dana=2&cari=zzz&dari=&jenis=')).toEqual([]);
    // What people type is searched for as written: % and _ are not wildcards.
    expect(await book('cari=%25')).toEqual([]);
    expect(await book('cari=s_pu')).toEqual([]);
    expect((await sri.get('/dasbor/1/buku-kas?dari=kemarin')).statusCode).toBe(400);

    const page = (await sri.get('/dasbor/1/buku-kas')).body;
    expect(page).toContain('dikoreksi oleh #3');
    expect(page).toContain('membatalkan #2');
    expect(page).toMatch(/dicatat Bu Sri · \d\d\/\d\d\/\d\d \d\d\.\d\d\s+· lewat console \(rt05\)/);
    expect(page).toContain('ditolak Bu Sri');
    expect(page).toContain('alasan: belum diterima');
    expect(page).toContain('−Rp40.000');
  });
});
