import type { TimeOfDay } from './schedule.js';
import { isZoneLabel, type ZoneLabel } from './time-zone.js';

export interface ReadTime {
  readonly time: TimeOfDay;
  /** `19.30 WITA`: the zone the writer named, if any. */
  readonly zone: ZoneLabel | null;
  readonly rest: string;
}

const TIME = /^(?:(?:jam|pukul|pkl\.?)\s*)?(\d{1,2})[.:](\d{2})(?:\s*(wib|wita|wit))?(?=\s|$|[,|])/i;

/** `19.30`, `19:30`, `jam 7.00`, `pukul 19.30 WIB` at the start of `text`. */
export function readTime(text: string): ReadTime | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  const zone = match[3]?.toUpperCase() ?? null;
  return {
    time: { hour, minute },
    zone: zone !== null && isZoneLabel(zone) ? zone : null,
    rest: text.trim().slice(match[0].length).trim(),
  };
}
