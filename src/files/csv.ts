import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { plainAmount, reportText, type FundInfo, type ReportModel, type ReportQuery } from '../core/index.js';

/**
 * The CSV for spreadsheets: one row per buku kas line of every fund, with a saldo awal row before and a
 * saldo akhir row after each fund. Written for Excel set to Indonesian, the treasurers' usual setup:
 * UTF-8 with a byte-order mark (so "é" and "–" survive), `;` between fields (the comma is Indonesian
 * Excel's decimal separator), CRLF line ends, amounts as plain integers (rupiah) or with a decimal
 * comma (kg, liter), dates as dd/mm/yyyy.
 */
export const CSV_FORMAT = { bom: true, delimiter: ';', record_delimiter: 'windows' } as const;

/** A quantity as Indonesian Excel reads a number: rupiah as an integer, goods as "1,5". */
export const csvNumber = (fund: Pick<FundInfo, 'unit'>, value: bigint): string => plainAmount(fund, value, false);

export async function writeCsv(query: ReportQuery, model: ReportModel, out: Writable): Promise<void> {
  // Loaded at the first report, like pdfmake and exceljs (files/index.ts), not at every start.
  const { stringify } = await import('csv-stringify');
  const c = reportText.columns;
  const csv = stringify({ ...CSV_FORMAT, header: true, columns: [c.fund, c.unit, c.number, c.date, c.kind, c.description, c.party, c.in, c.out, c.balance, c.reverses, c.proof] });
  const done = pipeline(csv, out);
  const zone = model.wksbm.timeZone;
  // An entry's proof photos, by number; a correction shares no number with what it corrects.
  const proofs = new Map<number, string[]>();
  for (const proof of model.proofs) proofs.set(proof.entryNumber, [...(proofs.get(proof.entryNumber) ?? []), reportText.proofHash(proof.sha256)]);
  const write = async (row: (string | number | null)[]) => {
    if (!csv.write(row)) await once(csv, 'drain');
  };
  for (const totals of model.funds) {
    const { fund } = totals;
    const name = reportText.fundName(fund);
    const unit = reportText.unit(fund.unit);
    await write([name, unit, null, reportText.shortDateTime(model.period.from, zone), null, reportText.openingRow(), null, null, null, csvNumber(fund, totals.opening), null, null]);
    for await (const line of query.lines(model, totals)) {
      await write([
        name,
        unit,
        line.number,
        reportText.shortDateTime(line.at, zone),
        line.kind,
        line.description,
        line.party,
        line.in === 0n ? null : csvNumber(fund, line.in),
        line.out === 0n ? null : csvNumber(fund, line.out),
        csvNumber(fund, line.balance),
        line.reverses,
        proofs.get(line.number)?.join(' ') ?? null,
      ]);
    }
    await write([name, unit, null, null, null, reportText.closingRow(), null, csvNumber(fund, totals.receipts), csvNumber(fund, totals.spending), csvNumber(fund, totals.closing), null, null]);
  }
  csv.end();
  await done;
}
