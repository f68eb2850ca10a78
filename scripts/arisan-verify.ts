/**
 * `npm run -s arisan:verify -- <benih> <daftar…> [angka <a,b,…>]`: redoes an arisan draw from what the
 * group was shown (README, "Memeriksa kocokan"), with the same rule the bot uses.
 */
import { commitmentOf, drawWinner, normalizeMix, parseList, SEED_PATTERN } from '../src/core/arisan/index.js';

const USAGE = 'Pakai: npm run -s arisan:verify -- <benih> <daftar, mis. 1,2,4,5> [angka <bilangan,bilangan,…>]';

function fail(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

const [seed, ...rest] = process.argv.slice(2);
if (!seed || !SEED_PATTERN.test(seed)) fail('Benih harus 64 huruf heksadesimal (0-9, a-f), seperti yang diumumkan bot.');
const at = rest.findIndex((word) => word.toLowerCase() === 'angka');
const listWords = at < 0 ? rest : rest.slice(0, at);
const mixWords = at < 0 ? [] : rest.slice(at + 1).join(',').split(',').filter(Boolean);
const list = parseList(listWords.join(','));
if (!list) fail('Daftar harus nomor-nomor yang naik tanpa ulangan, seperti yang diumumkan bot (mis. 1,2,4,5).');
if (!mixWords.every((word) => /^\d{1,18}$/.test(word))) fail('Angka tambahan harus bilangan bulat, dipisah koma.');
const mixes = mixWords.map(normalizeMix);

const result = drawWinner(seed, mixes, list);
console.log(`Komitmen SHA-256(benih): ${commitmentOf(seed)}  (harus sama dengan yang diumumkan di tahap 1)`);
console.log(`Daftar: ${list.join(',')} (${list.length} nomor)`);
console.log(`Angka tambahan: ${mixes.length ? mixes.join(',') : 'tidak ada'}`);
console.log(`SHA-256(benih|angka|daftar): ${result.digest}`);
console.log(`Indeks: bilangan itu mod ${list.length} = ${result.index} (urutan ke-${result.index + 1})`);
console.log(`Pemenang: nomor ${result.winner}`);
