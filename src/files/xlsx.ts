import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { reportText, wallClock, type FundInfo, type ReportModel, type ReportQuery } from '../core/index.js';

/**
 * The XLSX: the same numbers as the PDF, as sheets a treasurer can work with: Ringkasan (kop, totals per
 * fund, receipts and spending grouped), Bantuan, Kegiatan, and one Buku Kas sheet per fund. Written with
 * exceljs' streaming WorkbookWriter: each buku kas row is committed as it is read, so a year of entries
 * never sits in memory. Amounts are numbers (rupiah whole, goods in kg or liter), not text, so they add up.
 */
const RUPIAH_FORMAT = '"Rp"#,##0;-"Rp"#,##0';
const GOODS_FORMAT = '#,##0.###';
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const YIELD_EVERY = 500;

/** The cell value of an amount: rupiah as they are, goods from thousandths to kg or liter. */
export function xlsxNumber(fund: Pick<FundInfo, 'unit'>, value: bigint): number {
  return fund.unit === 'IDR' ? Number(value) : Number(value) / 1000;
}

const numberFormat = (fund: Pick<FundInfo, 'unit'>) => (fund.unit === 'IDR' ? RUPIAH_FORMAT : GOODS_FORMAT);

const bold = { bold: true } as const;

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (text: string) => text.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

export async function writeXlsx(query: ReportQuery, model: ReportModel, out: Writable): Promise<void> {
  // Fast compression: exceljs pushes rows into the zip without waiting for it, so a slow deflate lets
  // a year of rows pile up in memory; level 1 keeps up, and the file is still a quarter of the CSV.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  book.creator = 'wksbm-bot';
  book.created = model.madeAt;
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;

  const summary = book.addWorksheet('Ringkasan');
  summary.columns = [{ width: 34 }, { width: 10 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 18 }];
  summary.addRow([reportText.title()]).font = { bold: true, size: 14 };
  summary.addRow([model.wksbm.name]).font = { bold: true };
  summary.addRow([reportText.place(model.profile)]);
  summary.addRow([`${reportText.subtitle(model.period)} (${reportText.periodRange(model.period, zone)})`]);
  summary.addRow([reportText.made(model.madeAt, zone)]);
  summary.addRow([reportText.variantNote(model.variant)]);
  summary.addRow([]);
  summary.addRow([reportText.sections.summary]).font = { bold: true };
  summary.addRow([c.fund, c.unit, c.opening, c.receipts, c.spending, c.closing]).font = { bold: true };
  for (const totals of model.funds) {
    const { fund } = totals;
    const row = summary.addRow([
      reportText.fundName(fund),
      reportText.unit(fund.unit),
      ...[totals.opening, totals.receipts, totals.spending, totals.closing].map((value) => xlsxNumber(fund, value)),
    ]);
    for (const column of [3, 4, 5, 6]) row.getCell(column).numFmt = numberFormat(fund);
  }
  if (model.pendingSubmissions) summary.addRow([reportText.pendingNote(model.pendingSubmissions)]);
  summary.addRow([]);
  summary.addRow([reportText.sections.groups]).font = { bold: true };
  for (const groups of model.groups) {
    for (const [title, list] of [
      [reportText.receiptsOf(groups.fund), groups.receipts],
      [reportText.spendingOf(groups.fund), groups.spending],
    ] as const) {
      if (list.length === 0) continue;
      summary.addRow([title, c.count, c.total]).font = { bold: true };
      for (const group of list) summary.addRow([group.label, group.count, xlsxNumber(groups.fund, group.total)]).getCell(3).numFmt = numberFormat(groups.fund);
    }
  }
  summary.commit();

  const aid = book.addWorksheet('Bantuan');
  aid.columns = [{ width: 22 }, { width: 10 }, { width: 34 }, { width: 12 }, { width: 12 }, { width: 18 }];
  aid.addRow([reportText.sections.aid]).font = { bold: true };
  aid.addRow([c.category, c.cases, c.disbursements, c.fund, c.total]).font = { bold: true };
  for (const category of model.aid.categories) {
    for (const total of category.totals) {
      aid.addRow([category.category, category.cases, category.count, reportText.fundName(total.fund), xlsxNumber(total.fund, total.total)]).getCell(5).numFmt =
        numberFormat(total.fund);
    }
  }
  aid.addRow([]);
  aid.addRow([c.date, c.number, c.category, c.caseNumber, c.recipient, c.total]).font = { bold: true };
  for (const line of model.aid.lines) {
    const row = aid.addRow([wallClock(line.at, zone), line.entryNumber, line.category, line.caseNumber, line.recipient, xlsxNumber(line.fund, line.amount)]);
    row.getCell(1).numFmt = DATE_FORMAT;
    row.getCell(6).numFmt = numberFormat(line.fund);
  }
  aid.commit();

  const arisan = book.addWorksheet('Arisan');
  arisan.columns = [{ width: 18 }, { width: 16 }, { width: 10 }, { width: 30 }, { width: 16 }, { width: 18 }];
  arisan.addRow([reportText.sections.arisan]).font = { bold: true };
  arisan.addRow([c.date, c.arisan, c.round, c.winner, c.pot, c.payout]).font = { bold: true };
  for (const line of model.arisan) {
    const row = arisan.addRow([wallClock(line.at, zone), line.arisan, line.round, reportText.winnerOf(line), xlsxNumber({ unit: 'IDR' }, line.pot), reportText.payout(line.entryNumber, line.reversedBy)]);
    row.getCell(1).numFmt = DATE_FORMAT;
    row.getCell(5).numFmt = numberFormat({ unit: 'IDR' });
  }
  arisan.addRow([]);
  arisan.addRow([reportText.sections.santunan]).font = { bold: true };
  arisan.addRow([c.date, c.number, c.duka, c.deceased, c.fund, c.total]).font = { bold: true };
  for (const line of model.santunan) {
    const row = arisan.addRow([wallClock(line.at, zone), line.entryNumber, line.dukaNumber, line.deceased, reportText.fundName(line.fund), xlsxNumber(line.fund, line.amount)]);
    row.getCell(1).numFmt = DATE_FORMAT;
    row.getCell(6).numFmt = numberFormat(line.fund);
  }
  arisan.commit();

  const proofs = book.addWorksheet('Bukti');
  proofs.columns = [{ width: 8 }, { width: 17 }, { width: 14 }, { width: 16 }, { width: 44 }, { width: 16 }];
  proofs.addRow([reportText.sections.proofs]).font = { bold: true };
  proofs.addRow([c.number, c.date, c.fund, c.total, c.description, c.proofHash]).font = { bold: true };
  for (const line of model.proofs) {
    const row = proofs.addRow([
      line.entryNumber,
      wallClock(line.at, zone),
      reportText.fundName(line.fund),
      xlsxNumber(line.fund, reportText.proofEffect(line)),
      line.description,
      reportText.proofHash(line.sha256),
    ]);
    row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(4).numFmt = numberFormat(line.fund);
  }
  proofs.commit();

  const meetings = book.addWorksheet('Kegiatan');
  meetings.columns = [{ width: 8 }, { width: 18 }, { width: 16 }, { width: 24 }, { width: 12 }, { width: 14 }, { width: 60 }];
  meetings.addRow([reportText.sections.meetings]).font = { bold: true };
  meetings.addRow([c.number, c.date, c.meeting, c.place, c.attended, c.rsvp, c.minutes]).font = { bold: true };
  for (const meeting of model.meetings) {
    meetings.addRow([
      meeting.number,
      wallClock(meeting.startsAt, zone),
      reportText.meetingKind(meeting.kind, meeting.cancelled),
      meeting.place,
      meeting.attended,
      `${meeting.rsvpHadir}/${meeting.rsvpIzin}`,
      meeting.minutes,
    ]).getCell(2).numFmt = DATE_FORMAT;
  }
  meetings.commit();

  for (const totals of model.funds) {
    const { fund } = totals;
    const sheet = book.addWorksheet(sheetName(`Buku ${reportText.fundName(fund)}`));
    // Formats by column, not by cell: a year of rows then carries no style of its own.
    const money = { numFmt: numberFormat(fund) };
    sheet.columns = [
      { width: 8 },
      { width: 17, style: { numFmt: DATE_FORMAT } },
      { width: 44 },
      { width: 24 },
      { width: 16, style: money },
      { width: 16, style: money },
      { width: 18, style: money },
      { width: 10 },
    ];
    sheet.addRow([reportText.ledgerOf(fund)]).font = { bold: true };
    sheet.addRow([c.number, c.date, c.description, c.party, c.in, c.out, c.balance, c.reverses]).font = { bold: true };
    sheet.addRow([null, wallClock(model.period.from, zone), reportText.openingRow(), null, null, null, xlsxNumber(fund, totals.opening)]).commit();
    let written = 0;
    for await (const line of query.lines(model, totals)) {
      // Now and then the zip gets the event loop to itself to compress what it was handed.
      if (++written % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      sheet.addRow([
        line.number,
        wallClock(line.at, zone),
        line.description,
        line.party,
        line.in === 0n ? null : xlsxNumber(fund, line.in),
        line.out === 0n ? null : xlsxNumber(fund, line.out),
        xlsxNumber(fund, line.balance),
        line.reverses,
      ]).commit();
    }
    const closing = sheet.addRow([null, null, reportText.closingRow(), null, xlsxNumber(fund, totals.receipts), xlsxNumber(fund, totals.spending), xlsxNumber(fund, totals.closing)]);
    closing.font = bold;
    closing.commit();
    sheet.commit();
  }
  await book.commit();
}
