/**
 * The longest each free-text field may be, in characters. Long enough for what people write in a chat,
 * short enough that a reply quoting it fits one message and a page of /riwayat stays one message. A text
 * over its limit is refused with the limit named and nothing recorded, never cut silently.
 */
export const MAX_LENGTH = {
  /** /mulai <nama WKSBM> */
  wksbmName: 100,
  /** A person named in a command: `dari <nama>`, /hadir <nama>. Platform names are shortened in replies instead. */
  personName: 60,
  /** /dana tambah <nama> and its aliases. */
  fundName: 30,
  /** What follows a /setor. */
  note: 200,
  /** What a /keluar is for. */
  purpose: 200,
  /** Why: /koreksi, /tolak, /izin, /rapat batal. */
  reason: 200,
  /** Where a meeting is held. */
  place: 100,
  /** What a meeting is about. */
  agenda: 300,
  /** One /notulen message. */
  minutes: 2000,
  /** A pengurus's note on a case. */
  caseNote: 500,
  /** /kk tambah <nama KK> */
  householdName: 80,
  /** /kk tambah …, <alamat/RT> */
  address: 120,
} as const;

export type BoundedField = keyof typeof MAX_LENGTH;

/** A text that is longer than its field allows: what, how long, and the limit. */
export interface TooLong {
  readonly field: BoundedField;
  readonly length: number;
  readonly limit: number;
}

/** Characters as people count them (an emoji is one), not UTF-16 code units. */
export const charCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** Null when `text` fits `field`, else what is too long. */
export function tooLong(field: BoundedField, text: string): TooLong | null {
  const limit = MAX_LENGTH[field];
  // Each code point is at most two code units: a text this short cannot be over the limit.
  if (text.length <= limit) return null;
  const length = charCount(text);
  return length > limit ? { field, length, limit } : null;
}

/** The first of several fields that is too long; absent fields (null) always fit. */
export function firstTooLong(...fields: readonly (readonly [BoundedField, string | null])[]): TooLong | null {
  for (const [field, text] of fields) {
    const long = text === null ? null : tooLong(field, text);
    if (long) return long;
  }
  return null;
}

/**
 * The longest command the core reads at all (Telegram's own message limit). Anything longer is refused
 * before it is parsed, whatever its fields, so no command works on an unbounded text.
 */
export const MAX_COMMAND_LENGTH = 4096;

/** `text` cut to `limit` characters with an ellipsis: for names and notes quoted in a list. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('').trimEnd()}…`;
}
