import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardWorld, type DashboardWorld } from '../../helpers/dashboard.js';

const inPrivate = { chat: null } as const;
const SUBJECT = 'Mbah CANARY Kartowiryo';
let world: DashboardWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Sukamaju with money in and out, a case helped from kas, and Bu Tini as pendamping. */
async function withAid(): Promise<DashboardWorld> {
  const w = await createDashboardWorld();
  world = w;
  await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await w.say('Bu Sri', '/setor 500rb kas dari Pak Haji');
  await w.say('Bu Tum', 'ikut');
  await w.say('Bu Tum', '/lapor', inPrivate);
  for (const answer of ['8', SUBJECT, 'Gang Mawar 3', 'sakit, tinggal sendiri', '1', 'lewati', '2']) await w.say('Bu Tum', answer, inPrivate);
  await w.say('Bu Sri', '/keluar 150rb kas santunan kasus 1');
  const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await w.say('Bu Sri', '/pendamping undang'))![1]!;
  await w.say('Bu Tini', `/pendamping ${code}`, inPrivate);
  // Entries are stamped by the database's writer with the real time; a report ends at the clock's now.
  w.clock.set(new Date(Date.now() + 1000));
  return w;
}

describe('Laporan', () => {
  it('shows the period from the LPJ read model and downloads its files', async () => {
    const w = await withAid();
    const sri = await w.logIn('Bu Sri');
    const page = await sri.get('/dasbor/1/laporan?periode=bulan+ini');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Kas<\/td><td class="num-col">Rp0<\/td><td class="num-col">Rp500\.000<\/td><td class="num-col">Rp150\.000<\/td><td class="num-col"><b>Rp350\.000/);

    const csv = await sri.get('/dasbor/1/laporan/unduh/csv?periode=bulan+ini&versi=rahasia');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="LPJ-WKSBM-Sukamaju-\d{4}-\d{2}-RAHASIA\.csv"/);
    expect(csv.body).toContain(SUBJECT);
    // The group version names them by initials: what the pendamping's version leaves out too.
    expect((await sri.get('/dasbor/1/laporan/unduh/csv?periode=bulan+ini')).body).toContain('M.C.K.');
    const pdf = await sri.get('/dasbor/1/laporan/unduh/pdf?periode=bulan+ini');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await sri.get('/dasbor/1/laporan/unduh/xlsx?periode=tahun+ini');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    expect((await sri.get('/dasbor/1/laporan?periode=kemarin+sore')).statusCode).toBe(400);
    expect((await sri.get('/dasbor/1/laporan/unduh/doc?periode=bulan+ini')).statusCode).toBe(400);
  });

  it('prints goods as the LPJ does, with thousands dots and a decimal comma, on every page', async () => {
    const w = await createDashboardWorld();
    world = w;
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await w.say('Bu Sri', '/dana tambah beras kg');
    await w.say('Bu Sri', '/setor 2213,5kg beras');
    await w.say('Mbak Rini', '/setor 1500,25kg beras');
    w.clock.set(new Date(Date.now() + 1000));
    const sri = await w.logIn('Bu Sri');
    expect((await sri.get('/dasbor/1')).body).toContain('2.213,5 kg');
    expect((await sri.get('/dasbor/1/buku-kas')).body).toContain('+2.213,5 kg');
    expect((await sri.get('/dasbor/1/setoran')).body).toContain('1.500,25 kg');
    const page = await sri.get('/dasbor/1/laporan?periode=bulan+ini');
    expect(page.body).toMatch(/Beras<\/td><td class="num-col">0 kg<\/td><td class="num-col">2\.213,5 kg<\/td><td class="num-col">0 kg<\/td><td class="num-col"><b>2\.213,5 kg/);
    // A pendamping's summaries are the same read model's totals.
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await w.say('Bu Sri', '/pendamping undang'))![1]!;
    await w.say('Bu Tini', `/pendamping ${code}`, inPrivate);
    const tini = await w.logIn('Bu Tini');
    expect((await tini.get('/dasbor/1')).body).toMatch(/Beras<\/td><td class="num-col">0 kg<\/td><td class="num-col">2\.213,5 kg<\/td>/);
    expect((await tini.get('/dasbor')).body).toContain('Beras: 2.213,5 kg');
  });

  it('a pendamping reads the summary and the LPJ without the name, or even the initials, of anyone helped', async () => {
    const w = await withAid();
    const tini = await w.logIn('Bu Tini');
    const pages = [
      await tini.get('/dasbor'),
      await tini.get('/dasbor/1'),
      await tini.get('/dasbor/1/laporan?periode=tahun+ini&versi=rahasia'),
      await tini.get('/dasbor/1/laporan/unduh/csv?periode=tahun+ini&versi=rahasia'),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('CANARY');
      expect(page.body).not.toContain('M.C.K.');
      expect(page.body).not.toContain('Gang Mawar');
    }
    expect(pages[0]!.body).toContain('Lanjut Usia Terlantar: 1');
    expect(pages[1]!.body).toContain('Rp150.000');
    expect(pages[3]!.headers['content-disposition']).not.toContain('RAHASIA');
    expect(pages[3]!.body).toContain('150000');
  });

  it('the Beranda chart carries 12 months of receipts and spending per money fund', async () => {
    const w = await withAid();
    const sri = await w.logIn('Bu Sri');
    const page = await sri.get('/dasbor/1');
    const json = /<script type="application\/json" id="grafik-data">([^<]*)<\/script>/.exec(page.body)![1]!;
    const chart = JSON.parse(json) as { months: string[]; series: { label: string; values: number[] }[] };
    expect(chart.months).toHaveLength(12);
    expect(chart.series.map((s) => s.label)).toEqual(['Kas masuk', 'Kas keluar', 'Jimpitan masuk', 'Jimpitan keluar', 'Kematian masuk', 'Kematian keluar']);
    expect(chart.series[0]!.values.at(-1)).toBe(500_000);
    expect(chart.series[1]!.values.at(-1)).toBe(150_000);
    expect(page.body).toContain('/aset/uplot/uPlot.iife.min.js');
    expect((await sri.get('/aset/uplot/uPlot.iife.min.js')).statusCode).toBe(200);
  });
});
