import { DateTime } from 'luxon';
import { DUKA_FORMS, type DukaForm } from './ports.js';

/**
 * `/duka Pak Karto bin Slamet, kemarin, RT 03 Dusun Krajan netral`: who died, when and where the family
 * is. Parts may be separated by commas; without commas the date phrase splits the name from the address.
 * Pure: today and the WKSBM's zone come in.
 */
export type DukaProblem = 'name' | 'future' | 'too-old' | 'too-long';

export interface ParsedDuka {
  readonly name: string;
  readonly diedOn: string;
  readonly address: string | null;
  readonly form: DukaForm;
}

const MAX_NAME = 100;
const MAX_ADDRESS = 200;
/** A death recorded more than a year later is almost surely a typo in the year. */
const MAX_DAYS_AGO = 366;

const RELATIVE = new Map([
  ['hari ini', 0],
  ['tadi pagi', 0],
  ['tadi siang', 0],
  ['tadi sore', 0],
  ['tadi malam', 0],
  ['kemarin', 1],
  ['kemarin malam', 1],
  ['kemarin lusa', 2],
]);

const NUMERIC_FORMATS = ['d/M/yyyy', 'd/M/yy', 'd-M-yyyy', 'd-M-yy'];
const NAMED_FORMATS = ['d LLLL yyyy', 'd LLL yyyy'];
const YEARLESS_FORMATS = ['d/M', 'd-M', 'd LLLL', 'd LLL'];

/**
 * Date phrases anywhere in the text: relative words, 26/11[/2026], 26 November [2026]. Not after RT, RW,
 * No or Blok, where 03/05 is part of an address.
 */
const DATE_PHRASE =
  /(?:^|(?<!\b(?:rt|rw|no|nomor|blok|gg|gang)\.?)\s)((?:tanggal\s+|tgl\.?\s*)?(?:hari ini|tadi (?:pagi|siang|sore|malam)|kemarin(?: malam| lusa)?|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d{1,2}\s+[a-z]{3,9}(?:\s+\d{4})?))(?=[\s,]|$)/gi;

type DateRead = { ok: true; diedOn: string } | { ok: false; problem: DukaProblem } | null;

/** The day a phrase means, looking back from today: a date without a year is the latest such day. */
export function readDeathDate(phrase: string, today: DateTime): DateRead {
  const text = phrase.toLowerCase().replace(/^(?:tanggal\s+|tgl\.?\s*)/, '').replace(/\s+/g, ' ').trim();
  const back = RELATIVE.get(text);
  if (back !== undefined) return { ok: true, diedOn: today.minus({ days: back }).toISODate()! };
  const parse = (formats: readonly string[]) =>
    formats.map((format) => DateTime.fromFormat(text, format, { locale: 'id', zone: today.zone })).find((date) => date.isValid);
  let date = parse(NUMERIC_FORMATS) ?? parse(NAMED_FORMATS);
  if (!date) {
    const yearless = parse(YEARLESS_FORMATS)?.set({ year: today.year });
    date = yearless && yearless > today ? yearless.minus({ years: 1 }) : yearless;
  }
  if (!date) return null;
  if (date.startOf('day') > today.startOf('day')) return { ok: false, problem: 'future' };
  if (today.diff(date, 'days').days > MAX_DAYS_AGO) return { ok: false, problem: 'too-old' };
  return { ok: true, diedOn: date.toISODate()! };
}

const clean = (text: string) => text.replace(/\s+/g, ' ').replace(/^[\s,|]+|[\s,|]+$/g, '');

export function parseDuka(text: string, zone: string, now: Date): { ok: true; value: ParsedDuka } | { ok: false; problem: DukaProblem } {
  const today = DateTime.fromJSDate(now, { zone });
  let body = clean(text);
  let form: DukaForm = 'islam';
  const formWord = /(?:^|\s+)(islam|netral)$/i.exec(body);
  if (formWord) {
    form = formWord[1]!.toLowerCase() as DukaForm;
    body = clean(body.slice(0, formWord.index));
  }

  let name = body;
  let address = '';
  let diedOn: string = today.toISODate()!;
  const parts = body.split(/\s*[,|]\s*/);
  const dateAt = parts.findIndex((part, i) => i > 0 && readDeathDate(part, today) !== null);
  if (parts.length > 1) {
    name = parts[0]!;
    const date = dateAt > 0 ? readDeathDate(parts[dateAt]!, today)! : null;
    if (date && !date.ok) return date;
    if (date) diedOn = date.diedOn;
    address = parts.filter((_, i) => i > 0 && i !== dateAt).join(', ');
  } else {
    // The first phrase that reads as a date; "RT 5 Dusun Krajan" looks like one and is not.
    const found = [...body.matchAll(DATE_PHRASE)]
      .map((match) => ({ match, date: readDeathDate(match[1]!, today) }))
      .find((candidate) => candidate.date !== null);
    if (found) {
      const { match, date } = found;
      if (!date!.ok) return date!;
      diedOn = date!.diedOn;
      const start = match.index + match[0].indexOf(match[1]!);
      name = body.slice(0, start);
      address = body.slice(start + match[1]!.length);
    }
  }
  name = clean(name);
  address = clean(address);
  if (name.length < 2) return { ok: false, problem: 'name' };
  if (name.length > MAX_NAME || address.length > MAX_ADDRESS) return { ok: false, problem: 'too-long' };
  return { ok: true, value: { name, diedOn, address: address || null, form } };
}

export const isDukaForm = (word: string): word is DukaForm => (DUKA_FORMS as readonly string[]).includes(word);
