import { describe, expect, it } from 'vitest';
import { parseDuka } from '../../../src/core/duka/parse.js';

// Thursday 26 November 2026, 09.00 WIB.
const NOW = new Date('2026-11-26T02:00:00Z');
const read = (text: string) => parseDuka(text, 'Asia/Jakarta', NOW);

describe('parseDuka', () => {
  it('reads name, date and address separated by commas, in any order after the name', () => {
    expect(read('Bapak Karto Wiyono, kemarin, RT 03 Dusun Krajan')).toEqual({
      ok: true,
      value: { name: 'Bapak Karto Wiyono', diedOn: '2026-11-25', address: 'RT 03 Dusun Krajan', form: 'islam' },
    });
    expect(read('Mbah Sumi, RT 03/05 Krajan, 24/11')).toMatchObject({ ok: true, value: { diedOn: '2026-11-24', address: 'RT 03/05 Krajan' } });
  });

  it('splits at the date phrase without commas, and takes today when none is written', () => {
    expect(read('Ibu Sarinah 25 November 2026 RT 03 Dusun Krajan')).toMatchObject({
      ok: true,
      value: { name: 'Ibu Sarinah', diedOn: '2026-11-25', address: 'RT 03 Dusun Krajan' },
    });
    expect(read('Ibu Sarinah tadi malam')).toMatchObject({ ok: true, value: { name: 'Ibu Sarinah', diedOn: '2026-11-26', address: null } });
    expect(read('Pak Darmo')).toMatchObject({ ok: true, value: { name: 'Pak Darmo', diedOn: '2026-11-26', address: null } });
  });

  it('does not read an RT/RW number or a house number as a date', () => {
    expect(read('Pak Darmo RT 03/05 Krajan')).toMatchObject({ ok: true, value: { name: 'Pak Darmo RT 03/05 Krajan', diedOn: '2026-11-26' } });
    expect(read('Pak Darmo RT 5 Dusun Krajan kemarin')).toMatchObject({ ok: true, value: { name: 'Pak Darmo RT 5 Dusun Krajan', diedOn: '2026-11-25' } });
  });

  it('takes a date without a year as the latest such day', () => {
    expect(read('Pak Darmo, 30/12')).toMatchObject({ ok: true, value: { diedOn: '2025-12-30' } });
    expect(read('Pak Darmo, 3 Agu')).toMatchObject({ ok: true, value: { diedOn: '2026-08-03' } });
  });

  it('takes the wording only from the pengurus: netral at the end, islam otherwise, whatever the name', () => {
    expect(read('Muhammad Yusuf, kemarin netral')).toMatchObject({ ok: true, value: { name: 'Muhammad Yusuf', form: 'netral' } });
    expect(read('Yohanes Pareira, kemarin')).toMatchObject({ ok: true, value: { name: 'Yohanes Pareira', form: 'islam' } });
    expect(read('Pak Wayan netral')).toMatchObject({ ok: true, value: { name: 'Pak Wayan', form: 'netral' } });
  });

  it('refuses what cannot be right', () => {
    expect(read('')).toEqual({ ok: false, problem: 'name' });
    expect(read('netral')).toEqual({ ok: false, problem: 'name' });
    expect(read('Pak Darmo, 27/11/2026')).toEqual({ ok: false, problem: 'future' });
    expect(read('Pak Darmo, 26/11/2024')).toEqual({ ok: false, problem: 'too-old' });
    expect(read(`${'a'.repeat(101)}, kemarin`)).toEqual({ ok: false, problem: 'too-long' });
  });
});
