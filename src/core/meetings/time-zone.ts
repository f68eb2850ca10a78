/** Indonesia's three time zones as people name them, and the IANA zone each one is. */
export const ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;

export type ZoneLabel = keyof typeof ZONES;

export const isZoneLabel = (word: string): word is ZoneLabel => Object.hasOwn(ZONES, word);

/** `WIB` for Asia/Jakarta; a zone outside Indonesia keeps its IANA name. */
export function zoneLabel(timeZone: string): string {
  return (Object.keys(ZONES) as ZoneLabel[]).find((label) => ZONES[label] === timeZone) ?? timeZone;
}
