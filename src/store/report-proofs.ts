import type { FundInfo, ProofLine, ReportRequest } from '../core/index.js';
import { reportText } from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Numbers per `in (…)`: well under every engine's limit on query parameters. */
const NUMBER_SLICE = 500;

/**
 * The LPJ's annex of proof photos: every photo kept for a setor or keluar posted in the period. Entry
 * numbers grow with time, so the period's entries span one range of numbers and only the proofs in that
 * range are read; a number of that range that is a setoran still waiting for /sahkan has no entry and
 * drops out.
 *
 * `aidCategories` are the entries that are help to a case (by id): their note may name the person, so
 * the group version describes them by category only, as the buku kas does.
 */
export async function proofsOf(
  read: PrismaClient,
  request: ReportRequest,
  funds: ReadonlyMap<number, FundInfo>,
  aidCategories: ReadonlyMap<number, { readonly category: string }>,
): Promise<ProofLine[]> {
  const inPeriod = { wksbmId: request.wksbmId, createdAt: { gte: request.period.from, lt: request.period.to } };
  const span = await read.ledgerEntry.aggregate({ where: inPeriod, _min: { number: true }, _max: { number: true } });
  if (span._min.number === null || span._max.number === null) return [];
  const photos = await read.proof.findMany({
    where: { wksbmId: request.wksbmId, number: { gte: span._min.number, lte: span._max.number } },
    select: { number: true, sha256: true },
    orderBy: [{ number: 'asc' }, { id: 'asc' }],
  });
  const numbers = [...new Set(photos.map((photo) => photo.number))];
  const entries = new Map<number, { id: number; fundId: number; kind: string; amount: bigint; note: string | null; createdAt: Date }>();
  for (let start = 0; start < numbers.length; start += NUMBER_SLICE) {
    const rows = await read.ledgerEntry.findMany({
      where: { ...inPeriod, number: { in: numbers.slice(start, start + NUMBER_SLICE) }, kind: { in: ['setor', 'keluar'] } },
      select: { id: true, number: true, fundId: true, kind: true, amount: true, note: true, createdAt: true },
    });
    for (const row of rows) entries.set(row.number, row);
  }
  return photos.flatMap((photo) => {
    const entry = entries.get(photo.number);
    if (!entry) return [];
    const kind = entry.kind === 'setor' ? 'setor' : 'keluar';
    const aid = aidCategories.get(entry.id);
    return [
      {
        entryNumber: photo.number,
        at: entry.createdAt,
        fund: funds.get(entry.fundId)!,
        kind,
        amount: kind === 'setor' ? entry.amount : -entry.amount,
        description: reportText.lineDescription({
          kind,
          note: aid && request.variant === 'grup' ? null : entry.note,
          reverses: null,
          aidCategory: aid?.category ?? null,
        }),
        sha256: photo.sha256,
      },
    ];
  });
}
