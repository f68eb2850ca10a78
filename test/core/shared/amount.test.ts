import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_GOODS, MAX_RUPIAH, parseAmount, type AmountProblem } from '../../../src/core/shared/amount.js';
import type { FundUnit } from '../../../src/core/shared/quantity.js';
import { formatQuantity, formatRupiah } from '../../../src/core/shared/format.js';

type Accepted = [input: string, unit: FundUnit, value: bigint, rest?: string];

const rupiahInputs: Accepted[] = [
  ['5000', 'IDR', 5000n],
  ['5.000', 'IDR', 5000n],
  ['Rp5.000', 'IDR', 5000n],
  ['Rp 5.000', 'IDR', 5000n],
  ['Rp. 5.000', 'IDR', 5000n],
  ['Rp.5.000', 'IDR', 5000n],
  ['RP 5.000', 'IDR', 5000n],
  ['rp5000', 'IDR', 5000n],
  ['IDR 5000', 'IDR', 5000n],
  ['idr5000', 'IDR', 5000n],
  ['Rp 5.000,-', 'IDR', 5000n],
  ['Rp5.000.-', 'IDR', 5000n],
  ['5.000,00', 'IDR', 5000n],
  ['5000,0', 'IDR', 5000n],
  ['5.000,000', 'IDR', 5000n],
  ['5rb', 'IDR', 5000n],
  ['5 rb', 'IDR', 5000n],
  ['5RB', 'IDR', 5000n],
  ['5ribu', 'IDR', 5000n],
  ['5 ribu', 'IDR', 5000n],
  ['5 Ribu', 'IDR', 5000n],
  ['5 rebu', 'IDR', 5000n],
  ['5k', 'IDR', 5000n],
  ['5K', 'IDR', 5000n],
  ['5 k', 'IDR', 5000n],
  ['1,5jt', 'IDR', 1_500_000n],
  ['1.5jt', 'IDR', 1_500_000n],
  ['1,25 jt', 'IDR', 1_250_000n],
  ['1,25jt', 'IDR', 1_250_000n],
  ['2,5k', 'IDR', 2500n],
  ['1,2jt', 'IDR', 1_200_000n],
  ['12.500', 'IDR', 12_500n],
  ['Rp1.250.000', 'IDR', 1_250_000n],
  ['1.250.000,-', 'IDR', 1_250_000n],
  ['0,250jt', 'IDR', 250_000n],
  ['2 juta', 'IDR', 2_000_000n],
  ['2 JUTA', 'IDR', 2_000_000n],
  ['2jt', 'IDR', 2_000_000n],
  ['1.250.000', 'IDR', 1_250_000n],
  ['Rp 1.250.000', 'IDR', 1_250_000n],
  ['0,5rb', 'IDR', 500n],
  ['0.5rb', 'IDR', 500n],
  ['1250rb', 'IDR', 1_250_000n],
  ['1 miliar', 'IDR', 1_000_000_000n],
  ['1.000.000.000', 'IDR', MAX_RUPIAH],
  ['Rp 5 juta', 'IDR', 5_000_000n],
  ['5000 rupiah', 'IDR', 5000n],
  ['5 ribu rupiah', 'IDR', 5000n],
  ['5000rp', 'IDR', 5000n],
  ['5000 IDR', 'IDR', 5000n],
  ['1 juta 250 ribu', 'IDR', 1_250_000n],
  ['1jt 500rb', 'IDR', 1_500_000n],
  ['1 juta 250 ribu rupiah', 'IDR', 1_250_000n],
  ['+5000', 'IDR', 5000n],
  ['  5000  ', 'IDR', 5000n],
  ['Rp\u00a05.000', 'IDR', 5000n],
  ['0005000', 'IDR', 5000n],
];

const goodsInputs: Accepted[] = [
  ['2kg', 'kg', 2000n],
  ['2 kg', 'kg', 2000n],
  ['2 KG', 'kg', 2000n],
  ['2 kilo', 'kg', 2000n],
  ['2 kilogram', 'kg', 2000n],
  ['1,5 kg', 'kg', 1500n],
  ['1.5 kg', 'kg', 1500n],
  ['1,25 kg', 'kg', 1250n],
  ['1,250 kg', 'kg', 1250n],
  ['0,250 kg', 'kg', 250n],
  ['0.250 kg', 'kg', 250n],
  ['500 gram', 'kg', 500n],
  ['500g', 'kg', 500n],
  ['500gr', 'kg', 500n],
  ['5 ons', 'kg', 500n],
  ['2 ton', 'kg', 2_000_000n],
  ['1.500,5 kg', 'kg', 1_500_500n],
  ['2 kg 500 gram', 'kg', 2500n],
  ['100 ton', 'kg', MAX_GOODS],
  ['1,5 liter', 'liter', 1500n],
  ['1.5 l', 'liter', 1500n],
  ['1.5 L', 'liter', 1500n],
  ['2 ltr', 'liter', 2000n],
  ['2 lt', 'liter', 2000n],
  ['250 ml', 'liter', 250n],
  ['250ml', 'liter', 250n],
];

const withRest: Accepted[] = [
  ['5 ribu jimpitan dari Pak Budi', 'IDR', 5000n, 'jimpitan dari Pak Budi'],
  ['5 kas', 'IDR', 5n, 'kas'],
  ['5 jimpitan', 'IDR', 5n, 'jimpitan'],
  ['5 lumbung', 'IDR', 5n, 'lumbung'],
  ['5 gotong royong', 'IDR', 5n, 'gotong royong'],
  ['5 kilogramx', 'IDR', 5n, 'kilogramx'],
  ['Rp 5.000,- kas', 'IDR', 5000n, 'kas'],
  ['50rb 3 bulan', 'IDR', 50_000n, '3 bulan'],
  ['2 juta 500 kas', 'IDR', 2_000_000n, '500 kas'],
  ['1 juta 2 kg', 'IDR', 1_000_000n, '2 kg'],
  ['2 kg beras dari Bu Sri', 'kg', 2000n, 'beras dari Bu Sri'],
  ['2 kg rupiah', 'kg', 2000n, 'rupiah'],
  ['1,5 liter minyak', 'liter', 1500n, 'minyak'],
  ['5000\n  jimpitan  ', 'IDR', 5000n, 'jimpitan'],
];

describe('parseAmount: accepted amounts', () => {
  it.each([...rupiahInputs, ...goodsInputs, ...withRest])('%j → %s %s', (input, unit, value, rest = '') => {
    const result = parseAmount(input);
    expect(result).toMatchObject({ ok: true, quantity: { unit, value }, rest });
  });

  it.each([
    ['5 ribu jimpitan dari Pak Budi', '5 ribu'],
    ['Rp 5.000,- kas', 'Rp 5.000,-'],
    ['  1 juta 250 ribu untuk santunan', '1 juta 250 ribu'],
    ['2 kg beras', '2 kg'],
    ['5000 rupiah kas', '5000 rupiah'],
  ])('reports %j as read from %j', (input, raw) => {
    expect(parseAmount(input)).toMatchObject({ ok: true, raw });
  });
});

describe('parseAmount: refused amounts', () => {
  const refused: [input: string, problem: AmountProblem, raw: string][] = [
    ['', 'missing', ''],
    ['   ', 'missing', ''],
    ['abc', 'not-a-number', 'abc'],
    ['jimpitan', 'not-a-number', 'jimpitan'],
    ['jimpitan 5000', 'not-a-number', 'jimpitan'],
    ['5000abc', 'not-a-number', '5000abc'],
    ['5000abc kas', 'not-a-number', '5000abc'],
    ['5rb.', 'not-a-number', '5rb.'],
    ['5 rb, kas', 'not-a-number', '5 rb,'],
    ['5000/bulan', 'not-a-number', '5000/bulan'],
    ['5000.', 'not-a-number', '5000.'],
    ['5.000,-x', 'not-a-number', '5.000,-x'],
    ['5.00.0', 'not-a-number', '5.00.0'],
    ['1..2', 'not-a-number', '1..2'],
    ['1jt500rb', 'not-a-number', '1jt500rb'],
    ['Rp', 'not-a-number', 'Rp'],
    ['Rp abc', 'not-a-number', 'Rp'],
    ['-', 'not-a-number', '-'],
    ['minus', 'not-a-number', 'minus'],
    ['.5', 'not-a-number', '.5'],
    ['0', 'zero', '0'],
    ['Rp0', 'zero', 'Rp0'],
    ['0rb', 'zero', '0rb'],
    ['0,00', 'zero', '0,00'],
    ['0 kg', 'zero', '0 kg'],
    ['-5000', 'negative', '-5000'],
    ['-5.000 kas', 'negative', '-5.000'],
    ['- 5000', 'negative', '- 5000'],
    ['minus 5rb', 'negative', 'minus 5rb'],
    ['Minus5000', 'negative', 'Minus5000'],
    ['-Rp5.000', 'negative', '-Rp5.000'],
    ['Rp -5.000', 'negative', 'Rp -5.000'],
    ['Rp-5.000', 'negative', 'Rp-5.000'],
    ['\u22125000', 'negative', '\u22125000'],
    ['-2 kg', 'negative', '-2 kg'],
    ['1,5', 'fraction', '1,5'],
    ['0,5', 'fraction', '0,5'],
    ['5.000,50', 'fraction', '5.000,50'],
    ['1,2345rb', 'fraction', '1,2345rb'],
    ['0,5 gram', 'fraction', '0,5 gram'],
    ['1,2345 kg', 'fraction', '1,2345 kg'],
    ['0,5 ml', 'fraction', '0,5 ml'],
    ['5,000', 'ambiguous', '5,000'],
    ['1,250', 'ambiguous', '1,250'],
    ['5.00', 'ambiguous', '5.00'],
    ['1.5', 'ambiguous', '1.5'],
    ['1250.000', 'ambiguous', '1250.000'],
    ['1,250,000', 'ambiguous', '1,250,000'],
    ['1,250.50', 'ambiguous', '1,250.50'],
    ['1.250rb', 'ambiguous', '1.250rb'],
    ['1.250 jt', 'ambiguous', '1.250 jt'],
    ['1.500 kg', 'ambiguous', '1.500 kg'],
    ['12.500 gram', 'ambiguous', '12.500 gram'],
    ['1.250 ml', 'ambiguous', '1.250 ml'],
    ['Rp 2 kg', 'ambiguous', 'Rp 2 kg'],
    ['1 juta 1500 ribu', 'ambiguous', '1 juta 1500 ribu'],
    ['5rb 10rb', 'ambiguous', '5rb 10rb'],
    ['1 jt 0,5 jt', 'ambiguous', '1 jt 0,5 jt'],
    ['1 juta 1.500 ribu', 'ambiguous', '1 juta 1.500 ribu'],
    ['2,500k', 'ambiguous', '2,500k'],
    ['2,500K kas', 'ambiguous', '2,500K'],
    ['1,250rb', 'ambiguous', '1,250rb'],
    ['1,250 jt', 'ambiguous', '1,250 jt'],
    ['1.500rb', 'ambiguous', '1.500rb'],
    ['1,500 ribu', 'ambiguous', '1,500 ribu'],
    ['Rp 1,500', 'ambiguous', 'Rp 1,500'],
    ['1,500', 'ambiguous', '1,500'],
    ['1 juta 1,500 ribu', 'ambiguous', '1 juta 1,500 ribu'],
    ['0.559,347jt', 'not-a-number', '0.559,347jt'],
    ['0.559,347', 'not-a-number', '0.559,347'],
    ['00.500', 'fraction', '00.500'],
    ['0,559.347jt', 'not-a-number', '0,559.347jt'],
    ['1000000001', 'too-large', '1000000001'],
    ['Rp 1.000.000.001', 'too-large', 'Rp 1.000.000.001'],
    ['1,1 miliar', 'too-large', '1,1 miliar'],
    ['1001 jt', 'too-large', '1001 jt'],
    ['101 ton', 'too-large', '101 ton'],
    ['100001 liter', 'too-large', '100001 liter'],
    ['9'.repeat(40), 'too-large', '9'.repeat(40)],
    ['1' + '0'.repeat(100_000) + ' kas', 'too-large', '1' + '0'.repeat(100_000)],
  ];

  it.each(refused)('%j → %s', (input, problem, raw) => {
    expect(parseAmount(input)).toMatchObject({ ok: false, problem, raw });
  });
});

describe('parseAmount: the two readings of an ambiguous amount', () => {
  it.each([
    ['2,500k', { whole: '2', fraction: '500', word: 'k', quantity: { unit: 'IDR', value: 2500n } }, { whole: '2500', fraction: '', word: 'k', quantity: { unit: 'IDR', value: 2_500_000n } }],
    ['1,250rb', { whole: '1', fraction: '250', word: 'rb', quantity: { unit: 'IDR', value: 1250n } }, { whole: '1250', fraction: '', word: 'rb', quantity: { unit: 'IDR', value: 1_250_000n } }],
    ['1.500RB', { whole: '1', fraction: '500', word: 'rb', quantity: { unit: 'IDR', value: 1500n } }, { whole: '1500', fraction: '', word: 'rb', quantity: { unit: 'IDR', value: 1_500_000n } }],
    ['1,500', { whole: '1', fraction: '500', word: null, quantity: null }, { whole: '1500', fraction: '', word: null, quantity: { unit: 'IDR', value: 1500n } }],
    ['1,250 jt', { whole: '1', fraction: '250', word: 'jt', quantity: { unit: 'IDR', value: 1_250_000n } }, { whole: '1250', fraction: '', word: 'jt', quantity: null }],
    ['1.500 kg', { whole: '1', fraction: '500', word: 'kg', quantity: { unit: 'kg', value: 1500n } }, { whole: '1500', fraction: '', word: 'kg', quantity: { unit: 'kg', value: 1_500_000n } }],
  ] as const)('%s has two readings', (input, decimal, grouped) => {
    expect(parseAmount(input)).toMatchObject({ ok: false, problem: 'ambiguous', readings: { decimal, grouped } });
  });

  it('gives no readings where the amount is no number in either convention', () => {
    for (const input of ['1,250,000', '5.00', '1.5', '0.559,347jt']) expect(parseAmount(input)).not.toHaveProperty('readings');
  });
});

describe('parseAmount: properties', () => {
  const anyRupiah = fc.bigInt({ min: 1n, max: MAX_RUPIAH });
  const anyGoods = fc.bigInt({ min: 1n, max: MAX_GOODS });

  it('reads back every formatted rupiah amount exactly', () => {
    fc.assert(fc.property(anyRupiah, (n) => {
      expect(parseAmount(formatRupiah(n))).toEqual({
        ok: true, quantity: { unit: 'IDR', value: n }, rest: '', raw: formatRupiah(n),
      });
    }));
  });

  it('reads plain digit strings exactly, with or without what follows', () => {
    fc.assert(fc.property(anyRupiah, fc.constantFrom('', ' kas', ' jimpitan dari Pak Budi'), (n, tail) => {
      expect(parseAmount(`${n}${tail}`)).toEqual({
        ok: true, quantity: { unit: 'IDR', value: n }, rest: tail.trim(), raw: `${n}`,
      });
    }));
  });

  it('reads back every formatted goods quantity exactly', () => {
    fc.assert(fc.property(anyGoods, fc.constantFrom<FundUnit>('kg', 'liter'), (value, unit) => {
      expect(parseAmount(formatQuantity({ unit, value }))).toMatchObject({ ok: true, quantity: { unit, value }, rest: '' });
    }));
  });

  it('refuses every negative amount', () => {
    fc.assert(fc.property(anyRupiah, (n) => {
      expect(parseAmount(formatRupiah(-n))).toMatchObject({ ok: false, problem: 'negative' });
    }));
  });

  const amountLike = fc.string({
    unit: fc.constantFrom(
      '0', '1', '5', '9', '.', ',', ' ', '-', '+', 'Rp', 'rb', 'jt', 'k', 'kg', 'g', 'l', 'ml', 'juta', 'ribu', 'minus', 'kas', '\u00a0', 'İ',
    ),
    maxLength: 12,
  });

  it.each([
    ['binary strings', fc.string({ unit: 'binary' })],
    ['grapheme strings', fc.string({ unit: 'grapheme' })],
    ['amount-like strings', amountLike],
  ])('never throws and keeps its promises on %s', (_name, strings) => {
    fc.assert(fc.property(strings, (text) => {
      const result = parseAmount(text);
      const trimmed = text.trim();
      expect(trimmed.startsWith(result.raw)).toBe(true);
      if (!result.ok) return;
      expect(result.quantity.value > 0n).toBe(true);
      expect(result.quantity.value <= (result.quantity.unit === 'IDR' ? MAX_RUPIAH : MAX_GOODS)).toBe(true);
      expect(trimmed.endsWith(result.rest)).toBe(true);
      expect(result.raw.length + result.rest.length <= trimmed.length).toBe(true);
    }), { numRuns: 2000 });
  });
});
