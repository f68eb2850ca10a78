/**
 * `npm run bench:report`: one WKSBM with 100,000 entries in a year (BENCH_REPORT_ENTRIES). Measures the
 * time and peak RSS of making the year's LPJ as PDF + XLSX + CSV (read model, then the three files),
 * against streaming the same rows from the database to a CSV alone (the baseline), in the same run.
 * Each measurement runs in its own child process on the same database file, so each peak RSS is its own.
 * Targets (issue 11): the whole report within 10× the baseline's time, peak RSS under 300 MB. The report is
 * measured twice: with Node's default heap, and with the old space capped at 128 MB (V8 otherwise lets the
 * garbage of a fast producer grow the heap before it collects; the data held at any time is far smaller).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { pino } from 'pino';
import { parsePeriod } from '../src/core/index.js';
import { openDb } from '../src/db.js';
import { CSV_FORMAT, writeReportFiles } from '../src/files/index.js';
import { createStores, migrate } from '../src/store/index.js';
import { generateYear } from '../test/helpers/ledger-year.js';

const ENTRIES = Number(process.env.BENCH_REPORT_ENTRIES ?? 100_000);
const YEAR = 2025;
const [mode, file, dir, wksbmArg] = process.argv.slice(2);

interface Measurement {
  readonly ms: number;
  readonly rssMb: number;
  readonly bytes: number;
}

async function measure(kind: 'baseline' | 'report'): Promise<void> {
  const db = await openDb(`file:${file}`);
  const wksbmId = Number(wksbmArg);
  const started = performance.now();
  let bytes = 0;
  if (kind === 'baseline') {
    // The same period's rows, read a page at a time and streamed to a CSV: the least any export costs.
    const target = path.join(dir!, 'baseline.csv');
    const csv = stringify({ ...CSV_FORMAT });
    const done = pipeline(csv, createWriteStream(target));
    const from = new Date(Date.UTC(YEAR, 0, 1) - 7 * 3_600_000);
    const to = new Date(Date.UTC(YEAR + 1, 0, 1) - 7 * 3_600_000);
    let after = 0;
    for (;;) {
      const page = await db.read.ledgerEntry.findMany({
        where: { wksbmId, createdAt: { gte: from, lt: to }, id: { gt: after } },
        orderBy: { id: 'asc' },
        take: 2_000,
      });
      for (const row of page) {
        csv.write([row.fundId, row.number, row.createdAt.toISOString(), row.kind, row.note, row.contributorName, row.amount.toString(), row.balanceAfter.toString()]);
      }
      if (page.length < 2_000) break;
      after = page.at(-1)!.id;
    }
    csv.end();
    await done;
    bytes = statSync(target).size;
  } else {
    const stores = createStores(db, pino({ level: 'silent' }));
    const now = new Date(Date.UTC(YEAR + 1, 1, 1));
    const parsed = parsePeriod(String(YEAR), now, 'Asia/Jakarta');
    if (!parsed.ok) throw new Error('period');
    const model = await stores.reports.report({ wksbmId, period: parsed.period, variant: 'grup', madeAt: now });
    const files = await writeReportFiles(stores.reports, model, ['pdf', 'xlsx', 'csv'], dir!);
    bytes = files.reduce((sum, made) => sum + statSync(made.path).size, 0);
  }
  const result: Measurement = { ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, bytes };
  await db.close();
  process.stdout.write(JSON.stringify(result));
}

function run(kind: string, file: string, dir: string, wksbmId: number, nodeFlags: readonly string[] = []): Measurement {
  const output = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', 'bench/report.ts', kind, file, dir, String(wksbmId)], {
    encoding: 'utf8',
  });
  return JSON.parse(output) as Measurement;
}

/** V8 grows its heap with the garbage a fast producer leaves; a cap makes it collect sooner instead. */
const HEAP_CAP = ['--max-old-space-size=128'];

if (mode === 'baseline' || mode === 'report') {
  await measure(mode);
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'wksbm-bench-report-'));
  try {
    const database = path.join(work, 'bench.db');
    await migrate(`file:${database}`);
    const db = await openDb(`file:${database}`);
    const generating = performance.now();
    const { wksbmId } = await generateYear(db.write, { year: YEAR, entries: ENTRIES });
    const posted = await db.read.ledgerEntry.count({ where: { wksbmId } });
    await db.close();
    console.log(`generated ${posted} posted entries of one WKSBM in ${YEAR} in ${((performance.now() - generating) / 1000).toFixed(1)} s`);

    const baseline = run('baseline', database, work, wksbmId);
    const report = run('report', database, work, wksbmId);
    const capped = run('report', database, work, wksbmId, HEAP_CAP);
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    const row = (name: string, m: Measurement) =>
      console.log(`${name.padEnd(40)} ${m.ms.toFixed(0).padStart(7)} ms  peak RSS ${m.rssMb.toFixed(0).padStart(4)} MB  ${mb(m.bytes)} MB written`);
    row('baseline: rows → CSV', baseline);
    row('report: PDF + XLSX + CSV', report);
    row(`report, node ${HEAP_CAP.join(' ')}`, capped);
    for (const [name, m] of [
      ['report', report],
      ['report with the heap cap', capped],
    ] as const) {
      console.log(
        `${name}: time ${(m.ms / baseline.ms).toFixed(2)}× the baseline (target ≤ 10×), peak RSS ${m.rssMb.toFixed(0)} MB ` +
          `(target < 300 MB), ${(m.rssMb / baseline.rssMb).toFixed(2)}× the baseline's`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
