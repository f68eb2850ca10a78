/**
 * Splits `dari Pak Budi, titipan bulan lalu` into who gave and the note. A known member's name is
 * matched first (longest wins), so `dari Pak Budi titipan` needs no comma when Pak Budi is a member;
 * otherwise the name runs to the first `,` `;` `|` or ` - `.
 */
export function splitContributor(
  text: string,
  knownNames: readonly string[],
): { contributor: string | null; note: string | null } {
  const trimmed = text.trim();
  const dari = /^dari\s+/i.exec(trimmed);
  if (!dari) return { contributor: null, note: trimmed || null };
  const after = trimmed.slice(dari[0].length);

  const known = knownNames
    .filter((name) => {
      const head = after.slice(0, name.length);
      const next = after.charAt(name.length);
      return head.toLowerCase() === name.toLowerCase() && (next === '' || /[\s,;|]/.test(next));
    })
    .sort((a, b) => b.length - a.length)[0];
  if (known) return { contributor: known, note: cleanNote(after.slice(known.length)) };

  const separator = /\s*(?:[,;|]|\s-\s)\s*/.exec(after);
  if (!separator) return { contributor: after.trim() || null, note: null };
  return {
    contributor: after.slice(0, separator.index).trim() || null,
    note: cleanNote(after.slice(separator.index + separator[0].length)),
  };
}

function cleanNote(text: string): string | null {
  return text.replace(/^\s*(?:[,;|]|-\s)\s*/, '').trim() || null;
}
