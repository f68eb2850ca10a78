/**
 * Single-line table text drawn onto a PDFKit page, fast enough for 100,000 buku kas rows.
 *
 * PDFKit's `text()` shapes every new word with fontkit (about 30 µs) and keeps every word it has seen
 * in a cache that never shrinks, so a year of unique balances costs minutes and hundreds of megabytes.
 * A table cell needs neither kerning nor ligatures: here each character is mapped to its glyph once
 * (a few hundred characters at most), the glyph is registered in the same font subset PDFKit embeds at
 * the end, and a whole row becomes one text object in the page's content stream.
 *
 * It relies on PDFKit's EmbeddedFont internals (pinned by pdfmake 0.3's pdfkit 0.19): `font`, `subset`,
 * `widths`, `unicode`, `scale`, `ascender`, `id`, `ref()`. The renderer's tests read the PDF back with
 * pdftotext, so a PDFKit upgrade that changes them fails there, not in front of a treasurer.
 */
interface FontkitGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: number[];
}

interface EmbeddedFont {
  readonly id: string;
  readonly scale: number;
  readonly ascender: number;
  readonly font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  readonly subset: { includeGlyph(glyphId: number): number };
  readonly widths: number[];
  readonly unicode: number[][];
  ref(): unknown;
}

interface Glyph {
  readonly hex: string;
  /** In thousandths of the font size. */
  readonly advance: number;
}

export interface Cell {
  readonly text: string;
  /** Left edge, or the right edge with `align: 'right'`. */
  readonly x: number;
  readonly align: 'left' | 'right';
}

export interface RowText {
  /** Width of `text` at `size` points. */
  width(text: string, size: number): number;
  /** The longest start of `text` that, with "…", fits in `width` (all of it when it fits). */
  fit(text: string, width: number, size: number): string;
  /** Draws the cells of one row with their baseline set by `top` (the row's top edge, PDFKit's y). */
  draw(doc: PDFKit.PDFDocument, cells: readonly Cell[], top: number, size: number): void;
}

export function createRowText(doc: PDFKit.PDFDocument, fontPath: string): RowText {
  doc.font(fontPath);
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  const glyphs = new Map<string, Glyph>();

  function glyph(char: string): Glyph {
    let found = glyphs.get(char);
    if (!found) {
      const shape = font.font.glyphForCodePoint(char.codePointAt(0)!);
      const gid = font.subset.includeGlyph(shape.id);
      const advance = shape.advanceWidth * font.scale;
      font.widths[gid] ??= advance;
      font.unicode[gid] ??= shape.codePoints;
      found = { hex: gid.toString(16).padStart(4, '0'), advance };
      glyphs.set(char, found);
    }
    return found;
  }

  function width(text: string, size: number): number {
    let total = 0;
    for (const char of text) total += glyph(char).advance;
    return (total * size) / 1000;
  }

  return {
    width,
    fit(text, room, size) {
      if (width(text, size) <= room) return text;
      const limit = room - width('…', size);
      let used = 0;
      let end = 0;
      for (const char of text) {
        used += (glyph(char).advance * size) / 1000;
        if (used > limit) break;
        end += char.length;
      }
      return `${text.slice(0, end).trimEnd()}…`;
    },
    draw(target, cells, top, size) {
      const page = (target as unknown as { page: { height: number; fonts: Record<string, unknown> } }).page;
      page.fonts[font.id] ??= font.ref();
      const baseline = page.height - top - (font.ascender / 1000) * size;
      const parts: string[] = [`q 1 0 0 -1 0 ${page.height} cm BT /${font.id} ${size} Tf`];
      for (const cell of cells) {
        if (!cell.text) continue;
        let hex = '';
        for (const char of cell.text) hex += glyph(char).hex;
        const x = cell.align === 'right' ? cell.x - width(cell.text, size) : cell.x;
        parts.push(`1 0 0 1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm <${hex}> Tj`);
      }
      parts.push('ET Q');
      target.addContent(parts.join(' '));
    },
  };
}
