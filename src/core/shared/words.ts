/** A command as typed: `/setor@wksbm_bot 5000 jimpitan` → name `setor`, args `5000 jimpitan`, addressee `wksbm_bot`. */
export interface CommandText {
  readonly name: string;
  readonly args: string;
  /** The bot a Telegram command names after `@`, lower-cased; null when it names none. */
  readonly addressee: string | null;
}

/**
 * What phones, keyboards and copy-paste put around a message without anyone seeing it: every Unicode
 * space (`\s` includes U+00A0 and the byte-order mark U+FEFF), zero-width characters and directional
 * marks. The core and every channel strip the same set, so a message is a command everywhere or nowhere.
 */
const INVISIBLE = '\\s\\u200B-\\u200D\\u2060\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C\\u180E';
const INVISIBLE_EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'g');

/** The text without invisible characters at either end. */
export const withoutInvisibleEdges = (text: string): string => text.replace(INVISIBLE_EDGES, '');

// `/setor5000 kas` is read as `/setor 5000 kas`: people skip the space before a number.
const COMMAND = /^\/([a-z_]+)(?:@(\w+))?(?:\s+|(?=\d)|$)([\s\S]*)$/i;

/** The one reading of "is this a command, which one, for which bot" that the core and the channels share. */
export function parseCommandText(text: string): CommandText | null {
  const match = COMMAND.exec(withoutInvisibleEdges(text));
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[3] ?? '').trim(), addressee: match[2]?.toLowerCase() ?? null };
}

/** Splits off the first whitespace-separated word. */
export function firstWord(text: string): [word: string, rest: string] {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space).trim()];
}

/** `<no> <alasan>` with `#12` or `12`: a number people were shown, and what follows it. */
export function readNumberAndReason(args: string): { number: number | null; reason: string } {
  const [word, reason] = firstWord(args);
  const match = /^#?(\d{1,9})$/.exec(word);
  return { number: match ? Number(match[1]) : null, reason };
}
