import { describe, expect, it } from 'vitest';
import { parseMeeting, parseMove } from '../../../src/core/meetings/parse.js';
import { readPrayerTime, readTime } from '../../../src/core/meetings/time.js';
import { formatMeetingTime } from '../../../src/core/meetings/date-text.js';
import { ZONES } from '../../../src/core/meetings/time-zone.js';

const WIB = ZONES.WIB;
/** Monday 23 November 2026, 12.00 WIB. */
const NOW = new Date('2026-11-23T05:00:00Z');

describe('readTime: times as people say them', () => {
  it.each([
    ['19.30', 19, 30],
    ['19:30', 19, 30],
    ['08:00', 8, 0],
    ['jam 7.00', 7, 0],
    ['jam 8.30', 8, 30],
    ['jam 19', 19, 0],
    ['Jam 19', 19, 0],
    ['pukul 8', 8, 0],
    ['pkl. 20', 20, 0],
    ['pukul 19.00 WIB', 19, 0],
    ['jam 8 pagi', 8, 0],
    ['jam 5 pagi', 5, 0],
    ['jam 11 siang', 11, 0],
    ['jam 12 siang', 12, 0],
    ['jam 1 siang', 13, 0],
    ['jam 2 siang', 14, 0],
    ['jam 3 sore', 15, 0],
    ['jam 4 sore', 16, 0],
    ['jam 4.30 sore', 16, 30],
    ['jam 7 malam', 19, 0],
    ['jam 7 malem', 19, 0],
    ['Jam 7 MALAM', 19, 0],
    ['jam 7.30 malam', 19, 30],
    ['jam 11 malam', 23, 0],
    ['jam 19 malam', 19, 0],
    ['jam 16 sore', 16, 0],
    ['8 pagi', 8, 0],
    ['8.30 pagi', 8, 30],
    ['7 malam', 19, 0],
    ['jam8', 8, 0],
    ['jam 0', 0, 0],
  ] as const)('%s → %i:%i', (text, hour, minute) => {
    expect(readTime(`${text} Masjid Al-Ikhlas`)).toMatchObject({ time: { hour, minute }, rest: 'Masjid Al-Ikhlas' });
  });

  it('keeps the zone written after the time or its part of the day', () => {
    expect(readTime('pukul 19.00 WIB Balai')).toMatchObject({ zone: 'WIB', rest: 'Balai' });
    expect(readTime('jam 7 malam WITA Balai')).toMatchObject({ time: { hour: 19, minute: 0 }, zone: 'WITA', rest: 'Balai' });
    expect(readTime('jam 8 Balai')).toMatchObject({ zone: null });
  });

  it.each([
    '8 Masjid', // a bare number is no time
    '25.00',
    'jam 24',
    'jam 19.60',
    'jam 3 malam', // 03.00 or 15.00?
    'jam 12 malam', // which day?
    'jam 9 sore',
    'jam 6 siang',
    'jam 12 pagi',
    'jam 20 pagi',
    'jam 13 malam',
    'jam tujuh',
    'jam 8pagiku',
    'Masjid jam 8',
  ])('refuses "%s"', (text) => {
    expect(readTime(text)).toBeNull();
  });
});

describe('prayer times', () => {
  it.each([
    ["ba'da isya Masjid", "ba'da isya"],
    ['bakda maghrib Masjid', 'bakda maghrib'],
    ['setelah sholat isya Masjid', 'setelah sholat isya'],
    ['ba’da Isya’ Masjid', 'ba’da Isya’'],
    ['sebelum subuh Masjid', 'sebelum subuh'],
    ['habis ashar', 'habis ashar'],
    ['maghrib | Pengajian', 'maghrib'],
  ])('notices "%s" as a prayer time', (text, phrase) => {
    expect(readPrayerTime(text)).toBe(phrase);
  });

  it('does not take a place or a clock time for a prayer time', () => {
    for (const text of ['Masjid Isya', 'jam 19.30', 'setelah rapat', 'isyarat']) expect(readPrayerTime(text)).toBeNull();
  });
});

describe('meetings at times as people say them', () => {
  const startOf = (text: string) => {
    const result = parseMeeting(text, WIB, NOW);
    if (!result.ok || result.value.when.kind !== 'insidental') throw new Error(`"${text}" refused`);
    return { at: formatMeetingTime(result.value.when.startsAt, WIB), place: result.value.place, agenda: result.value.agenda };
  };

  it.each([
    ['insidental 3 desember jam 8 pagi Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 08.00 WIB'],
    ['insidental 3 desember jam 7 malam Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 19.00 WIB'],
    ['insidental 3 desember jam 19 Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 19.00 WIB'],
    ['insidental 3 desember pukul 8 Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 08.00 WIB'],
    ['insidental 3 desember jam 8.30 Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 08.30 WIB'],
    ['insidental 3 desember 08:00 Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 08.00 WIB'],
    ['insidental 3 desember pukul 19.00 WIB Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 19.00 WIB'],
    ['insidental 3 desember jam 1 siang Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 13.00 WIB'],
    ['insidental 3 desember jam 4 sore Masjid | Kerja bakti', 'Kamis, 3 Desember 2026 pukul 16.00 WIB'],
  ])('reads "%s"', (text, at) => {
    expect(startOf(text)).toEqual({ at, place: 'Masjid', agenda: 'Kerja bakti' });
  });

  it('reads a rutin meeting at "jam 8 malam"', () => {
    const result = parseMeeting('rutin tiap jumat jam 8 malam Mushola', WIB, NOW);
    expect(result).toMatchObject({ ok: true, value: { when: { rule: { time: { hour: 20, minute: 0 } } }, place: 'Mushola' } });
  });

  it("asks for a clock time instead of guessing ba'da isya", () => {
    expect(parseMeeting("insidental 3 desember ba'da isya Masjid | Yasinan", WIB, NOW)).toEqual({ ok: false, problem: 'prayer-time' });
    expect(parseMeeting('rutin tiap kamis bakda maghrib Masjid', WIB, NOW)).toEqual({ ok: false, problem: 'prayer-time' });
    expect(parseMeeting('insidental 3 desember jam 3 malam Masjid', WIB, NOW)).toEqual({ ok: false, problem: 'time' });
  });

  it('moves a meeting to a time as people say it, or asks for a clock time', () => {
    const current = new Date('2026-12-13T12:30:00Z'); // Minggu 13 Desember 19.30 WIB
    const moved = parseMove('jam 8 malam', current, WIB, NOW);
    expect(moved.ok && formatMeetingTime(moved.value.startsAt, WIB)).toBe('Minggu, 13 Desember 2026 pukul 20.00 WIB');
    const both = parseMove('sabtu jam 7 pagi Balai', current, WIB, NOW);
    expect(both).toMatchObject({ ok: true, value: { place: 'Balai' } });
    expect(both.ok && formatMeetingTime(both.value.startsAt, WIB)).toBe('Sabtu, 28 November 2026 pukul 07.00 WIB');
    expect(parseMove("ba'da isya", current, WIB, NOW)).toEqual({ ok: false, problem: 'prayer-time' });
  });
});
