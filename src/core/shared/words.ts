/** A command as typed: `/setor@wksbm_bot 5000 jimpitan` → name `setor`, args `5000 jimpitan`. */
export interface CommandText {
  readonly name: string;
  readonly args: string;
}

// `/setor5000 kas` is read as `/setor 5000 kas`: people skip the space before a number.
const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+|(?=\d)|$)([\s\S]*)$/i;

export function parseCommandText(text: string): CommandText | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? '').trim() };
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
