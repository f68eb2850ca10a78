import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentOf, drawWinner, newSeed, normalizeMix, parseList, SEED_PATTERN } from '../../../src/core/arisan/draw.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fixed, reproducible seed set: seed i is SHA-256 of "arisan-uji-<i>". */
const fixedSeed = (i: number) => sha256(`arisan-uji-${i}`);

/**
 * Upper 0.1% points of the chi-square distribution (df = n − 1). With a fixed seed set the statistic
 * is one fixed number: the test cannot flake; it fails only if the rule changes and turns out biased.
 */
const CHI_SQUARE_999: Record<number, number> = { 1: 10.828, 6: 22.458, 29: 58.301 };

describe('the draw rule', () => {
  it('commits to SHA-256 of the seed as text, as `printf %s <seed> | sha256sum` computes it', () => {
    const seed = newSeed();
    expect(seed).toMatch(SEED_PATTERN);
    expect(commitmentOf(seed)).toBe(sha256(seed));
    expect(newSeed()).not.toBe(seed);
  });

  it('is SHA-256(seed|mixes|list) as a 256-bit integer mod n, the documented formula', () => {
    const seed = fixedSeed(1);
    const list = [1, 2, 4, 5, 9];
    const digest = sha256(`${seed}|4821,99|1,2,4,5,9`);
    const index = Number(BigInt(`0x${digest}`) % 5n);
    expect(drawWinner(seed, ['4821', '99'], list)).toEqual({ digest, index, winner: list[index] });
    // Without mixes the middle field is empty.
    expect(drawWinner(seed, [], list).digest).toBe(sha256(`${seed}||1,2,4,5,9`));
  });

  it('changes with every input: a mix, its order, the list', () => {
    const seed = fixedSeed(2);
    const list = Array.from({ length: 40 }, (_, i) => i + 1);
    const digests = new Set([
      drawWinner(seed, [], list).digest,
      drawWinner(seed, ['1'], list).digest,
      drawWinner(seed, ['1', '2'], list).digest,
      drawWinner(seed, ['2', '1'], list).digest,
      drawWinner(seed, ['1', '2'], list.slice(1)).digest,
    ]);
    expect(digests.size).toBe(5);
  });

  for (const n of [2, 7, 30]) {
    it(`is uniform over ${n} shares: chi-square of 2,000·n fixed seeds below the 0.1% point`, () => {
      const list = Array.from({ length: n }, (_, i) => i + 1);
      const draws = 2000 * n;
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) counts[drawWinner(fixedSeed(i), [], list).index]!++;
      const expected = draws / n;
      const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(CHI_SQUARE_999[n - 1]!);
    });
  }

  it('reads lists and mixes strictly', () => {
    expect(parseList('1,2,4')).toEqual([1, 2, 4]);
    expect(parseList('1 2 4')).toEqual([1, 2, 4]);
    expect(parseList('2,1')).toBeNull();
    expect(parseList('1,1')).toBeNull();
    expect(parseList('')).toBeNull();
    expect(parseList('1,x')).toBeNull();
    expect(normalizeMix('0042')).toBe('42');
    expect(normalizeMix('0')).toBe('0');
  });
});
