import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseMeeting, parseMove, type ParsedMeeting } from '../../../src/core/meetings/parse.js';
import { parseReminders } from '../../../src/core/meetings/parse-reminders.js';
import { DEFAULT_REMINDERS, reminderDue } from '../../../src/core/meetings/reminders.js';
import { occurrencesBetween, type IsoWeekday, type RutinRule } from '../../../src/core/meetings/schedule.js';
import { formatMeetingTime } from '../../../src/core/meetings/date-text.js';
import { ZONES } from '../../../src/core/meetings/time-zone.js';

const WIB = ZONES.WIB;
const WITA = ZONES.WITA;
const WIT = ZONES.WIT;
/** Monday 23 November 2026, 12.00 WIB. */
const NOW = new Date('2026-11-23T05:00:00Z');

function parsed(text: string, zone: string = WIB, now: Date = NOW): ParsedMeeting {
  const result = parseMeeting(text, zone, now);
  if (!result.ok) throw new Error(`"${text}" refused: ${result.problem}`);
  return result.value;
}

const rule = (text: string, zone: string = WIB): RutinRule => {
  const { when } = parsed(text, zone);
  if (when.kind !== 'rutin') throw new Error('not rutin');
  return when.rule;
};

const startOf = (text: string, zone: string = WIB, now: Date = NOW): string => {
  const { when } = parsed(text, zone, now);
  if (when.kind !== 'insidental') throw new Error('not insidental');
  return formatMeetingTime(when.startsAt, zone);
};

/** The next `count` starts of a rutin phrase, as people read them. */
function next(text: string, count: number, zone: string = WIB): string[] {
  const until = DateTime.fromJSDate(NOW).plus({ years: 2 }).toJSDate();
  return occurrencesBetween(rule(text, zone), zone, NOW, until)
    .slice(0, count)
    .map((date) => formatMeetingTime(date, zone));
}

describe('rutin meetings', () => {
  it('reads "minggu kedua" as the second Sunday of every month, with place and agenda', () => {
    const meeting = parsed('rutin minggu kedua 19.30 Balai RW 05 | Arisan dan laporan kas');
    expect(meeting.place).toBe('Balai RW 05');
    expect(meeting.agenda).toBe('Arisan dan laporan kas');
    expect(next('rutin minggu kedua 19.30 Balai RW 05', 3)).toEqual([
      'Minggu, 13 Desember 2026 pukul 19.30 WIB',
      'Minggu, 10 Januari 2027 pukul 19.30 WIB',
      'Minggu, 14 Februari 2027 pukul 19.30 WIB',
    ]);
  });

  it('reads weekly and monthly phrasings', () => {
    expect(next('rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian', 2)).toEqual([
      'Jumat, 27 November 2026 pukul 20.00 WIB',
      'Jumat, 4 Desember 2026 pukul 20.00 WIB',
    ]);
    expect(next("rutin setiap hari jum'at pukul 20.00 Mushola", 1)).toEqual(['Jumat, 27 November 2026 pukul 20.00 WIB']);
    expect(next('rutin tanggal 5 tiap bulan 16.00 Rumah Bu Sri', 2)).toEqual([
      'Sabtu, 5 Desember 2026 pukul 16.00 WIB',
      'Selasa, 5 Januari 2027 pukul 16.00 WIB',
    ]);
    expect(next('rutin sabtu terakhir 19.00 Balai', 2)).toEqual([
      'Sabtu, 28 November 2026 pukul 19.00 WIB',
      'Sabtu, 26 Desember 2026 pukul 19.00 WIB',
    ]);
  });

  it('skips the months without a fifth Sunday', () => {
    expect(next('rutin minggu kelima 19.00 Balai', 3)).toEqual([
      'Minggu, 29 November 2026 pukul 19.00 WIB',
      'Minggu, 31 Januari 2027 pukul 19.00 WIB',
      'Minggu, 30 Mei 2027 pukul 19.00 WIB',
    ]);
  });

  it('handles month ends: the 31st skips short months, "tanggal terakhir" is always the last day', () => {
    expect(next('rutin tanggal 31 tiap bulan 19.00 Balai', 3)).toEqual([
      'Kamis, 31 Desember 2026 pukul 19.00 WIB',
      'Minggu, 31 Januari 2027 pukul 19.00 WIB',
      'Rabu, 31 Maret 2027 pukul 19.00 WIB',
    ]);
    expect(next('rutin tanggal terakhir 19.00 Balai', 4)).toEqual([
      'Senin, 30 November 2026 pukul 19.00 WIB',
      'Kamis, 31 Desember 2026 pukul 19.00 WIB',
      'Minggu, 31 Januari 2027 pukul 19.00 WIB',
      'Minggu, 28 Februari 2027 pukul 19.00 WIB',
    ]);
  });

  it('computes the same wall-clock time in WIB, WITA and WIT, an hour apart in absolute time', () => {
    const instants = [WIB, WITA, WIT].map(
      (zone) => occurrencesBetween(rule('rutin minggu kedua 19.30 Balai', zone), zone, NOW, new Date('2027-01-01T00:00:00Z'))[0]!,
    );
    expect(instants.map((date) => date.toISOString())).toEqual([
      '2026-12-13T12:30:00.000Z',
      '2026-12-13T11:30:00.000Z',
      '2026-12-13T10:30:00.000Z',
    ]);
    expect(formatMeetingTime(instants[2]!, WIT)).toBe('Minggu, 13 Desember 2026 pukul 19.30 WIT');
  });

  it('keeps every weekly occurrence on its weekday and time in every zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(WIB, WITA, WIT),
        (weekday, hour, minute, zone) => {
          const weekly: RutinRule = { recurrence: { freq: 'weekly', weekday: weekday as IsoWeekday }, time: { hour, minute } };
          const starts = occurrencesBetween(weekly, zone, NOW, new Date('2027-03-01T00:00:00Z'));
          expect(starts.length).toBeGreaterThanOrEqual(13);
          for (const start of starts) {
            const wall = DateTime.fromJSDate(start, { zone });
            expect([wall.weekday, wall.hour, wall.minute]).toEqual([weekday, hour, minute]);
            expect(start > NOW).toBe(true);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('asks back on "tiap minggu" (every week or every Sunday?) instead of guessing', () => {
    expect(parseMeeting('rutin tiap minggu 19.00 Balai', WIB, NOW)).toEqual({ ok: false, problem: 'ambiguous-week' });
    expect(next('rutin tiap hari minggu 19.00 Balai', 1)).toEqual(['Minggu, 29 November 2026 pukul 19.00 WIB']);
  });
});

describe('insidental meetings', () => {
  it('reads besok, lusa, a weekday, 12/12 and 12 Desember from the WKSBM\'s today', () => {
    expect(startOf('insidental besok 19.00 Rumah Pak RT | Persiapan santunan')).toBe('Selasa, 24 November 2026 pukul 19.00 WIB');
    expect(startOf('insidental lusa 19.00 Rumah Pak RT')).toBe('Rabu, 25 November 2026 pukul 19.00 WIB');
    expect(startOf('insidental sabtu 19.00 Rumah Pak RT')).toBe('Sabtu, 28 November 2026 pukul 19.00 WIB');
    expect(startOf('insidental 12/12 19.00 Balai Desa')).toBe('Sabtu, 12 Desember 2026 pukul 19.00 WIB');
    expect(startOf('insidental 12 Desember 19.00 Balai Desa')).toBe('Sabtu, 12 Desember 2026 pukul 19.00 WIB');
    expect(startOf('insidental tanggal 5 jan jam 08.30 Balai Desa')).toBe('Selasa, 5 Januari 2027 pukul 08.30 WIB');
  });

  it('checks a weekday written before a date against that date', () => {
    expect(startOf('insidental sabtu, 12 Desember 19.00 Balai')).toBe('Sabtu, 12 Desember 2026 pukul 19.00 WIB');
    expect(startOf('insidental hari sabtu 12/12 19.00 Balai')).toBe('Sabtu, 12 Desember 2026 pukul 19.00 WIB');
    expect(parseMeeting('insidental jumat 12/12 19.00 Balai', WIB, NOW)).toEqual({ ok: false, problem: 'weekday-mismatch' });
  });

  it('takes today for its own weekday while the time is ahead, else next week', () => {
    expect(startOf('insidental senin 19.00 Balai')).toBe('Senin, 23 November 2026 pukul 19.00 WIB');
    expect(startOf('insidental senin 10.00 Balai')).toBe('Senin, 30 November 2026 pukul 10.00 WIB');
  });

  it('takes next year for a date without a year that has passed this year', () => {
    expect(startOf('insidental 23/11 10.00 Balai')).toBe('Selasa, 23 November 2027 pukul 10.00 WIB');
    expect(startOf('insidental 31/12 23.30 Balai', WIT)).toBe('Kamis, 31 Desember 2026 pukul 23.30 WIT');
  });

  it('reads "besok" in the WKSBM\'s own zone, where the day may already have changed', () => {
    // 23.30 WIB on the 23rd is already 01.30 WIT on the 24th: "besok" there is the 25th.
    const lateEvening = new Date('2026-11-23T16:30:00Z');
    expect(startOf('insidental besok 19.00 Balai', WIB, lateEvening)).toBe('Selasa, 24 November 2026 pukul 19.00 WIB');
    expect(startOf('insidental besok 19.00 Balai', WIT, lateEvening)).toBe('Rabu, 25 November 2026 pukul 19.00 WIT');
  });

  it.each([
    ['insidental 31/2 19.00 Balai', 'no-such-date'],
    ['insidental 29/2/2027 19.00 Balai', 'no-such-date'],
    ['insidental hari ini 10.00 Balai', 'past'],
    ['insidental 1/1/2020 10.00 Balai', 'past'],
    ['insidental besok 25.00 Balai', 'time'],
    ['insidental besok jam tujuh Balai', 'time'],
    ['insidental besok 19.00 WITA Balai', 'zone'],
    ['insidental besok 19.00', 'place'],
    ['insidental kapan-kapan 19.00 Balai', 'date'],
    ['rutin kadang-kadang 19.00 Balai', 'recurrence'],
    ['rutin tanggal 32 tiap bulan 19.00 Balai', 'no-such-date'],
    ['besok 19.00 Balai', 'kind'],
  ])('refuses "%s" (%s)', (text, problem) => {
    expect(parseMeeting(text, WIB, NOW)).toEqual({ ok: false, problem });
  });

  it('accepts the zone the WKSBM is in', () => {
    expect(startOf('insidental besok 19.00 WIB Balai')).toBe('Selasa, 24 November 2026 pukul 19.00 WIB');
  });
});

describe('moving a meeting', () => {
  const current = new Date('2026-12-13T12:30:00Z'); // Minggu 13 Desember 19.30 WIB
  const moved = (text: string) => {
    const result = parseMove(text, current, WIB, NOW);
    if (!result.ok) throw new Error(result.problem);
    return { ...result.value, startsAt: formatMeetingTime(result.value.startsAt, WIB) };
  };

  it('changes the date, the time, or both, and optionally the place', () => {
    expect(moved('20.00')).toEqual({ startsAt: 'Minggu, 13 Desember 2026 pukul 20.00 WIB', place: null, agenda: null });
    expect(moved('sabtu')).toMatchObject({ startsAt: 'Sabtu, 28 November 2026 pukul 19.30 WIB' });
    expect(moved('12/12 19.00 Balai Desa | Arisan')).toEqual({
      startsAt: 'Sabtu, 12 Desember 2026 pukul 19.00 WIB',
      place: 'Balai Desa',
      agenda: 'Arisan',
    });
    expect(parseMove('Balai Desa', current, WIB, NOW)).toEqual({ ok: false, problem: 'date' });
  });
});

describe('reminders', () => {
  it('reads the reminder settings people type, and refuses what is unclear', () => {
    expect(parseReminders('H-1 19.00, 1 jam')).toEqual(DEFAULT_REMINDERS);
    expect(parseReminders('2 jam dan 30 menit sebelumnya')).toEqual([
      { kind: 'minutes-before', minutes: 120 },
      { kind: 'minutes-before', minutes: 30 },
    ]);
    expect(parseReminders('mati')).toEqual([]);
    for (const text of ['H-9 19.00', '1 minggu', 'H-1', '2 menit', 'H-1 19.00, 1 jam, 2 jam, 3 jam, 4 jam']) {
      expect(parseReminders(text)).toBeNull();
    }
  });

  it('puts "the day before at 19.00" on the previous calendar day in the WKSBM zone, across a month end', () => {
    const first = new Date('2026-12-01T10:30:00Z'); // 1 Desember 19.30 WIT
    const [dayBefore, hourBefore] = DEFAULT_REMINDERS.map((offset) => reminderDue(offset, first, WIT));
    expect(formatMeetingTime(dayBefore!, WIT)).toBe('Senin, 30 November 2026 pukul 19.00 WIT');
    expect(formatMeetingTime(hourBefore!, WIT)).toBe('Selasa, 1 Desember 2026 pukul 18.30 WIT');
  });
});
