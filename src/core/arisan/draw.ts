import { createHash, randomBytes } from 'node:crypto';

/**
 * The arisan draw rule, documented in the README ("Memeriksa kocokan") so anyone can redo it by hand:
 *
 *   commitment = SHA-256(seed)                              seed: 64 lower-case hex characters, hashed as text
 *   digest     = SHA-256(seed + "|" + mixes + "|" + list)   mixes: the typed numbers in the order recorded,
 *                                                           comma-separated ("" when none);
 *                                                           list: eligible share numbers, ascending, comma-separated
 *   winner     = list[ digest as a 256-bit unsigned integer mod n ]   n = number of shares in the list
 *
 * Bias bound: 2^256 = q·n + r with r < n, so r residues are hit by q+1 digests and the others by q. Every
 * share's chance therefore differs from 1/n by less than 1/2^256, which no number of draws can detect;
 * no rejection step is needed.
 */
export const SEED_PATTERN = /^[0-9a-f]{64}$/;

/** 32 random bytes from the operating system's CSPRNG, as hex. */
export const newSeed = (): string => randomBytes(32).toString('hex');

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const commitmentOf = (seed: string): string => sha256(seed);

/** Eligible share numbers as the draw and the group read them: ascending, comma-separated. */
export const listText = (list: readonly number[]): string => list.join(',');

/** Reads a stored or typed list back; null unless it is ascending distinct positive integers. */
export function parseList(text: string): number[] | null {
  const numbers = text.split(/[\s,]+/).filter(Boolean).map(Number);
  const valid = numbers.length > 0 && numbers.every((n, i) => Number.isSafeInteger(n) && n > 0 && (i === 0 || n > numbers[i - 1]!));
  return valid ? numbers : null;
}

/** A typed number as it is mixed in: digits without leading zeros, so "0042" and "42" mix the same. */
export const normalizeMix = (digits: string): string => BigInt(digits).toString();

export interface DrawResult {
  readonly digest: string;
  readonly index: number;
  readonly winner: number;
}

export function drawWinner(seed: string, mixes: readonly string[], list: readonly number[]): DrawResult {
  if (list.length === 0) throw new RangeError('a draw needs at least one share');
  const digest = sha256(`${seed}|${mixes.join(',')}|${listText(list)}`);
  const index = Number(BigInt(`0x${digest}`) % BigInt(list.length));
  return { digest, index, winner: list[index]! };
}
