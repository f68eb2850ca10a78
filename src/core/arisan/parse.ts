import type { ArisanFrequency } from './ports.js';

/** Sub-command words, which an arisan therefore cannot be named. */
export const SUBCOMMANDS = ['buat', 'ikut', 'tambah', 'bayar', 'kocok', 'riwayat', 'bayarkan', 'keluar'] as const;

/** One lower-case word; with the `arisan-` prefix its fund name still fits a fund word (30 characters). */
const ARISAN_NAME = /^[a-z][a-z0-9-]{1,22}$/;

export const isArisanName = (word: string): boolean =>
  ARISAN_NAME.test(word) && !(SUBCOMMANDS as readonly string[]).includes(word);

/** The arisan's own fund: `/saldo arisan-mawar`, `/riwayat arisan-mawar`. */
export const fundNameOf = (name: string): string => `arisan-${name}`;
export const isArisanFundName = (fundName: string): boolean => fundName.startsWith('arisan-');

const FREQUENCY_WORDS = new Map<string, ArisanFrequency>([
  ['mingguan', 'mingguan'],
  ['seminggu sekali', 'mingguan'],
  ['bulanan', 'bulanan'],
  ['sebulan sekali', 'bulanan'],
  ['tiap rapat', 'tiap-rapat'],
  ['setiap rapat', 'tiap-rapat'],
  ['tiap-rapat', 'tiap-rapat'],
]);

export const parseFrequency = (text: string): ArisanFrequency | null =>
  FREQUENCY_WORDS.get(text.toLowerCase().replace(/\s+/g, ' ').trim()) ?? null;

const COUNT_WORDS = new Map([['satu', 1], ['dua', 2], ['tiga', 3], ['empat', 4], ['lima', 5]]);
const COUNT = /(?:^|\s+)(\d{1,2}|satu|dua|tiga|empat|lima)\s+nomor$/i;
export const MAX_SHARES_PER_PERSON = 5;

/**
 * `Bu Sri 2 nomor` → name `Bu Sri`, 2 shares; `Bu Sri` → 1. A count outside 1–5 is null (refused), so
 * a typo never hands someone twenty shares.
 */
export function splitShareCount(text: string): { rest: string; count: number | null } {
  const match = COUNT.exec(text.trim());
  if (!match) return { rest: text.trim(), count: 1 };
  const word = match[1]!.toLowerCase();
  const count = COUNT_WORDS.get(word) ?? Number(word);
  const rest = text.trim().slice(0, match.index).trim();
  return { rest, count: count >= 1 && count <= MAX_SHARES_PER_PERSON ? count : null };
}

/** `Mbah Karto baru`: the word `baru` at the end says a new person without a chat account is meant. */
export function splitNew(text: string): { name: string; isNew: boolean } {
  const match = /^(.*?)\s+baru$/i.exec(text.trim());
  return match ? { name: match[1]!.trim(), isNew: true } : { name: text.trim(), isNew: false };
}

/** `angka 4821`: a number someone mixes into the draw; 1–18 digits. */
export function readMix(text: string): { given: false } | { given: true; digits: string | null } {
  const match = /^angka(?:\s+(.*))?$/i.exec(text.trim());
  if (!match) return { given: false };
  const digits = (match[1] ?? '').replace(/[.\s]/g, '');
  return { given: true, digits: /^\d{1,18}$/.test(digits) ? digits : null };
}
