const formats = new Map<string, Intl.DateTimeFormat>();

/** `23/11/26 21.05` in the WKSBM's own time zone: short enough for a list. */
export function formatShortDateTime(date: Date, timeZone: string): string {
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
  return format.format(date).replace(',', '');
}
