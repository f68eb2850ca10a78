import { DateTime } from 'luxon';
import { periodKey, periodOfDate, type PeriodIndex, type PeriodKind } from './period.js';

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10,
  november: 11, nov: 11, nopember: 11, desember: 12, des: 12,
};

export type StartRead =
  | { readonly ok: true; readonly start: PeriodIndex | null; readonly rest: string }
  | { readonly ok: false; readonly text: string };

/**
 * `… mulai Januari [2027]`, `mulai 1/12/2026`, `mulai bulan depan`, `mulai besok`: the period holding that
 * date. A month without a year is the next such month from today on (a change is planned ahead); a past
 * month needs its year written.
 */
export function readStart(args: string, kind: PeriodKind, today: string): StartRead {
  const match = /\s*\bmulai\s+(.+)$/i.exec(args);
  return readWhen(match, args, kind, today, 'ahead');
}

/**
 * `… sejak Januari [2026]`, `sejak 1/3/2026`: the day a household joined the roster, for one that was there
 * before it was typed in. A month without a year is the latest such month up to today.
 */
export function readSince(args: string, today: string): { ok: true; since: string | null; rest: string } | { ok: false; text: string } {
  const match = /\s*\bsejak\s+(.+)$/i.exec(args);
  const read = readWhen(match, args, 'harian', today, 'back');
  if (!read.ok) return read;
  return { ok: true, since: read.start === null ? null : periodKey('harian', read.start), rest: read.rest };
}

function readWhen(match: RegExpExecArray | null, args: string, kind: PeriodKind, today: string, direction: 'ahead' | 'back'): StartRead {
  if (!match) return { ok: true, start: null, rest: args.trim() };
  const text = match[1]!.trim().toLowerCase();
  const rest = args.slice(0, match.index).trim();
  const now = DateTime.fromISO(today);
  const at = (date: DateTime) => ({ ok: true as const, start: periodOfDate(kind, date.toISODate()!), rest });
  if (/^(bulan|minggu) depan$/.test(text)) return at(now.plus(text.startsWith('bulan') ? { months: 1 } : { weeks: 1 }));
  if (text === 'besok') return at(now.plus({ days: 1 }));
  if (/^(hari|minggu|bulan) ini$/.test(text)) return at(now);
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (date) {
    const parsed = DateTime.fromObject({ year: Number(date[3]), month: Number(date[2]), day: Number(date[1]) });
    return parsed.isValid ? at(parsed) : { ok: false, text: match[1]! };
  }
  const month = /^(?:bulan\s+)?([a-z]+)(?:\s+(\d{4}))?$/.exec(text);
  const number = month ? MONTHS[month[1]!] : undefined;
  if (!month || !number) return { ok: false, text: match[1]! };
  if (month[2]) return at(DateTime.fromObject({ year: Number(month[2]), month: number, day: 1 }));
  const thisYear = DateTime.fromObject({ year: now.year, month: number, day: 1 });
  if (direction === 'back') return at(thisYear > now ? thisYear.minus({ years: 1 }) : thisYear);
  return at(thisYear < now.startOf('month') ? thisYear.plus({ years: 1 }) : thisYear);
}

/** `harian`, `mingguan`, `bulanan` and what people write instead. */
export function readPeriodKind(word: string): PeriodKind | null {
  const w = word.toLowerCase();
  if (['harian', 'hari', 'per-hari', 'tiap-hari', 'setiap-hari', 'daily'].includes(w)) return 'harian';
  if (['mingguan', 'minggu', 'per-minggu', 'weekly'].includes(w)) return 'mingguan';
  if (['bulanan', 'bulan', 'per-bulan', 'monthly'].includes(w)) return 'bulanan';
  return null;
}

const WEEKDAY: Record<string, number> = { senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, "jum'at": 5, sabtu: 6, minggu: 7, ahad: 7 };

/** `tanggal 10` (bulanan, 1–28 so every month has it), `hari senin` (mingguan), `mati`. */
export function readReminderDay(text: string, kind: PeriodKind): { ok: true; day: number | null } | { ok: false } {
  const t = text.trim().toLowerCase();
  if (['mati', 'off', 'tidak', 'hapus'].includes(t)) return { ok: true, day: null };
  if (kind === 'bulanan') {
    const match = /^(?:tiap\s+|setiap\s+)?(?:tanggal|tgl\.?)\s*(\d{1,2})$/.exec(t);
    const day = match ? Number(match[1]) : NaN;
    return day >= 1 && day <= 28 ? { ok: true, day } : { ok: false };
  }
  if (kind === 'mingguan') {
    const match = /^(?:tiap\s+|setiap\s+)?(?:hari\s+)?([a-z']+)$/.exec(t);
    const day = match ? WEEKDAY[match[1]!] : undefined;
    return day ? { ok: true, day } : { ok: false };
  }
  return { ok: false };
}

/** The night a jimpitan round belongs to: a round written down after midnight (before 06.00) is last night's. */
export function roundNight(now: Date, zone: string, lastNight: boolean): string {
  const local = DateTime.fromJSDate(now, { zone });
  const night = local.hour < 6 || lastNight ? local.minus({ days: 1 }) : local;
  return night.toISODate()!;
}

export type RoundRead =
  | { readonly kind: 'all'; readonly except: readonly string[] }
  | { readonly kind: 'only'; readonly names: readonly string[] }
  | { readonly kind: 'count'; readonly houses: number; readonly total: string | null };

/**
 * What a petugas ronda writes after the round: `semua`, `semua kecuali Bu Sri, Pak Tono`,
 * `Pak Budi, Bu Sri`, or `12 rumah [Rp6.000]`.
 */
export function readRound(text: string): RoundRead | null {
  const t = text.trim();
  const all = /^(?:semua|semuanya|lengkap|semua\s+rumah)(?:\s*,?\s*(?:kecuali|kec\.?|selain|kosong:?)\s+(.+))?$/i.exec(t);
  if (all) return { kind: 'all', except: all[1] ? splitNames(all[1]) : [] };
  const count = /^(\d{1,4})\s*(?:rumah|kk|rmh)\b\s*(.*)$/i.exec(t);
  if (count) return { kind: 'count', houses: Number(count[1]), total: count[2]!.trim() || null };
  const names = splitNames(t.replace(/^(?:hanya|cuma)\s+/i, ''));
  return names.length ? { kind: 'only', names } : null;
}

const splitNames = (text: string): string[] =>
  text
    .split(/\s*(?:,|;|\bdan\b|&)\s*/i)
    .map((name) => name.trim())
    .filter(Boolean);
