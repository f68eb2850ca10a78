import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { FundUnit } from '../../src/core/index.js';

/** The PDF's text as `pdftotext -layout` reads it (poppler-utils), one string per page. */
export function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return text.split('\f').slice(0, -1);
}

/**
 * An amount as the report prints it, back in the fund's smallest unit: "Rp1.250.000", "-Rp5.000",
 * "1.250.000" (a buku kas column), "12,5 kg", "12,5".
 */
export function readAmount(text: string, unit: FundUnit): bigint {
  const match = /^(-?)(?:Rp)?([\d.]+)(?:,(\d{1,3}))?(?: (?:kg|liter))?$/.exec(text.trim());
  if (!match) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const whole = BigInt(match[2]!.replace(/\./g, ''));
  const value = unit === 'IDR' ? whole : whole * 1000n + BigInt((match[3] ?? '').padEnd(3, '0'));
  if (unit === 'IDR' && match[3]) throw new Error(`rupiah with a fraction: ${text}`);
  return match[1] ? -value : value;
}

/** Amounts in a printed line: "Rp…" or goods "… kg"/"… liter" (ringkasan), or bare numbers (buku kas). */
export const AMOUNT = /-?Rp[\d.]+|-?\d[\d.]*(?:,\d+)? (?:kg|liter)|(?<=\s)-?\d[\d.]*(?:,\d+)?(?=\s|$)/g;

export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The cell as a value in the fund's smallest unit (XLSX goods are kg or liter with decimals). */
export function cellAmount(value: ExcelJS.CellValue, unit: FundUnit): bigint {
  if (typeof value !== 'number') throw new Error(`not a number: ${JSON.stringify(value)}`);
  return unit === 'IDR' ? BigInt(value) : BigInt(Math.round(value * 1000));
}

/** A `;`-separated CSV with quotes, as Excel writes and reads it; says whether it starts with a BOM. */
export function readCsv(text: string): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') (field += '"'), index++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') row.push(field), (field = '');
    else if (char === '\r' && body[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), index++;
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return { bom, rows };
}
