import type { BookFilter, BookRow, BookSource, DashboardReads } from '../core/dashboard/ports.js';
import { WksError } from '../core/errors.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { occurrenceInclude, withDetails } from './meeting-rows.js';
import { fundWithAliases, toFundInfo } from './rows.js';

const entryInclude = {
  fund: { include: fundWithAliases },
  recordedBy: { select: { name: true } },
  reverses: { select: { number: true } },
  reversedBy: { select: { number: true } },
  submission: { select: { decidedBy: { select: { name: true } } } },
} as const satisfies Prisma.LedgerEntryInclude;

const submissionInclude = {
  fund: { include: fundWithAliases },
  submittedBy: { select: { name: true } },
  decidedBy: { select: { name: true } },
} as const satisfies Prisma.SubmissionInclude;

type EntryRow = Prisma.LedgerEntryGetPayload<{ include: typeof entryInclude }>;
type SubmissionRow = Prisma.SubmissionGetPayload<{ include: typeof submissionInclude }>;

/** `channel:chat:message`; a chat id may itself hold colons (`private:bu sri`), a message id never. */
function splitKey(key: string | null): { channel: string; chatId: string } | null {
  if (!key) return null;
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  if (first < 0 || last <= first) return null;
  return { channel: key.slice(0, first), chatId: key.slice(first + 1, last) };
}

function kindOf(kind: string): BookRow['kind'] {
  if (kind !== 'setor' && kind !== 'keluar' && kind !== 'koreksi') throw new WksError('WKS_ERR_STORE', `unknown entry kind ${kind}`);
  return kind;
}

function submissionStatus(status: string): 'menunggu' | 'ditolak' {
  if (status !== 'menunggu' && status !== 'ditolak') throw new WksError('WKS_ERR_STORE', `unexpected submission status ${status}`);
  return status;
}

export function createDashboardReads(read: PrismaClient): DashboardReads {
  /** Names the chats the rows came from, in one query for the page. */
  async function sources(keys: readonly (string | null)[]): Promise<(BookSource | null)[]> {
    const split = keys.map(splitKey);
    const groups = split.filter((key) => key && key.channel !== 'dasbor' && !key.chatId.startsWith('private:'));
    const chats = groups.length
      ? await read.chat.findMany({
          where: { OR: groups.map((key) => ({ channel: key!.channel, externalId: key!.chatId })) },
          select: { channel: true, externalId: true, title: true },
        })
      : [];
    const titles = new Map(chats.map((chat) => [`${chat.channel}:${chat.externalId}`, chat.title ?? chat.externalId]));
    return split.map((key) => {
      if (!key) return null;
      if (key.channel === 'dasbor') return { channel: 'dasbor', chat: null };
      return { channel: key.channel, chat: titles.get(`${key.channel}:${key.chatId}`) ?? 'pribadi' };
    });
  }

  function entryRow(row: EntryRow, source: BookSource | null): BookRow {
    return {
      number: row.number,
      kind: kindOf(row.kind),
      status: 'posted',
      amount: row.amount,
      fund: toFundInfo(row.fund),
      contributorName: row.contributorName,
      recordedBy: row.recordedBy.name,
      note: row.note,
      createdAt: row.createdAt,
      source,
      reverses: row.reverses?.number ?? null,
      reversedBy: row.reversedBy?.number ?? null,
      decidedBy: row.submission?.decidedBy?.name ?? null,
      reason: null,
    };
  }

  function submissionRow(row: SubmissionRow, source: BookSource | null): BookRow {
    return {
      number: row.number,
      kind: 'setor',
      status: submissionStatus(row.status),
      amount: row.amount,
      fund: toFundInfo(row.fund),
      contributorName: row.contributorName,
      recordedBy: row.submittedBy.name,
      note: row.note,
      createdAt: row.createdAt,
      source,
      reverses: null,
      reversedBy: null,
      decidedBy: row.decidedBy?.name ?? null,
      reason: row.reason,
    };
  }

  return {
    async book(wksbmId, filter: BookFilter, before, limit) {
      const common = {
        wksbmId,
        ...(filter.fundId === undefined ? {} : { fundId: filter.fundId }),
        ...(before === null ? {} : { number: { lt: before } }),
        ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
        ...(filter.text ? { OR: [{ note: { contains: filter.text } }, { contributorName: { contains: filter.text } }] } : {}),
      };
      const wantEntries = filter.status === undefined || filter.status === 'posted';
      const wantSubmissions = filter.status !== 'posted' && (filter.kind ?? 'setor') === 'setor';
      const [entries, submissions] = await Promise.all([
        wantEntries
          ? read.ledgerEntry.findMany({
              where: { ...common, ...(filter.kind ? { kind: filter.kind } : {}) },
              include: entryInclude,
              orderBy: { number: 'desc' },
              take: limit + 1,
            })
          : [],
        wantSubmissions
          ? read.submission.findMany({
              where: { ...common, status: filter.status ?? { in: ['menunggu', 'ditolak'] } },
              include: submissionInclude,
              orderBy: { number: 'desc' },
              take: limit + 1,
            })
          : [],
      ]);
      const merged = [
        ...entries.map((row) => ({ number: row.number, key: row.sourceKey, make: (s: BookSource | null) => entryRow(row, s) })),
        ...submissions.map((row) => ({ number: row.number, key: row.sourceKey, make: (s: BookSource | null) => submissionRow(row, s) })),
      ].sort((a, b) => b.number - a.number);
      const page = merged.slice(0, limit);
      const named = await sources(page.map((item) => item.key));
      return {
        rows: page.map((item, index) => item.make(named[index]!)),
        next: merged.length > limit ? page.at(-1)!.number : null,
      };
    },

    async pending(wksbmId) {
      const rows = await read.submission.findMany({ where: { wksbmId, status: 'menunggu' }, include: submissionInclude, orderBy: { number: 'asc' } });
      const named = await sources(rows.map((row) => row.sourceKey));
      return rows.map((row, index) => submissionRow(row, named[index]!));
    },

    async lastActivity(wksbmId) {
      const [entry, submission] = await Promise.all([
        read.ledgerEntry.findFirst({ where: { wksbmId }, orderBy: { number: 'desc' }, select: { createdAt: true } }),
        read.submission.findFirst({ where: { wksbmId }, orderBy: { number: 'desc' }, select: { createdAt: true } }),
      ]);
      const times = [entry?.createdAt, submission?.createdAt].filter((time) => time !== undefined);
      return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
    },

    async caseCounts(wksbmId) {
      const [byStatus, byCategory] = await Promise.all([
        read.case.groupBy({ by: ['status'], where: { wksbmId }, _count: { _all: true }, orderBy: { status: 'asc' } }),
        read.case.groupBy({ by: ['category'], where: { wksbmId }, _count: { _all: true }, orderBy: { category: 'asc' } }),
      ]);
      return {
        byStatus: byStatus.map((row) => ({ status: row.status, count: row._count._all })),
        byCategory: byCategory.map((row) => ({ category: row.category, count: row._count._all })),
      };
    },

    async pastMeetings(wksbmId, now, limit) {
      const rows = await read.meetingOccurrence.findMany({
        where: { wksbmId, startsAt: { lte: now } },
        orderBy: [{ startsAt: 'desc' }, { number: 'desc' }],
        take: limit,
        include: occurrenceInclude,
      });
      return withDetails(read, rows);
    },
  };
}
