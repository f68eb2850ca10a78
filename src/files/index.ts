import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { reportText, type ReportModel, type ReportQuery } from '../core/index.js';
import { writeCsv } from './csv.js';
import { shareLines } from './shared-lines.js';

export { CSV_FORMAT, csvNumber, writeCsv } from './csv.js';

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/** A file made from a report, ready to be sent as a document. */
export interface ReportFile {
  readonly format: ReportFormat;
  readonly fileName: string;
  readonly path: string;
  readonly mimeType: string;
}

/**
 * Each format's renderer: it streams the model (and the buku kas lines it reads) into `out`. pdfmake and
 * exceljs (with its many dependencies) are loaded at the first report, not at every start: they were a
 * large share of the server's start-up time and idle memory.
 */
export const RENDERERS: Record<ReportFormat, { mimeType: string; write(query: ReportQuery, model: ReportModel, out: Writable): Promise<void> }> = {
  pdf: { mimeType: 'application/pdf', write: async (...args) => (await import('./pdf.js')).writePdf(...args) },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: async (...args) => (await import('./xlsx.js')).writeXlsx(...args),
  },
  csv: { mimeType: 'text/csv; charset=utf-8', write: writeCsv },
};

/**
 * Writes the report in each format into `dir`, named `LPJ-<wksbm>-<periode>.<format>`. The formats are
 * written side by side from one reading of the buku kas (see shareLines), so three files cost one pass
 * over the period's entries.
 */
export async function writeReportFiles(query: ReportQuery, model: ReportModel, formats: readonly ReportFormat[], dir: string): Promise<ReportFile[]> {
  const shared = shareLines(query, formats.length);
  const files = formats.map((format) => {
    const fileName = reportText.fileName(model.wksbm, model.period, model.variant, format);
    return { format, fileName, path: path.join(dir, fileName), mimeType: RENDERERS[format].mimeType };
  });
  const writes = files.map((file) =>
    RENDERERS[file.format].write(shared, model, createWriteStream(file.path)).catch((error: unknown) => {
      shared.abort(error);
      throw error;
    }),
  );
  const results = await Promise.allSettled(writes);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return files;
}
