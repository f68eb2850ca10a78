import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatShortDateTime } from '../../../src/core/shared/date.js';

/** What Intl writes, the definition the fast path must match to the character. */
const byIntl = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone, day: '2-digit', month: '2-digit', year: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(date)
    .replace(',', '');

/** Indonesia's three zones, and zones with daylight saving, half-hour and 45-minute offsets. */
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'UTC'];

describe('formatShortDateTime', () => {
  it('writes a Jakarta evening as people read it', () => {
    expect(formatShortDateTime(new Date('2026-11-23T14:05:00Z'), 'Asia/Jakarta')).toBe('23/11/26 21.05');
  });

  it('matches Intl for any instant in any zone, also around daylight saving switches', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 7_400_000_000_000 }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(formatShortDateTime(new Date(ms), zone)).toBe(byIntl(new Date(ms), zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches Intl minute by minute across switches (Berlin, New York, Lord Howe half-hour)', () => {
    const switches = [
      ['Europe/Berlin', '2026-03-29T00:30:00Z'],
      ['Europe/Berlin', '2026-10-25T00:30:00Z'],
      ['America/New_York', '2026-03-08T06:30:00Z'],
      ['America/New_York', '2026-11-01T05:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
    ] as const;
    for (const [zone, around] of switches) {
      const start = Date.parse(around) - 2 * 3_600_000;
      for (let minute = 0; minute < 4 * 60; minute++) {
        const date = new Date(start + minute * 60_000 + 17_000);
        expect(formatShortDateTime(date, zone)).toBe(byIntl(date, zone));
      }
    }
  });
});
