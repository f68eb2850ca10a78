/**
 * Matching a typed household name against the roster. People type "KK Pak Budi", "pak budi", "Budi" or
 * "Pak Budy" for the same household, and two households may both be "Budi": a name that matches one
 * household plainly is taken, anything less certain (two candidates, or only a near spelling) is asked
 * back with the candidates and never guessed.
 */

const HONORIFICS = new Set(['pak', 'bapak', 'bp', 'bpk', 'bu', 'ibu', 'bude', 'pakde', 'mbah', 'mas', 'mbak', 'kak', 'haji', 'hj', 'h']);

/** Lower case, no diacritics or punctuation, single spaces, without a leading "KK". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^kk\s+/, '');
}

/** The name without titles: "Pak H. Budi" and "Budi" are the same person. */
const coreTokens = (name: string): string[] => normalizeName(name).split(' ').filter((token) => token && !HONORIFICS.has(token));

/** Edits (insert, delete, substitute) between two short strings; names are short, so the plain table. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export type NameMatch<T> =
  | { readonly kind: 'found'; readonly item: T }
  /** Several fit equally well. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly T[] }
  /** Only near spellings fit: asked back even when there is one. */
  | { readonly kind: 'near'; readonly candidates: readonly T[] }
  | { readonly kind: 'none' };

/**
 * The item a typed name means. A name typed in full (titles and case aside) is taken; otherwise every
 * household whose name holds the typed words is a candidate ("Budi" fits both "Pak Budi" and
 * "Pak Budi Hartono": asked back); failing that, near spellings are offered, never taken.
 */
export function matchName<T>(typed: string, items: readonly T[], nameOf: (item: T) => string): NameMatch<T> {
  const wanted = normalizeName(typed);
  const wantedCore = coreTokens(typed);
  if (!wanted) return { kind: 'none' };
  const decide = (found: readonly T[]): NameMatch<T> | null =>
    found.length === 1 ? { kind: 'found', item: found[0]! } : found.length > 1 ? { kind: 'ambiguous', candidates: found } : null;

  const exact = decide(items.filter((item) => normalizeName(nameOf(item)) === wanted));
  if (exact) return exact;
  if (wantedCore.length === 0) return { kind: 'none' };
  const byWords = decide(
    items.filter((item) => {
      const tokens = coreTokens(nameOf(item));
      return wantedCore.every((word) => tokens.some((token) => token === word || (word.length >= 3 && token.startsWith(word))));
    }),
  );
  if (byWords) return byWords;
  const joined = wantedCore.join(' ');
  const near = items.filter((item) => {
    const core = coreTokens(nameOf(item)).join(' ');
    return editDistance(core, joined) <= Math.max(1, Math.floor(joined.length / 5));
  });
  return near.length > 0 ? { kind: 'near', candidates: near } : { kind: 'none' };
}
