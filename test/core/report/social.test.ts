import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfPages, readXlsx } from '../../helpers/report-files.js';
import { createTestClock, createWorld, type World } from '../../helpers/world.js';
import { startMawar } from '../arisan/setup.js';

let world: World;
// The stores stamp entries with the real time: the clock stands a minute ahead, so "bulan ini" holds them.
const clock = createTestClock();
beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  world = await createWorld({ clock });
});
afterEach(async () => world.close());

const DECEASED = 'Mbah Kanari Wiyono';

/** Arisan mawar drawn once (pot Rp150.000), and a santunan of Rp200.000 for a death. */
async function arisanAndDuka() {
  await startMawar(world);
  await world.say('Bu Sri', '/arisan bayar mawar');
  await world.say('Pak Budi', '/arisan bayar mawar');
  await world.say('Pak Budi', '/arisan kocok mawar');
  clock.advance(60_000);
  const reveal = await world.say('Bu Sri', '/arisan kocok mawar');
  const winner = /pemenangnya (.+) \(nomor (\d+)\)!/.exec(reveal);
  expect(winner, reveal).not.toBeNull();
  await world.say('Bu Sri', `/duka ${DECEASED}, RT 03`);
  await world.say('Pak Budi', '/setor 300rb kematian');
  await world.say('Pak Budi', '/duka santunan 1 200rb');
  clock.advance(1_000);
  return { share: Number(winner![2]), name: winner![1]! };
}

describe('the LPJ with arisan and santunan duka', () => {
  it('shows the rounds with their winners and the santunan by initials in the group version', async () => {
    const { share, name } = await arisanAndDuka();
    const summary = await world.say('Bu Sri', '/laporan');
    expect(summary).toContain('🎲 Arisan: 1 putaran dikocok, uang arisan Rp150.000 dibayarkan ke pemenangnya.');
    expect(summary).toContain('🕊️ Santunan duka: Rp200.000 untuk 1 keluarga.');
    expect(summary).not.toContain('Kanari');
    await world.deliver();
    const pdf = pdfPages(world.documents[0]!.path).join('\n');
    expect(pdf).toContain('V. Arisan: Putaran dan Pemenang');
    expect(pdf).toMatch(new RegExp(`mawar\\s+1\\s+${name} \\(nomor ${share}\\)\\s+Rp150\\.000\\s+#\\d+`));
    expect(pdf).toContain('VI. Santunan Duka');
    expect(pdf).toMatch(/#\d+\s+#1\s+M\.K\.W\.\s+Kematian\s+Rp200\.000/);
    expect(pdf).not.toContain('Kanari');
    const book = await readXlsx(world.documents[1]!.path);
    const sheet = book.getWorksheet('Arisan')!;
    const values = sheet.getSheetValues().flat().map(String).join('|');
    expect(values).toContain('M.K.W.');
    expect(values).toContain(`${name} (nomor ${share})`);
    expect(values).not.toContain('Kanari');
  });

  it('names the deceased only in the confidential version, and leaves a corrected santunan out', async () => {
    await arisanAndDuka();
    await world.say('Bu Sri', '/laporan rahasia bulan ini', { chat: null });
    await world.deliver();
    expect(pdfPages(world.documents[0]!.path).join('\n')).toMatch(new RegExp(`#1\\s+${DECEASED}\\s+Kematian\\s+Rp200\\.000`));

    const santunan = await world.db.read.ledgerEntry.findFirstOrThrow({ where: { kind: 'keluar', note: { startsWith: 'Santunan duka' } } });
    await world.say('Pak Budi', `/koreksi ${santunan.number} salah jumlah`);
    clock.advance(1_000);
    expect(await world.say('Bu Sri', '/laporan')).not.toContain('Santunan duka');
  });
});
