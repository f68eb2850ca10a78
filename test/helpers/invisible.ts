/** What phones and copy-paste put before a message without anyone seeing it, by name. */
export const INVISIBLE = {
  'no-break space U+00A0': '\u00a0',
  'byte-order mark U+FEFF': '\uFEFF',
  'ideographic space U+3000': '\u3000',
  'zero-width space U+200B': '\u200B',
  'zero-width non-joiner U+200C': '\u200C',
  'zero-width joiner U+200D': '\u200D',
  'word joiner U+2060': '\u2060',
  'left-to-right mark U+200E': '\u200E',
  'right-to-left mark U+200F': '\u200F',
  'left-to-right embedding U+202A': '\u202A',
  'right-to-left override U+202E': '\u202E',
  'left-to-right isolate U+2066': '\u2066',
  'pop directional isolate U+2069': '\u2069',
  'several at once': '\u200E\uFEFF \u00a0\u2066',
} as const;
