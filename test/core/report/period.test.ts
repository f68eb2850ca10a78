import { describe, expect, it } from 'vitest';
import { parsePeriod, previousMonth } from '../../../src/core/index.js';

// 26 November 2026, 21.00 WIB.
const NOW = new Date('2026-11-26T14:00:00Z');
const WIB = 'Asia/Jakarta';

const read = (typed: string, timeZone = WIB) => {
  const result = parsePeriod(typed, NOW, timeZone);
  if (!result.ok) throw new Error(`refused: ${result.problem}`);
  const { from, to, label, slug, partial } = result.period;
  return { from: from.toISOString(), to: to.toISOString(), label, slug, partial };
};

describe('report periods', () => {
  it.each([
    ['', '2026-10-31T17:00:00.000Z', NOW.toISOString(), 'November 2026', '2026-11', true],
    ['bulan ini', '2026-10-31T17:00:00.000Z', NOW.toISOString(), 'November 2026', '2026-11', true],
    ['bulan lalu', '2026-09-30T17:00:00.000Z', '2026-10-31T17:00:00.000Z', 'Oktober 2026', '2026-10', false],
    ['November 2026', '2026-10-31T17:00:00.000Z', NOW.toISOString(), 'November 2026', '2026-11', true],
    ['oktober 2026', '2026-09-30T17:00:00.000Z', '2026-10-31T17:00:00.000Z', 'Oktober 2026', '2026-10', false],
    ['des 2025', '2025-11-30T17:00:00.000Z', '2025-12-31T17:00:00.000Z', 'Desember 2025', '2025-12', false],
    ['desember', '2025-11-30T17:00:00.000Z', '2025-12-31T17:00:00.000Z', 'Desember 2025', '2025-12', false],
    ['11/2026', '2026-10-31T17:00:00.000Z', NOW.toISOString(), 'November 2026', '2026-11', true],
    ['2/2026', '2026-01-31T17:00:00.000Z', '2026-02-28T17:00:00.000Z', 'Februari 2026', '2026-02', false],
    ['2026-02', '2026-01-31T17:00:00.000Z', '2026-02-28T17:00:00.000Z', 'Februari 2026', '2026-02', false],
    ['2025', '2024-12-31T17:00:00.000Z', '2025-12-31T17:00:00.000Z', 'Tahun 2025', '2025', false],
    ['2026', '2025-12-31T17:00:00.000Z', NOW.toISOString(), 'Tahun 2026', '2026', true],
    ['tahun lalu', '2024-12-31T17:00:00.000Z', '2025-12-31T17:00:00.000Z', 'Tahun 2025', '2025', false],
    ['tahun ini', '2025-12-31T17:00:00.000Z', NOW.toISOString(), 'Tahun 2026', '2026', true],
    ['triwulan 3 2026', '2026-06-30T17:00:00.000Z', '2026-09-30T17:00:00.000Z', 'Triwulan III 2026', '2026-T3', false],
    ['Triwulan III', '2026-06-30T17:00:00.000Z', '2026-09-30T17:00:00.000Z', 'Triwulan III 2026', '2026-T3', false],
    ['tw4', '2026-09-30T17:00:00.000Z', NOW.toISOString(), 'Triwulan IV 2026', '2026-T4', true],
    ['semester 1', '2025-12-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', 'Semester I 2026', '2026-S1', false],
    ['semester 2 2025', '2025-06-30T17:00:00.000Z', '2025-12-31T17:00:00.000Z', 'Semester II 2025', '2025-S2', false],
    ['1/1/2026-30/6/2026', '2025-12-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', '1 Januari–30 Juni 2026', '2026-01-01_2026-06-30', false],
    ['1/12/2025 s/d 15/1/2026', '2025-11-30T17:00:00.000Z', '2026-01-15T17:00:00.000Z', '1 Desember 2025–15 Januari 2026', '2025-12-01_2026-01-15', false],
  ])('reads %j', (typed, from, to, label, slug, partial) => {
    expect(read(typed)).toEqual({ from, to, label, slug, partial });
  });

  it('starts days at midnight in the WKSBM zone (WIT is two hours ahead of WIB)', () => {
    expect(read('bulan lalu', 'Asia/Jayapura').from).toBe('2026-09-30T15:00:00.000Z');
  });

  it.each([
    ['kemarin sore', 'unknown'],
    ['13/2026', 'bad-date'],
    ['31/2/2026-1/3/2026', 'bad-date'],
    ['30/6/2026-1/1/2026', 'reversed'],
    ['2027', 'future'],
    ['desember 2026', 'future'],
    ['semester 3', 'unknown'],
  ])('refuses %j (%s)', (typed, problem) => {
    expect(parsePeriod(typed, NOW, WIB)).toEqual({ ok: false, problem });
  });

  it('gives the monthly report the whole previous month, also on the 1st just after midnight', () => {
    const period = previousMonth(new Date('2026-11-30T17:30:00Z'), WIB); // 1 December 00.30 WIB
    expect([period.from.toISOString(), period.to.toISOString(), period.label]).toEqual([
      '2026-10-31T17:00:00.000Z',
      '2026-11-30T17:00:00.000Z',
      'November 2026',
    ]);
  });
});
