const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

const HOUR_MS = 3_600_000;
/** Hours whose offset is known, per zone; cleared when full (a list shows a few hundred hours at most). */
const offsets = new Map<string, Map<number, number | null>>();
const MAX_HOURS = 20_000;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in ms at `ms`, from Intl's wall clock to the second (a few microseconds). */
function offsetAt(ms: number, timeZone: string): number {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (ms - (ms % 1000));
}

/**
 * The offset for the whole UTC hour holding `ms`, or null when it changes inside that hour (a daylight
 * saving switch). The offset is the same at the hour's first and last minute only if no switch happens
 * between them: zones switch at most twice a year, never twice within an hour.
 */
function hourOffset(ms: number, timeZone: string): number | null {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    if (zone.size >= MAX_HOURS) zone.clear();
    const first = offsetAt(hour * HOUR_MS, timeZone);
    // Offsets of whole minutes only: old local mean times (+07:07:12) are left to Intl.
    const steady = first === offsetAt(hour * HOUR_MS + HOUR_MS - 60_000, timeZone) && first % 60_000 === 0;
    offset = steady ? first : null;
    zone.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `23/11/26 21.05` in the WKSBM's own time zone: short enough for a list. Intl formats it, but at a few
 * microseconds a call that was the largest cost of a 50-row Buku kas page; so the zone's offset is read
 * from Intl once per hour of time shown and the digits are written here (tests hold both to the same text).
 */
export function formatShortDateTime(date: Date, timeZone: string): string {
  const ms = date.getTime();
  // Years 1970 to 2199: two digits and `Date.UTC` behave plainly there; anything else is left to Intl.
  const offset = ms >= 0 && ms < 7_258_118_400_000 ? hourOffset(ms, timeZone) : null;
  if (offset === null) return formatOf(timeZone).format(date).replace(',', '');
  const local = new Date(ms + offset);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${two(local.getUTCFullYear() % 100)} ${two(local.getUTCHours())}.${two(local.getUTCMinutes())}`;
}
