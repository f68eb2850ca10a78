import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfPages, readCsv, readXlsx } from '../../helpers/report-files.js';
import { createTestClock, createWorld, groupMessage, type World } from '../../helpers/world.js';

let world: World;
// The stores stamp entries with the real time: the clock stands a minute ahead, so "bulan ini" holds them.
const clock = createTestClock();
beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  world = await createWorld({ clock });
});
afterEach(async () => world.close());

const NAME = 'Mbah Sainem Canarius';
const jpeg = (words: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(words), randomBytes(256)]);
const short = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/** A /setor or /keluar sent with a photo as its caption. */
function withPhoto(user: string, text: string, bytes: Uint8Array) {
  return world.send({ ...groupMessage(user, text), photo: { ref: 'foto', load: async () => ({ bytes, mimeType: 'image/jpeg' }) } });
}

async function sukamajuWithProofs() {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
  const slip = jpeg('slip transfer');
  const nota = jpeg('nota beras');
  const aidNota = jpeg('kuitansi');
  expect(await withPhoto('Pak Budi', '/setor 500000 kas donasi perantau', slip)).toContain('📎 Foto bukti');
  await world.say('Pak Budi', '/setor 25000 jimpitan');
  expect(await withPhoto('Pak Budi', '/keluar 120000 kas beli beras', nota)).toContain('📎 Foto bukti');
  const wksbm = await world.db.read.wksbm.findFirstOrThrow();
  const aid = await world.db.write.case.create({
    data: { wksbmId: wksbm.id, category: 'lanjut-usia-terlantar', subject: NAME, location: 'RT 03', description: 'sakit', urgency: 'segera', anonymous: true },
  });
  expect(await withPhoto('Pak Budi', `/keluar 150000 kas santunan ${NAME} kasus ${aid.id}`, aidNota)).toContain('📎 Foto bukti');
  const number = async (note: string) => (await world.db.read.ledgerEntry.findFirstOrThrow({ where: { note: { contains: note } } })).number;
  return {
    slip: { number: await number('donasi'), hash: short(slip) },
    nota: { number: await number('beli beras'), hash: short(nota) },
    aid: { number: await number('santunan'), hash: short(aidNota) },
  };
}

describe('proof photos in the LPJ', () => {
  it('lists every proof with its entry and the start of its SHA-256 in the PDF annex, the XLSX and the CSV', async () => {
    const { slip, nota, aid } = await sukamajuWithProofs();
    await world.say('Bu Sri', '/laporan');
    await world.deliver();
    const [pdfFile, xlsxFile, csvFile] = world.documents;

    const pages = pdfPages(pdfFile!.path);
    const annex = pages.find((page) => page.includes('Lampiran: Daftar Bukti Transaksi'));
    expect(annex, 'the PDF has the annex of proofs').toBeDefined();
    expect(annex).toMatch(new RegExp(`#${slip.number}\\s+\\d\\d/\\d\\d/\\d{4}\\s+Kas\\s+Rp500\\.000\\s+donasi perantau\\s+${slip.hash}`));
    expect(annex).toMatch(new RegExp(`#${nota.number}\\s+\\d\\d/\\d\\d/\\d{4}\\s+Kas\\s+-Rp120\\.000\\s+beli beras\\s+${nota.hash}`));
    // Help to a person: the group version describes it by category, as the buku kas does.
    expect(annex).toMatch(new RegExp(`#${aid.number}\\s+.*Bantuan Lanjut Usia Terlantar\\s+${aid.hash}`));
    expect(pages.join('\n')).not.toContain('Canarius');
    // The annex follows the signatures, before the buku kas.
    const annexAt = pages.indexOf(annex!);
    expect(pages.slice(0, annexAt).join('\n')).toContain('VII. Penutup');
    expect(pages.slice(annexAt).join('\n')).toContain('Lampiran: Buku Kas');

    const book = await readXlsx(xlsxFile!.path);
    const sheet = book.getWorksheet('Bukti')!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(rows[1]).toEqual(['No.', 'Tanggal', 'Dana', 'Jumlah', 'Uraian', 'SHA-256 (awal)']);
    expect(rows.slice(2).map((row) => [row[0], row[2], row[3], row[4], row[5]])).toEqual([
      [slip.number, 'Kas', 500000, 'donasi perantau', slip.hash],
      [nota.number, 'Kas', -120000, 'beli beras', nota.hash],
      [aid.number, 'Kas', -150000, 'Bantuan Lanjut Usia Terlantar', aid.hash],
    ]);

    const csv = readCsv(readFileSync(csvFile!.path, 'utf8')).rows;
    expect(csv[0]!.at(-1)).toBe('Bukti (SHA-256 awal)');
    const proofOf = (number: number) => csv.find((row) => row[2] === String(number))!.at(-1);
    expect(proofOf(slip.number)).toBe(slip.hash);
    expect(proofOf(nota.number)).toBe(nota.hash);
    const jimpitan = csv.find((row) => row[0] === 'Jimpitan' && row[2] !== '')!;
    expect(jimpitan.at(-1)).toBe('');
    expect(new Set(csv.map((row) => row.length)).size).toBe(1);
  });

  it('names the person helped in the annex of the confidential version only', async () => {
    const { aid } = await sukamajuWithProofs();
    await world.say('Bu Sri', '/laporan rahasia bulan ini', { chat: null });
    await world.deliver();
    const text = pdfPages(world.documents[0]!.path).join('\n');
    // pdfmake wraps the long description under the row.
    expect(text).toMatch(new RegExp(`#${aid.number}\\s+.*Bantuan Lanjut Usia Terlantar:\\s+${aid.hash}\\s+santunan ${NAME}`));
  });

  it('has no proof annex page when no entry has a photo', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await world.say('Bu Sri', '/setor 5000 kas');
    await world.say('Bu Sri', '/laporan');
    await world.deliver();
    expect(pdfPages(world.documents[0]!.path).join('\n')).not.toContain('Daftar Bukti Transaksi');
    const sheet = (await readXlsx(world.documents[1]!.path)).getWorksheet('Bukti')!;
    expect(sheet.rowCount).toBe(2);
  });
});
