import type { ReminderOffset } from './reminders.js';
import { readTime } from './time.js';

const DAYS = /^h\s*-\s*(\d)(?:\s+|$)/i;
const BEFORE = /^(\d{1,4})\s*(jam|menit)(?:\s+sebelum(?:nya)?)?$/i;
const MAX_OFFSETS = 4;

/**
 * `/pengingat H-1 19.00, 1 jam`: the reminders a WKSBM wants, separated by commas or `dan`.
 * `mati` (or `tidak`) turns them off. Null when something cannot be read.
 */
export function parseReminders(text: string): readonly ReminderOffset[] | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'mati' || trimmed === 'tidak' || trimmed === 'off') return [];
  const parts = trimmed.split(/\s*(?:,|\bdan\b)\s*/).filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_OFFSETS) return null;
  const offsets: ReminderOffset[] = [];
  for (const part of parts) {
    const days = DAYS.exec(part);
    if (days) {
      const time = readTime(part.slice(days[0].length));
      const count = Number(days[1]);
      if (!time || time.rest || count < 1 || count > 7) return null;
      offsets.push({ kind: 'days-before', days: count, at: time.time });
      continue;
    }
    const before = BEFORE.exec(part);
    if (!before) return null;
    const minutes = Number(before[1]) * (before[2] === 'jam' ? 60 : 1);
    if (minutes < 5 || minutes > 24 * 60) return null;
    offsets.push({ kind: 'minutes-before', minutes });
  }
  return offsets;
}
