import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { createRowText, type Cell } from './pdf-row-text.js';
import { formatRupiah, plainAmount, reportText, type FundInfo, type FundTotals, type ReportModel, type ReportQuery } from '../core/index.js';

/**
 * The LPJ as PDF, in the shape Indonesian bantuan-sosial and RT/RW reports take: kop, ringkasan per
 * dana, penerimaan and pengeluaran grouped, bantuan by PPKS category, kegiatan, penutup with the ketua's
 * and bendahara's signature blocks, then the buku kas as lampiran, every page numbered "hal. 2 dari 7".
 *
 * pdfmake lays out the body (a few pages). It keeps a whole document in memory while laying it out,
 * about 25 kB a table row, so a year's buku kas (100,000 lines) would need gigabytes: the lampiran is
 * drawn straight onto the same PDFKit document pdfmake renders into (pdfmake is built on PDFKit), one
 * fixed-height row at a time, each page flushed to the output as the next begins. Fixed rows make the
 * number of lampiran pages known in advance, so the body's footer can already say "dari 7".
 */

// The Roboto that ships inside pdfmake: no font is downloaded or kept in this repository.
const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
const ROBOTO = {
  normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
};
pdfmake.setFonts({ Roboto: ROBOTO });
// A report never fetches anything: no URL, and no local file but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => file.startsWith(FONT_DIR));

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const FOOTER_Y = A4.height - 32;
const GREY = '#555555';
const HEAD_FILL = '#e8e8e8';

/** The lampiran's grid. */
const LEDGER = {
  fontSize: 7.5,
  rowHeight: 12,
  titleY: MARGIN,
  headerY: MARGIN + 18,
  firstRowY: MARGIN + 32,
  /** Entry rows between the carried-in row and the carried-out row of a page. */
  rowsPerPage: 55,
  columns: [
    { key: 'number', width: 30, align: 'right' },
    { key: 'date', width: 50, align: 'left' },
    { key: 'description', width: 170, align: 'left' },
    { key: 'party', width: 85, align: 'left' },
    { key: 'in', width: 60.09, align: 'right' },
    { key: 'out', width: 60.09, align: 'right' },
    { key: 'balance', width: 60.1, align: 'right' },
  ],
} as const;

type LedgerColumn = (typeof LEDGER.columns)[number]['key'];
type LedgerRow = Partial<Record<LedgerColumn, string>>;

/** Lampiran pages of one fund: its lines in pages of `rowsPerPage`; a fund without lines has none. */
export const ledgerPages = (totals: Pick<FundTotals, 'entries'>) => Math.ceil(totals.entries / LEDGER.rowsPerPage);

const plain = (fund: Pick<FundInfo, 'unit'>, value: bigint) => plainAmount(fund, value, true);

const unitHeading = (fund: FundInfo) => (fund.unit === 'IDR' ? 'Rp' : reportText.unit(fund.unit));

/** A header row; the columns listed in `numeric` hold numbers and are right-aligned like them. */
const head = (texts: readonly string[], numeric: readonly number[] = []): TableCell[] =>
  texts.map((text, index) => ({ text, bold: true, fillColor: HEAD_FILL, alignment: numeric.includes(index) ? 'right' : 'left' }));
const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });

/** A section heading; an annex starts on a page of its own. */
function section(title: string, annex = false): Content {
  return { text: title, bold: true, fontSize: 11, margin: [0, 14, 0, 6], headlineLevel: 1, ...(annex ? { pageBreak: 'before' as const } : {}) };
}

function kop(model: ReportModel): Content[] {
  const zone = model.wksbm.timeZone;
  return [
    { text: reportText.title(), alignment: 'center', bold: true, fontSize: 15 },
    { text: model.wksbm.name.toUpperCase(), alignment: 'center', bold: true, fontSize: 13, margin: [0, 2, 0, 0] },
    { text: 'Wahana Kesejahteraan Sosial Berbasis Masyarakat', alignment: 'center', italics: true },
    { text: reportText.place(model.profile), alignment: 'center' },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 6, x2: A4.width - 2 * MARGIN, y2: 6, lineWidth: 2 },
        { type: 'line', x1: 0, y1: 9, x2: A4.width - 2 * MARGIN, y2: 9, lineWidth: 0.5 },
      ],
      margin: [0, 0, 0, 10],
    },
    { text: reportText.subtitle(model.period), alignment: 'center', bold: true, fontSize: 11 },
    { text: `Periode ${reportText.periodRange(model.period, zone)}`, alignment: 'center' },
    { text: reportText.made(model.madeAt, zone), alignment: 'center', color: GREY, margin: [0, 2, 0, 0] },
    {
      text: reportText.variantNote(model.variant),
      alignment: 'center',
      color: model.variant === 'rahasia' ? '#b00020' : GREY,
      bold: model.variant === 'rahasia',
      margin: [0, 4, 0, 0],
    },
  ];
}

function summary(model: ReportModel): Content[] {
  const c = reportText.columns;
  const rows: TableCell[][] = model.funds.map(({ fund, opening, receipts, spending, closing }) => [
    reportText.fundName(fund),
    reportText.unit(fund.unit),
    ...[opening, receipts, spending, closing].map((value) => right(reportText.amount(fund, value))),
  ]);
  return [
    section(reportText.sections.summary),
    model.funds.length
      ? {
          table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', 40, 78, 78, 78, 78], body: [head([c.fund, c.unit, c.opening, c.receipts, c.spending, c.closing], [2, 3, 4, 5]), ...rows] },
          layout: 'lightHorizontalLines',
        }
      : { text: reportText.nothing() },
    ...(model.pendingSubmissions ? [{ text: reportText.pendingNote(model.pendingSubmissions), margin: [0, 6, 0, 0] } as Content] : []),
    { text: reportText.reconcileNote(), fontSize: 7.5, italics: true, color: GREY, margin: [0, 6, 0, 0] },
  ];
}

function groups(model: ReportModel): Content[] {
  const c = reportText.columns;
  const tables: Content[] = [];
  for (const { fund, receipts, spending } of model.groups) {
    for (const [title, heading, list] of [
      [reportText.receiptsOf(fund), c.source, receipts],
      [reportText.spendingOf(fund), c.purpose, spending],
    ] as const) {
      if (list.length === 0) continue;
      const total = list.reduce((sum, group) => sum + group.total, 0n);
      tables.push({
        unbreakable: list.length < 20,
        stack: [
          { text: title, bold: true, margin: [0, 6, 0, 2] },
          {
            table: {
              headerRows: 1,
              keepWithHeaderRows: 1,
              widths: ['*', 70, 90],
              body: [
                head([heading, c.count, `${c.total} (${reportText.unit(fund.unit)})`], [1, 2]),
                ...list.map((group) => [group.label, right(String(group.count)), right(reportText.amount(fund, group.total))]),
                [{ text: c.total, bold: true }, '', right(reportText.amount(fund, total), true)],
              ],
            },
            layout: 'lightHorizontalLines',
          },
        ],
      });
    }
  }
  return [section(reportText.sections.groups), ...(tables.length ? tables : [{ text: reportText.noEntries() }])];
}

function aid(model: ReportModel): Content[] {
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;
  if (model.aid.lines.length === 0) return [section(reportText.sections.aid), { text: reportText.nothing() }];
  return [
    section(reportText.sections.aid),
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: ['*', 45, 60, 110],
        body: [
          head([c.category, c.cases, c.disbursements, c.total], [1, 2, 3]),
          ...model.aid.categories.map((category) => [
            category.category,
            right(String(category.cases)),
            right(String(category.count)),
            right(category.totals.map((total) => `${reportText.fundName(total.fund)}: ${reportText.amount(total.fund, total.total)}`).join('\n')),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
    {
      margin: [0, 8, 0, 0],
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: [50, 40, '*', 35, 70, 55, 75],
        body: [
          head([c.date, c.number, c.category, c.caseNumber, c.recipient, c.fund, c.total], [1, 3, 6]),
          ...model.aid.lines.map((line) => [
            reportText.shortDate(line.at, zone),
            right(`#${line.entryNumber}`),
            line.category,
            right(`#${line.caseNumber}`),
            line.recipient,
            reportText.fundName(line.fund),
            right(reportText.amount(line.fund, line.amount)),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

function arisan(model: ReportModel): Content[] {
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;
  if (model.arisan.length === 0) return [section(reportText.sections.arisan), { text: reportText.nothing() }];
  return [
    section(reportText.sections.arisan),
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: [55, 70, 40, '*', 75, 80],
        body: [
          head([c.date, c.arisan, c.round, c.winner, c.pot, c.payout], [2, 4]),
          ...model.arisan.map((line) => [
            reportText.shortDate(line.at, zone),
            line.arisan,
            right(String(line.round)),
            reportText.winnerOf(line),
            right(formatRupiah(line.pot)),
            reportText.payout(line.entryNumber, line.reversedBy),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

function santunan(model: ReportModel): Content[] {
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;
  if (model.santunan.length === 0) return [section(reportText.sections.santunan), { text: reportText.nothing() }];
  return [
    section(reportText.sections.santunan),
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: [55, 45, 45, '*', 60, 80],
        body: [
          head([c.date, c.number, c.duka, c.deceased, c.fund, c.total], [1, 2, 5]),
          ...model.santunan.map((line) => [
            reportText.shortDate(line.at, zone),
            right(`#${line.entryNumber}`),
            right(`#${line.dukaNumber}`),
            line.deceased,
            reportText.fundName(line.fund),
            right(reportText.amount(line.fund, line.amount)),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

function meetings(model: ReportModel): Content[] {
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;
  if (model.meetings.length === 0) return [section(reportText.sections.meetings), { text: reportText.nothing() }];
  return [
    section(reportText.sections.meetings),
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: [25, 50, 60, 80, 40, '*'],
        body: [
          head([c.number, c.date, c.meeting, c.place, c.attended, c.minutes], [0, 4]),
          ...model.meetings.map((meeting) => [
            right(`#${meeting.number}`),
            reportText.shortDate(meeting.startsAt, zone),
            reportText.meetingKind(meeting.kind, meeting.cancelled),
            meeting.place,
            right(String(meeting.attended)),
            meeting.minutes ?? '–',
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

function closing(model: ReportModel): Content[] {
  const zone = model.wksbm.timeZone;
  const block = (lines: string[], role: 'ketua' | 'bendahara', name: string | null): Content => ({
    alignment: 'center',
    stack: [
      ...lines.map((text) => ({ text })),
      { text: `${reportText.signRole(role)} ${model.wksbm.name}` },
      { text: ' ', margin: [0, 0, 0, 48] },
      { text: reportText.signName(name), bold: true, decoration: 'underline' },
    ],
  });
  return [
    section(reportText.sections.closing),
    { text: reportText.closingText(model.period), alignment: 'justify' },
    {
      unbreakable: true,
      margin: [0, 18, 0, 0],
      columns: [
        block(['', 'Mengetahui,'], 'ketua', model.profile.ketua),
        block([reportText.signPlace(model.profile, model.madeAt, zone), 'Yang membuat laporan,'], 'bendahara', model.profile.bendahara),
      ],
    },
  ];
}

/** The annex of proof photos, after the signatures: it lists what backs the entries and is not signed. */
function proofs(model: ReportModel): Content[] {
  if (model.proofs.length === 0) return [];
  const c = reportText.columns;
  const zone = model.wksbm.timeZone;
  return [
    section(reportText.sections.proofs, true),
    { text: reportText.proofsNote(), margin: [0, 0, 0, 6] },
    {
      table: {
        headerRows: 1,
        widths: [35, 55, 60, 75, '*', 70],
        body: [
          head([c.number, c.date, c.fund, c.total, c.description, c.proofHash], [0, 3]),
          ...model.proofs.map((line) => [
            right(`#${line.entryNumber}`),
            reportText.shortDate(line.at, zone),
            reportText.fundName(line.fund),
            right(reportText.amount(line.fund, reportText.proofEffect(line))),
            line.description,
            reportText.proofHash(line.sha256),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

function footerText(model: ReportModel, page: number, pages: number) {
  return { left: `${model.wksbm.name} — LPJ ${model.period.label}`, right: reportText.page(page, pages) };
}

/** The body as pdfmake lays it out; `extraPages` are the lampiran pages that follow it. */
function bodyDocument(model: ReportModel, extraPages: number): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, 50],
    info: { title: `LPJ ${model.wksbm.name} ${model.period.label}`, author: model.wksbm.name, creator: 'wksbm-bot' },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    // A section heading never stays alone at the bottom of a page.
    pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    footer: (page, pages) => {
      const text = footerText(model, page, pages + extraPages);
      return {
        margin: [MARGIN, 18, MARGIN, 0],
        fontSize: 7.5,
        color: GREY,
        columns: [{ text: text.left }, { text: text.right, alignment: 'right' }],
      };
    },
    content: [...kop(model), ...summary(model), ...groups(model), ...aid(model), ...meetings(model), ...arisan(model), ...santunan(model), ...closing(model), ...proofs(model)],
  };
}

type Doc = PDFKit.PDFDocument;

/** Draws the lampiran: each fund's lines in fixed rows, with the running balance carried across pages. */
async function drawLedger(doc: Doc, query: ReportQuery, model: ReportModel, firstPage: number, pages: number): Promise<void> {
  const c = reportText.columns;
  const size = LEDGER.fontSize;
  const fonts = { normal: createRowText(doc, ROBOTO.normal), bold: createRowText(doc, ROBOTO.bold) };
  let page = firstPage;
  const row = (top: number, cells: LedgerRow, options: { bold?: boolean; fill?: string } = {}) => {
    if (options.fill) doc.rect(MARGIN, top - 2.5, A4.width - 2 * MARGIN, LEDGER.rowHeight).fill(options.fill);
    doc.fillColor('black');
    const font = options.bold ? fonts.bold : fonts.normal;
    let x = MARGIN;
    const drawn: Cell[] = [];
    for (const column of LEDGER.columns) {
      const text = cells[column.key];
      if (text) {
        const shown = font.fit(text, column.width - 4, size);
        drawn.push({ text: shown, x: column.align === 'right' ? x + column.width - 2 : x + 2, align: column.align });
      }
      x += column.width;
    }
    font.draw(doc, drawn, top, size);
  };
  const rule = (y: number) => doc.moveTo(MARGIN, y).lineTo(A4.width - MARGIN, y).lineWidth(0.4).strokeColor('#999999').stroke();
  const footer = () => {
    const text = footerText(model, page, pages);
    doc.fillColor(GREY);
    fonts.normal.draw(
      doc,
      [
        { text: text.left, x: MARGIN, align: 'left' },
        { text: text.right, x: A4.width - MARGIN, align: 'right' },
      ],
      FOOTER_Y,
      7.5,
    );
    doc.fillColor('black');
  };
  const startPage = (fund: FundInfo, continued: boolean) => {
    doc.addPage({ size: 'A4', margin: 0 });
    page++;
    const title = continued ? reportText.ledgerContinued(fund) : `${reportText.sections.ledger} — ${reportText.ledgerOf(fund)}`;
    doc.fillColor('black');
    fonts.bold.draw(doc, [{ text: title, x: MARGIN, align: 'left' }], LEDGER.titleY, 10);
    const unit = unitHeading(fund);
    row(LEDGER.headerY, { number: c.number, date: c.date, description: c.description, party: c.party, in: `${c.in} (${unit})`, out: `${c.out} (${unit})`, balance: `${c.balance} (${unit})` }, { bold: true, fill: HEAD_FILL });
  };

  // Every fund's lines are asked for, even a fund without any: the files share one reading of them.
  for (const totals of model.funds) {
    const { fund } = totals;
    let balance = totals.opening;
    let sumIn = 0n;
    let sumOut = 0n;
    let onPage = -1;
    let y = LEDGER.firstRowY + LEDGER.rowHeight;
    for await (const line of query.lines(model, totals)) {
      if (onPage === -1) {
        startPage(fund, false);
        row(LEDGER.firstRowY, { description: reportText.openingRow(), balance: plain(fund, balance) }, { bold: true });
        onPage = 0;
      }
      if (onPage === LEDGER.rowsPerPage) {
        rule(y - 2.5);
        row(y, { description: reportText.carriedOut(), in: plain(fund, sumIn), out: plain(fund, sumOut), balance: plain(fund, balance) }, { bold: true });
        footer();
        startPage(fund, true);
        row(LEDGER.firstRowY, { description: reportText.carriedIn(), in: plain(fund, sumIn), out: plain(fund, sumOut), balance: plain(fund, balance) }, { bold: true });
        y = LEDGER.firstRowY + LEDGER.rowHeight;
        onPage = 0;
      }
      balance = line.balance;
      sumIn += line.in;
      sumOut += line.out;
      row(y, {
        number: `#${line.number}`,
        date: reportText.shortDate(line.at, model.wksbm.timeZone),
        description: line.description,
        party: line.party ?? '',
        in: line.in === 0n ? '' : plain(fund, line.in),
        out: line.out === 0n ? '' : plain(fund, line.out),
        balance: plain(fund, line.balance),
      });
      y += LEDGER.rowHeight;
      onPage++;
    }
    if (onPage === -1) continue;
    rule(y - 2.5);
    row(y, { description: reportText.closingRow(), in: plain(fund, sumIn), out: plain(fund, sumOut), balance: plain(fund, balance) }, { bold: true });
    footer();
  }
}

export async function writePdf(query: ReportQuery, model: ReportModel, out: Writable): Promise<void> {
  const ledger = model.funds.reduce((sum, totals) => sum + ledgerPages(totals), 0);
  const doc = (await pdfmake.createPdf(bodyDocument(model, ledger)).getStream()) as unknown as Doc;
  // pdfmake has laid the body out and drawn it; the document stays open for the lampiran.
  const bodyPages = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  doc.pipe(out);
  await drawLedger(doc, query, model, bodyPages, bodyPages + ledger);
  doc.end();
  await finished(out);
}
