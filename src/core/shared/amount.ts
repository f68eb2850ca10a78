import type { FundUnit, Quantity } from './quantity.js';

export type AmountParse =
  | { ok: true; quantity: Quantity; rest: string; raw: string }
  | { ok: false; problem: AmountProblem; raw: string; readings?: AmountReadings };

/**
 * The two ways an amount like `2,500k` or `1,500` can be read: the separator as a decimal comma or point
 * (2,5k = Rp2.500) or as a thousands separator (2.500k = Rp2.500.000). Both are shown to the person.
 */
export interface AmountReadings {
  readonly decimal: AmountReading;
  readonly grouped: AmountReading;
}

/** One reading: the number as digits, the word written after it, and what it is worth if it can be recorded. */
export interface AmountReading {
  readonly whole: string;
  /** Digits after the decimal comma; '' for none. */
  readonly fraction: string;
  /** The multiplier or unit as written (`k`, `rb`, `jt`), lower-cased; null for none. */
  readonly word: string | null;
  /** Null when this reading is no recordable amount (Rp1,5). */
  readonly quantity: Quantity | null;
}
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
// A first group of only zeros ("0.559,347") groups no thousands: it is no number in either convention.
const INDONESIAN_GROUPS = /^(?!0+\.)[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$/;
const ENGLISH_GROUPS = /^(?!0+,)[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$/;

/** How far the amount reaches into the text; `end` also bounds `raw` when the amount is refused. */
type Scan =
  | { ok: true; quantity: Quantity; end: number }
  | { ok: false; problem: AmountProblem; end: number; readings?: AmountReadings };
type Failure = Extract<Scan, { ok: false }>;

/** One number with its unit words, as written; `digits` still holds the separators. */
interface Part {
  readonly ok: true;
  readonly digits: string;
  readonly suffix: Suffix | undefined;
  /** The suffix as written, lower-cased. */
  readonly suffixWord: string | null;
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
  if (scan.ok) return { ok: true, quantity: scan.quantity, rest: s.slice(scan.end).trim(), raw };
  return scan.readings ? { ok: false, problem: scan.problem, raw, readings: scan.readings } : { ok: false, problem: scan.problem, raw };
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
  if (typeof firstValue !== 'bigint') return { ok: false, ...firstValue, end: first.end };
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
    if (typeof value !== 'bigint') return { ok: false, ...value, end: next.end };
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
    return atBoundary(s, end) ? { ok: true, digits, suffix: undefined, suffixWord: null, currencyWord: false, end } : notANumber(s, start);
  }
  const attached = wordAt(s, end);
  if (!attached && !atBoundary(s, end)) return notANumber(s, start);

  let word = attached ?? wordAt(s, skipSpace(s, end));
  const suffix = word && SUFFIXES.get(word.word);
  const suffixWord = word && suffix ? word.word : null;
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
  return { ok: true, digits, suffix, suffixWord, currencyWord, end };
}

type Split = { readonly whole: string; readonly fraction: string };
/** Why a part has no value; an ambiguous one with its two readings where there are exactly two. */
type Refusal = { readonly problem: AmountProblem; readonly readings?: AmountReadings };

/** The part's value in its unit's smallest step, or why it has none. */
function valueOf(part: Part): bigint | Refusal {
  if (part.digits.length > MAX_NUMBER_CHARS) return { problem: 'too-large' };
  const split = splitDigits(part.digits, part.suffix);
  if ('problem' in split) return split;
  if ('decimal' in split) {
    const reading = (digits: Split): AmountReading => {
      const value = scaledValue(digits, part.suffix);
      const unit = part.suffix?.unit ?? 'IDR';
      const recordable = typeof value === 'bigint' && value > 0n && value <= (unit === 'IDR' ? MAX_RUPIAH : MAX_GOODS);
      return { ...digits, word: part.suffixWord, quantity: recordable ? { unit, value } : null };
    };
    return { problem: 'ambiguous', readings: { decimal: reading(split.decimal), grouped: reading(split.grouped) } };
  }
  return scaledValue(split, part.suffix);
}

function scaledValue(split: Split, suffix: Suffix | undefined): bigint | Refusal {
  const exponent = suffix?.exponent ?? 0;
  const fraction = split.fraction.replace(/0+$/, '');
  if (fraction.length > exponent) return { problem: 'fraction' };
  return BigInt(split.whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
}

/**
 * Splits written digits into whole and fraction digit strings. Indonesians group thousands with "." and
 * write decimals with ",", but English habits ("1,250,000", "2,500k", "1.5jt") are common too, so any
 * reading that the two conventions disagree on is ambiguous:
 * - without a word after it, "." before exactly three digits groups thousands ("5.000"), "," before
 *   exactly three digits could do either ("1,500");
 * - before a money multiplier ("2,500k", "1,250rb", "1.500rb") either separator before exactly three
 *   digits could do either; otherwise it is a decimal point ("1,5jt", "1.5jt", "1,25 jt");
 * - before a unit of goods the bot writes quantities with a decimal comma ("1,125 kg"), so only "."
 *   before exactly three digits is ambiguous ("1.500 kg").
 * A zero before the separator cannot start a thousands group: "0,250 kg", "0.5rb".
 */
function splitDigits(digits: string, suffix: Suffix | undefined): Split | Refusal | { decimal: Split; grouped: Split } {
  if (/^[0-9]+$/.test(digits)) return { whole: digits, fraction: '' };
  const single = /^([0-9]+)([.,])([0-9]+)$/.exec(digits);
  if (single) {
    const [, whole = '', separator, fraction = ''] = single;
    if (/^0+$/.test(whole)) return { whole, fraction };
    const twoWays = { decimal: { whole, fraction }, grouped: { whole: whole + fraction, fraction: '' } };
    if (suffix) {
      const groupsLikeThousands = fraction.length === 3 && (separator === '.' || suffix.unit === 'IDR');
      return groupsLikeThousands ? twoWays : { whole, fraction };
    }
    if (separator === '.') {
      return fraction.length === 3 && whole.length <= 3 ? { whole: whole + fraction, fraction: '' } : { problem: 'ambiguous' };
    }
    return fraction.length === 3 ? twoWays : { whole, fraction };
  }
  if (INDONESIAN_GROUPS.test(digits)) {
    const [whole = '', fraction = ''] = digits.split(',');
    return { whole: whole.replaceAll('.', ''), fraction };
  }
  return { problem: ENGLISH_GROUPS.test(digits) ? 'ambiguous' : 'not-a-number' };
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
