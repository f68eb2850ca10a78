import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatQuantity, formatRupiah, unitLabel } from '../../../src/core/shared/format.js';
import type { FundUnit, Quantity } from '../../../src/core/shared/quantity.js';

describe('formatRupiah', () => {
  it.each([
    [0n, 'Rp0'],
    [5n, 'Rp5'],
    [999n, 'Rp999'],
    [1000n, 'Rp1.000'],
    [5000n, 'Rp5.000'],
    [1_250_000n, 'Rp1.250.000'],
    [125_000_000n, 'Rp125.000.000'],
    [1_000_000_000n, 'Rp1.000.000.000'],
    [12_345_678_901_234_567_890n, 'Rp12.345.678.901.234.567.890'],
    [-5000n, '-Rp5.000'],
    [-1n, '-Rp1'],
  ])('%s → %s', (n, text) => {
    expect(formatRupiah(n)).toBe(text);
  });

  it('keeps every digit, grouped in threes', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (n) => {
      const text = formatRupiah(n);
      expect(text).toMatch(/^-?Rp[0-9]{1,3}(?:\.[0-9]{3})*$/);
      expect(BigInt(text.replace(/Rp|\./g, ''))).toBe(n);
    }));
  });
});

describe('formatQuantity', () => {
  it.each<[Quantity, string]>([
    [{ unit: 'IDR', value: 1_250_000n }, 'Rp1.250.000'],
    [{ unit: 'IDR', value: -5000n }, '-Rp5.000'],
    [{ unit: 'kg', value: 2000n }, '2 kg'],
    [{ unit: 'kg', value: 1500n }, '1,5 kg'],
    [{ unit: 'kg', value: 250n }, '0,25 kg'],
    [{ unit: 'kg', value: 1n }, '0,001 kg'],
    [{ unit: 'kg', value: 1234n }, '1,234 kg'],
    [{ unit: 'kg', value: 1_234_000n }, '1234 kg'],
    [{ unit: 'kg', value: 0n }, '0 kg'],
    [{ unit: 'kg', value: -1500n }, '-1,5 kg'],
    [{ unit: 'kg', value: -250n }, '-0,25 kg'],
    [{ unit: 'liter', value: 1500n }, '1,5 liter'],
    [{ unit: 'liter', value: 100_000_000n }, '100000 liter'],
  ])('%o → %s', (q, text) => {
    expect(formatQuantity(q)).toBe(text);
  });
});

describe('unitLabel', () => {
  it.each<[FundUnit, string]>([
    ['IDR', 'rupiah'],
    ['kg', 'kg'],
    ['liter', 'liter'],
  ])('%s → %s', (unit, label) => {
    expect(unitLabel(unit)).toBe(label);
  });
});
