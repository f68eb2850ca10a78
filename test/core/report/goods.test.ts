import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfPages } from '../../helpers/report-files.js';
import { createTestClock, createWorld, type World } from '../../helpers/world.js';

let world: World;
// The stores stamp entries with the real time: the clock stands a minute ahead, so "bulan ini" holds them.
const clock = createTestClock();
beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  world = await createWorld({ clock });
});
afterEach(async () => world.close());

describe('goods in the LPJ', () => {
  it('prints kg with thousands dots and a decimal comma everywhere, as the buku kas does', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await world.say('Bu Sri', '/dana tambah beras kg');
    expect(await world.say('Bu Sri', '/setor 2213,5kg beras')).toContain('2213,5 kg');
    await world.say('Bu Sri', '/keluar 1000kg beras paket sembako');
    const summary = await world.say('Bu Sri', '/laporan');
    expect(summary).toContain('Beras: saldo awal 0 kg, masuk 2.213,5 kg, keluar 1.000 kg, saldo akhir 1.213,5 kg');
    await world.deliver();
    const pages = pdfPages(world.documents[0]!.path);
    // I. Ringkasan and II. Rincian, then the buku kas columns (headed "kg").
    expect(pages[0]).toMatch(/Beras\s+kg\s+0 kg\s+2\.213,5 kg\s+1\.000 kg\s+1\.213,5 kg/);
    expect(pages.join('\n')).toMatch(/Paket sembako\s+1\s+1\.000 kg/);
    expect(pages.join('\n')).toMatch(/#2\s+\S+\s+paket sembako\s+1\.000\s+1\.213,5/);
    expect(pages.join('\n')).not.toMatch(/\b2213/);
  });
});
