import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, reportText, type FundInfo, type ReportModel, type ReportVariant } from '../../src/core/index.js';
import { writeReportFiles, type ReportFile } from '../../src/files/index.js';
import { generateYear, type GeneratedYear } from '../helpers/ledger-year.js';
import { createMemoryLog } from '../helpers/memory-log.js';
import { tmpDir } from '../helpers/paths.js';
import { AMOUNT, cellAmount, pdfPages, readAmount, readCsv, readXlsx } from '../helpers/report-files.js';
import { createWorld, type World } from '../helpers/world.js';

/**
 * The LPJ reconciles with the ledger to the rupiah: on a generated year of one WKSBM (thousands of
 * entries in three rupiah funds and a goods fund, corrections, help for cases, contributions waiting
 * or refused), every total the PDF and the XLSX print, read back from the files, equals the sum
 * computed here straight from the database rows.
 */
const YEAR = 2025;
const NOW = new Date('2026-02-01T03:00:00Z');
const WIB = 'Asia/Jakarta';
// Contributions that are not money: their amounts must appear nowhere.
const WAITING = 777_777_777n;
const REFUSED = 888_888_888n;

interface Expected {
  readonly opening: bigint;
  readonly receipts: bigint;
  readonly spending: bigint;
  readonly closing: bigint;
}

let world: World;
let year: GeneratedYear;
let funds: FundInfo[];
let rows: { fundId: number; amount: bigint; createdAt: Date; kind: string; original: string | null }[];
const memory = createMemoryLog();

/** The sums an auditor would compute from the rows: koreksi counted on its original's side. */
function expected(fundId: number, from: Date, to: Date): Expected {
  let opening = 0n;
  let receipts = 0n;
  let spending = 0n;
  for (const row of rows) {
    if (row.fundId !== fundId) continue;
    if (row.createdAt < from) opening += row.amount;
    else if (row.createdAt < to) {
      if ((row.original ?? row.kind) === 'setor') receipts += row.amount;
      else spending -= row.amount;
    }
  }
  return { opening, receipts, spending, closing: opening + receipts - spending };
}

function period(typed: string) {
  const parsed = parsePeriod(typed, NOW, WIB);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.period;
}

async function report(typed: string, variant: ReportVariant = 'grup'): Promise<ReportModel> {
  return world.stores.reports.report({ wksbmId: year.wksbmId, period: period(typed), variant, madeAt: NOW });
}

async function files(model: ReportModel): Promise<Record<'pdf' | 'xlsx' | 'csv', ReportFile>> {
  const dir = mkdtempSync(path.join(tmpDir(), 'lpj-'));
  const made = await writeReportFiles(world.stores.reports, model, ['pdf', 'xlsx', 'csv'], dir);
  return Object.fromEntries(made.map((file) => [file.format, file])) as Record<'pdf' | 'xlsx' | 'csv', ReportFile>;
}

beforeAll(async () => {
  world = await createWorld({ log: memory.log });
  year = await generateYear(world.db.write, { year: YEAR, entries: 4_000, seed: 7 });
  const fundRows = await world.db.read.fund.findMany({ where: { wksbmId: year.wksbmId }, orderBy: { id: 'asc' } });
  funds = fundRows.map((fund) => ({ id: fund.id, name: fund.name, unit: fund.unit as FundInfo['unit'], aliases: [] }));
  const [kas] = funds;
  for (const [amount, status] of [
    [WAITING, 'menunggu'],
    [REFUSED, 'ditolak'],
  ] as const) {
    const number = (await world.db.read.wksbm.findUniqueOrThrow({ where: { id: year.wksbmId } })).nextNumber;
    await world.db.write.submission.create({
      data: { wksbmId: year.wksbmId, number, fundId: kas!.id, amount, submittedById: 1, status, createdAt: new Date('2025-06-15T05:00:00Z') },
    });
    await world.db.write.wksbm.update({ where: { id: year.wksbmId }, data: { nextNumber: number + 1 } });
  }
  rows = (
    await world.db.read.ledgerEntry.findMany({
      where: { wksbmId: year.wksbmId },
      select: { fundId: true, amount: true, createdAt: true, kind: true, reverses: { select: { kind: true } } },
    })
  ).map((row) => ({ ...row, original: row.reverses?.kind ?? null }));
}, 120_000);

afterAll(async () => {
  await world.close();
});

describe('the year report reconciles with the ledger', () => {
  let model: ReportModel;
  let made: Record<'pdf' | 'xlsx' | 'csv', ReportFile>;

  beforeAll(async () => {
    model = await report(String(YEAR));
    made = await files(model);
  }, 120_000);

  it('has thousands of posted entries, corrections, goods and help for cases to reconcile', () => {
    expect(rows.length).toBeGreaterThan(3_000);
    expect(rows.filter((row) => row.kind === 'koreksi').length).toBeGreaterThan(20);
    expect(model.aid.lines.length).toBeGreaterThan(20);
    expect(funds.map((fund) => fund.unit)).toContain('kg');
  });

  it('totals every fund in the read model as the rows add up, ending at the fund balance', async () => {
    const p = period(String(YEAR));
    for (const totals of model.funds) {
      const want = expected(totals.fund.id, p.from, p.to);
      expect({ opening: totals.opening, receipts: totals.receipts, spending: totals.spending, closing: totals.closing }).toEqual(want);
      const balance = (await world.db.read.fund.findUniqueOrThrow({ where: { id: totals.fund.id } })).balance;
      expect(totals.closing).toBe(balance);
    }
  });

  it('prints the same totals in the PDF: ringkasan, grouped receipts and spending, and the buku kas', () => {
    const pages = pdfPages(made.pdf.path);
    const all = pages.join('\n');
    const p = period(String(YEAR));
    for (const fund of funds) {
      const want = expected(fund.id, p.from, p.to);
      const label = reportText.fundName(fund);
      // I. Ringkasan: "Kas   Rupiah   Rp0   Rp173.145.000   Rp86.510.000   Rp86.635.000"
      const line = pages[0]!.split('\n').find((text) => new RegExp(`^\\s*${label}\\s+${reportText.unit(fund.unit)}\\s`).test(text));
      expect(line, `ringkasan line of ${label}`).toBeDefined();
      const amounts = line!.match(AMOUNT)!.map((text) => readAmount(text, fund.unit));
      expect(amounts).toEqual([want.opening, want.receipts, want.spending, want.closing]);

      // II. Each grouped table ends with "Jumlah" and the side's total.
      const lines = all.split('\n');
      for (const [title, total] of [
        [reportText.receiptsOf(fund), want.receipts],
        [reportText.spendingOf(fund), want.spending],
      ] as const) {
        const start = lines.findIndex((text) => text.trim() === title);
        expect(start, title).toBeGreaterThan(-1);
        const sum = lines.slice(start).find((text) => /^\s*Jumlah\s/.test(text))!;
        expect(readAmount(sum.match(AMOUNT)!.at(-1)!, fund.unit)).toBe(total);
      }
    }

    // Lampiran: per fund, the closing row equals the totals, and every page carries the running
    // totals over exactly.
    const closings = new Map<string, bigint[]>();
    let fund: FundInfo | undefined;
    let carried: bigint[] | null = null;
    for (const page of pages) {
      for (const text of page.split('\n')) {
        const title = /Lampiran: Buku Kas — Dana (\S+) \(/.exec(text);
        if (title) fund = funds.find((candidate) => reportText.fundName(candidate) === title[1]);
        if (!fund) continue;
        const amounts = () => text.match(AMOUNT)!.map((value) => readAmount(value, fund!.unit));
        if (text.includes(reportText.carriedOut())) carried = amounts();
        if (text.includes(reportText.carriedIn())) {
          expect(amounts()).toEqual(carried);
          carried = null;
        }
        if (text.includes(reportText.closingRow())) closings.set(fund.name, amounts());
      }
    }
    for (const fund of funds) {
      const want = expected(fund.id, p.from, p.to);
      expect(closings.get(fund.name)).toEqual([want.receipts, want.spending, want.closing]);
    }
  });

  it('numbers every page "hal. n dari N"', () => {
    const pages = pdfPages(made.pdf.path);
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, index) => expect(page).toContain(`hal. ${index + 1} dari ${pages.length}`));
  });

  it('puts the same numbers in the XLSX, read back with exceljs', async () => {
    const book = await readXlsx(made.xlsx.path);
    const p = period(String(YEAR));
    const summary = book.getWorksheet('Ringkasan')!;
    for (const fund of funds) {
      const want = expected(fund.id, p.from, p.to);
      let found: bigint[] | null = null;
      summary.eachRow((row) => {
        if (row.getCell(1).value === reportText.fundName(fund) && row.getCell(2).value === reportText.unit(fund.unit)) {
          found = [3, 4, 5, 6].map((column) => cellAmount(row.getCell(column).value, fund.unit));
        }
      });
      expect(found).toEqual([want.opening, want.receipts, want.spending, want.closing]);

      const sheet = book.getWorksheet(`Buku ${reportText.fundName(fund)}`)!;
      let inSum = 0n;
      let outSum = 0n;
      let last: bigint | null = null;
      let closing: bigint[] | null = null;
      sheet.eachRow((row, number) => {
        if (number <= 3) return;
        if (row.getCell(3).value === reportText.closingRow()) {
          closing = [5, 6, 7].map((column) => cellAmount(row.getCell(column).value, fund.unit));
          return;
        }
        if (row.getCell(5).value !== null) inSum += cellAmount(row.getCell(5).value, fund.unit);
        if (row.getCell(6).value !== null) outSum += cellAmount(row.getCell(6).value, fund.unit);
        last = cellAmount(row.getCell(7).value, fund.unit);
      });
      expect(closing).toEqual([want.receipts, want.spending, want.closing]);
      expect([inSum, outSum, last]).toEqual([want.receipts, want.spending, want.closing]);
    }
  });

  it('writes a CSV for Excel set to Indonesian whose lines add up to the same totals', () => {
    const { bom, rows: lines } = readCsv(readFileSync(made.csv.path, 'utf8'));
    expect(bom).toBe(true);
    expect(lines[0]).toEqual(['Dana', 'Satuan', 'No.', 'Tanggal', 'Jenis', 'Uraian', 'Dari/Kepada', 'Masuk', 'Keluar', 'Saldo', 'Koreksi atas No.', 'Bukti (SHA-256 awal)']);
    const p = period(String(YEAR));
    for (const fund of funds) {
      const want = expected(fund.id, p.from, p.to);
      const mine = lines.filter((line) => line[0] === reportText.fundName(fund));
      const amount = (text: string) => (text ? readAmount(text, fund.unit) : 0n);
      const entries = mine.slice(1, -1);
      expect(entries.length).toBe(model.funds.find((totals) => totals.fund.id === fund.id)!.entries);
      expect(entries.reduce((sum, line) => sum + amount(line[7]!), 0n)).toBe(want.receipts);
      expect(entries.reduce((sum, line) => sum + amount(line[8]!), 0n)).toBe(want.spending);
      expect(mine.at(-1)!.slice(7, 10).map(amount)).toEqual([want.receipts, want.spending, want.closing]);
      expect(amount(mine[0]![9]!)).toBe(want.opening);
    }
  });

  it('never counts contributions that wait or were refused', async () => {
    const book = await readXlsx(made.xlsx.path);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    const texts = [pdfPages(made.pdf.path).join('\n'), readFileSync(made.csv.path, 'utf8'), cells.join('\n')];
    for (const amount of [WAITING, REFUSED]) {
      for (const text of texts) {
        expect(text).not.toContain(amount.toString());
        expect(text).not.toContain(reportText.amount(funds[0]!, amount));
      }
    }
    // The waiting ones are mentioned, as not counted.
    expect(model.pendingSubmissions).toBeGreaterThan(0);
    expect(pdfPages(made.pdf.path)[0]).toContain('masih menunggu pengesahan');
  });
});

describe('periods chain', () => {
  it('opens every month of the year with the balance the month before closed with', async () => {
    let previous: ReportModel | null = null;
    for (let month = 1; month <= 12; month++) {
      const model = await report(`${month}/${YEAR}`);
      for (const totals of model.funds) {
        const want = expected(totals.fund.id, model.period.from, model.period.to);
        expect({ opening: totals.opening, receipts: totals.receipts, spending: totals.spending, closing: totals.closing }).toEqual(want);
        if (previous) expect(totals.opening).toBe(previous.funds.find((before) => before.fund.id === totals.fund.id)!.closing);
      }
      previous = model;
    }
  }, 120_000);

  it('prints a quarter whose saldo awal is the saldo akhir of the quarter before, in both PDFs', async () => {
    const [second, third] = [await report(`triwulan 2 ${YEAR}`), await report(`triwulan 3 ${YEAR}`)];
    const [secondPdf, thirdPdf] = [pdfPages((await files(second)).pdf.path)[0]!, pdfPages((await files(third)).pdf.path)[0]!];
    for (const fund of funds) {
      const row = (page: string) =>
        page
          .split('\n')
          .find((text) => new RegExp(`^\\s*${reportText.fundName(fund)}\\s+${reportText.unit(fund.unit)}\\s`).test(text))!
          .match(AMOUNT)!
          .map((text) => readAmount(text, fund.unit));
      expect(row(thirdPdf)[0]).toBe(row(secondPdf)[3]);
      expect(row(thirdPdf)[0]).toBe(expected(fund.id, third.period.from, third.period.to).opening);
    }
  }, 120_000);
});

describe('privacy', () => {
  it('never names a person helped in the group version, in any file, the summary or the log', async () => {
    const model = await report(String(YEAR), 'grup');
    const made = await files(model);
    const book = await readXlsx(made.xlsx.path);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    const seen = [
      pdfPages(made.pdf.path).join('\n'),
      readFileSync(made.csv.path, 'utf8'),
      cells.join('\n'),
      reportText.summary(model, 'sent'),
      memory.lines.join('\n'),
    ];
    for (const text of seen) expect(text).not.toContain('Canarius');
    // Help is still accounted for, by category and initials.
    expect(seen[0]).toContain('Lanjut Usia Terlantar');
    expect(seen[0]).toMatch(/M\.K\.C\./);
  }, 120_000);

  it('names them in the confidential version, so the check above can fail', async () => {
    const made = await files(await report(String(YEAR), 'rahasia'));
    expect(pdfPages(made.pdf.path).join('\n')).toContain('Canarius');
    expect(readFileSync(made.csv.path, 'utf8')).toContain('Canarius');
    expect(memory.lines.join('\n')).not.toContain('Canarius');
  }, 120_000);
});
