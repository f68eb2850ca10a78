import type { FundUnit, Quantity } from './quantity.js';

export type AmountParse =
  | { ok: true; quantity: Quantity; rest: string; raw: string }
  | { ok: false; problem: AmountProblem; raw: string };
export type AmountProblem = 'missing' | 'not-a-number' | 'zero' | 'negative' | 'fraction' | 'ambiguous' | 'too-large';
export const MAX_RUPIAH = 1_000_000_000n; // largest single entry accepted (Rp1 miliar)
export const MAX_GOODS = 100_000_000n;      // 100 ton / 100.000 liter in thousandths

/**
 * A word written after a number. `exponent` is the power of ten that turns one of it into the unit's
 * smallest step: a juta is 10^6 rupiah, a kg 10^3 grams, an ons 10^2 grams.
 */
interface Suffix { readonly unit: FundUnit; readonly exponent: number }

const money = (exponent: number): Suffix => ({ unit: 'IDR', exponent });
const kg = (exponent: number): Suffix => ({ unit: 'kg', exponent });
const liter = (exponent: number): Suffix => ({ unit: 'liter', exponent });

// A Map, not an object literal, so words like "constructor" cannot hit the prototype.
const SUFFIXES: ReadonlyMap<string, Suffix> = new Map([
  ['k', money(3)], ['rb', money(3)], ['ribu', money(3)], ['rebu', money(3)],
  ['jt', money(6)], ['juta', money(6)],
  ['miliar', money(9)], ['milyar', money(9)],
  ['g', kg(0)], ['gr', kg(0)], ['gram', kg(0)], ['ons', kg(2)],
  ['kg', kg(3)], ['kilo', kg(3)], ['kilogram', kg(3)], ['ton', kg(6)],
  ['ml', liter(0)], ['l', liter(3)], ['lt', liter(3)], ['ltr', liter(3)], ['liter', liter(3)], ['litre', liter(3)],
]);
/** Words that only repeat that the amount is money ("5000 rupiah"); they change nothing. */
const CURRENCY_WORDS: ReadonlySet<string> = new Set(['rp', 'rupiah', 'idr']);

/** Longer than any amount a person types; refusing it up front keeps the BigInt work tiny. */
const MAX_NUMBER_CHARS = 32;

// Sticky (y) patterns are matched at a given index, so nothing is sliced or rescanned.
const SIGN = /([-−+]|minus(?![a-z]))\s*/iy;
const PREFIX = /(?:rp\.?|idr)(?![a-z])\s*/iy;
const NUMBER = /[0-9][0-9.,]*/y;
const WORD = /[a-z]+/iy;
const INDONESIAN_GROUPS = /^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$/;
const ENGLISH_GROUPS = /^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$/;

/** How far the amount reaches into the text; `end` also bounds `raw` when the amount is refused. */
type Scan =
  | { ok: true; quantity: Quantity; end: number }
  | { ok: false; problem: AmountProblem; end: number };
type Failure = Extract<Scan, { ok: false }>;

/** One number with its unit words, as written; `digits` still holds the separators. */
interface Part {
  readonly ok: true;
  readonly digits: string;
  readonly suffix: Suffix | undefined;
  readonly currencyWord: boolean;
  readonly end: number;
}

/**
 * Reads an amount of money or goods at the start of `text` as an exact integer, and what follows it.
 * Anything that could be read two ways is refused rather than guessed, because a wrong guess would
 * record a wrong amount in the group's books.
 */
export function parseAmount(text: string): AmountParse {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'missing', raw: '' };
  const scan = readSigned(s);
  const raw = s.slice(0, scan.end).trimEnd();
  return scan.ok
    ? { ok: true, quantity: scan.quantity, rest: s.slice(scan.end).trim(), raw }
    : { ok: false, problem: scan.problem, raw };
}

function readSigned(s: string): Scan {
  let at = 0;
  let sign = matchAt(SIGN, s, at);
  if (sign) at += sign[0].length;
  const prefix = matchAt(PREFIX, s, at);
  if (prefix) at += prefix[0].length;
  // "Rp -5.000" puts the sign after the currency
  if (!sign && prefix) {
    sign = matchAt(SIGN, s, at);
    if (sign) at += sign[0].length;
  }
  if (!isDigit(s, at)) return notANumber(s, 0);
  const amount = readAmount(s, at, prefix !== null);
  // Other problems of the number itself ("-0", "-1,5") say more than its sign does.
  return amount.ok && sign !== null && sign[1] !== '+' ? { ok: false, problem: 'negative', end: amount.end } : amount;
}

function readAmount(s: string, start: number, prefixed: boolean): Scan {
  const first = readPart(s, start);
  if (!first.ok) return first;
  const firstValue = valueOf(first);
  if (typeof firstValue === 'string') return { ok: false, problem: firstValue, end: first.end };
  const unit = first.suffix?.unit ?? 'IDR';
  if (prefixed && unit !== 'IDR') return { ok: false, problem: 'ambiguous', end: first.end };

  let total = firstValue;
  let last = first;
  // "1 juta 250 ribu", "2 kg 500 gram": each further part has the same unit and is less than one of the part before.
  while (last.suffix !== undefined && last.suffix.exponent > 0 && !last.currencyWord) {
    const at = skipSpace(s, last.end);
    if (!isDigit(s, at)) break;
    const next = readPart(s, at);
    // A number without a word of the same unit ("50rb 3 bulan") belongs to the rest of the message.
    if (!next.ok || next.suffix === undefined || next.suffix.unit !== unit) break;
    const value = valueOf(next);
    if (typeof value === 'string') return { ok: false, problem: value, end: next.end };
    if (next.suffix.exponent >= last.suffix.exponent || value >= 10n ** BigInt(last.suffix.exponent)) {
      return { ok: false, problem: 'ambiguous', end: next.end };
    }
    total += value;
    last = next;
  }

  if (total === 0n) return { ok: false, problem: 'zero', end: last.end };
  if (total > (unit === 'IDR' ? MAX_RUPIAH : MAX_GOODS)) return { ok: false, problem: 'too-large', end: last.end };
  return { ok: true, quantity: { unit, value: total }, end: last.end };
}

/** Reads a number at `start` (a digit) and the unit or currency words after it. */
function readPart(s: string, start: number): Part | Failure {
  let digits = matchAt(NUMBER, s, start)?.[0] ?? '';
  let end = start + digits.length;
  // "Rp 5.000,-": the dash says there are no cents and closes the amount
  if (/[.,]$/.test(digits) && s.charAt(end) === '-') {
    digits = digits.slice(0, -1);
    end += 1;
    return atBoundary(s, end) ? { ok: true, digits, suffix: undefined, currencyWord: false, end } : notANumber(s, start);
  }
  const attached = wordAt(s, end);
  if (!attached && !atBoundary(s, end)) return notANumber(s, start);

  let word = attached ?? wordAt(s, skipSpace(s, end));
  const suffix = word && SUFFIXES.get(word.word);
  if (word && suffix) {
    // "5 rb," is refused rather than read as 5 rupiah followed by "rb,"
    if (!word.whole) return notANumber(s, word.start);
    end = word.end;
    word = wordAt(s, skipSpace(s, end));
  }
  const currencyWord = word !== undefined && CURRENCY_WORDS.has(word.word) && (!suffix || suffix.unit === 'IDR');
  if (word && currencyWord) {
    if (!word.whole) return notANumber(s, word.start);
    end = word.end;
  } else if (word && word === attached) {
    return notANumber(s, start); // "5000abc"
  }
  return { ok: true, digits, suffix, currencyWord, end };
}

/** The part's value in its unit's smallest step, or why it has none. */
function valueOf(part: Part): bigint | AmountProblem {
  if (part.digits.length > MAX_NUMBER_CHARS) return 'too-large';
  const split = splitDigits(part.digits, part.suffix !== undefined);
  if (typeof split === 'string') return split;
  const exponent = part.suffix?.exponent ?? 0;
  const fraction = split.fraction.replace(/0+$/, '');
  if (fraction.length > exponent) return 'fraction';
  return BigInt(split.whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
}

/**
 * Splits written digits into whole and fraction digit strings. Indonesians group thousands with "." and
 * write decimals with ",", but English habits ("1,250,000", "1.5") are common too, so any reading
 * that the two conventions disagree on is 'ambiguous'. After a unit or multiplier ("1.5jt", "1,25 kg")
 * a lone separator is a decimal point, except "." before exactly three digits ("1.250rb").
 */
function splitDigits(digits: string, scaled: boolean): { whole: string; fraction: string } | AmountProblem {
  if (/^[0-9]+$/.test(digits)) return { whole: digits, fraction: '' };
  const single = /^([0-9]+)([.,])([0-9]+)$/.exec(digits);
  if (single) {
    const [, whole = '', separator, fraction = ''] = single;
    // A zero before the separator cannot start a thousands group: "0,250 kg", "0.5rb"
    if (/^0+$/.test(whole)) return { whole, fraction };
    if (scaled) return separator === '.' && fraction.length === 3 ? 'ambiguous' : { whole, fraction };
    if (separator === '.') {
      return fraction.length === 3 && whole.length <= 3 ? { whole: whole + fraction, fraction: '' } : 'ambiguous';
    }
    return fraction.length === 3 ? 'ambiguous' : { whole, fraction };
  }
  if (INDONESIAN_GROUPS.test(digits)) {
    const [whole = '', fraction = ''] = digits.split(',');
    return { whole: whole.replaceAll('.', ''), fraction };
  }
  return ENGLISH_GROUPS.test(digits) ? 'ambiguous' : 'not-a-number';
}

/** The letters at `at`, lower-cased; `whole` when whitespace or the end follows them. */
function wordAt(s: string, at: number): { word: string; start: number; end: number; whole: boolean } | undefined {
  const match = matchAt(WORD, s, at);
  if (!match) return undefined;
  const end = at + match[0].length;
  return { word: match[0].toLowerCase(), start: at, end, whole: atBoundary(s, end) };
}

function matchAt(pattern: RegExp, s: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(s);
}

/** Refuses the whitespace-separated token that `at` lies in, so `raw` shows the person what was wrong. */
function notANumber(s: string, at: number): Failure {
  let end = at;
  while (end < s.length && !isSpace(s, end)) end += 1;
  return { ok: false, problem: 'not-a-number', end };
}

function skipSpace(s: string, at: number): number {
  let i = at;
  while (isSpace(s, i)) i += 1;
  return i;
}

const isSpace = (s: string, at: number): boolean => at < s.length && /\s/.test(s.charAt(at));
const atBoundary = (s: string, at: number): boolean => at >= s.length || isSpace(s, at);
const isDigit = (s: string, at: number): boolean => /[0-9]/.test(s.charAt(at));
