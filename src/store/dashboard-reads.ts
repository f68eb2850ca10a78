import { WksError, type BookFilter, type BookRow, type BookSource, type DashboardReads, type FundInfo } from '../core/index.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { createCache } from './cache.js';
import type { SqlReader } from './sql-reader.js';
import { occurrenceInclude, withDetails } from './meeting-rows.js';

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

/** A Buku kas row as the page's statement returns it (numbers or bigints; a time as text on SQLite, a Date on PostgreSQL). */
interface RawBookRow {
  readonly number: number | bigint;
  readonly kind: string;
  readonly status: string;
  readonly amount: number | bigint;
  readonly fundId: number | bigint;
  readonly contributorName: string | null;
  readonly recordedBy: string;
  readonly note: string | null;
  readonly createdAt: string | Date;
  readonly sourceKey: string | null;
  readonly reverses: number | bigint | null;
  readonly reversedBy: number | bigint | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
}

const CHAT_TTL_MS = 60_000;
/** More setoran than anyone approves in one sitting; the oldest beyond it wait for the next page load. */
const MAX_PENDING = 500;

/** `%` and `_` typed by people are searched for as themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filter's conditions shared by entries and submissions (`alias` is the table's). */
function conditions(sql: SqlReader, alias: 'e' | 's', filter: BookFilter, before: number | null): Prisma.Sql[] {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const where: Prisma.Sql[] = [];
  if (before !== null) where.push(Prisma.sql`${column('number')} < ${before}`);
  if (filter.fundId !== undefined) where.push(Prisma.sql`${column('fundId')} = ${filter.fundId}`);
  if (filter.from) where.push(Prisma.sql`${column('createdAt')} >= ${sql.time(filter.from)}`);
  if (filter.to) where.push(Prisma.sql`${column('createdAt')} < ${sql.time(filter.to)}`);
  if (filter.text) {
    const pattern = likePattern(filter.text);
    where.push(Prisma.sql`(${column('note')} LIKE ${pattern} ESCAPE '\\' OR ${column('contributorName')} LIKE ${pattern} ESCAPE '\\')`);
  }
  return where;
}

const optionalNumber = (value: number | bigint | null) => (value === null ? null : Number(value));

function toBookRow(row: RawBookRow, funds: ReadonlyMap<number, FundInfo>, source: BookSource | null): BookRow {
  const fund = funds.get(Number(row.fundId));
  if (!fund) throw new WksError('WKS_ERR_STORE', `entry ${row.number} names an unknown fund ${row.fundId}`);
  const status = row.status;
  if (status !== 'posted' && status !== 'menunggu' && status !== 'ditolak') throw new WksError('WKS_ERR_STORE', `unexpected status ${status}`);
  return {
    number: Number(row.number),
    kind: kindOf(row.kind),
    status,
    amount: BigInt(row.amount),
    fund,
    contributorName: row.contributorName,
    recordedBy: row.recordedBy,
    note: row.note,
    createdAt: new Date(row.createdAt),
    source,
    reverses: optionalNumber(row.reverses),
    reversedBy: optionalNumber(row.reversedBy),
    decidedBy: row.decidedBy,
    reason: row.reason,
  };
}

export interface DashboardReadsOptions {
  /** The WKSBM's funds, from the community store's cache. */
  funds(wksbmId: number): Promise<readonly FundInfo[]>;
}

export function createDashboardReads(read: PrismaClient, sql: SqlReader, options: DashboardReadsOptions): DashboardReads {
  // A chat's title changes rarely; a page of rows from the same few chats should not ask each time.
  const titles = createCache<string | null>(CHAT_TTL_MS);

  /** Names the chats the rows came from: from the cache, else in one query for the page. */
  async function sources(keys: readonly (string | null)[]): Promise<(BookSource | null)[]> {
    // A page holds a handful of distinct chats: each is split, looked up and named once.
    const named = new Map<string, BookSource | null>();
    const unknown: { channel: string; chatId: string; key: string }[] = [];
    for (const key of keys) {
      if (key === null || named.has(key)) continue;
      const split = splitKey(key);
      if (!split) named.set(key, null);
      else if (split.channel === 'dasbor') named.set(key, { channel: 'dasbor', chat: null });
      else if (split.chatId.startsWith('private:')) named.set(key, { channel: split.channel, chat: 'pribadi' });
      else {
        const title = titles.get(`${split.channel}:${split.chatId}`);
        if (title === undefined) unknown.push({ ...split, key });
        else named.set(key, { channel: split.channel, chat: title ?? 'pribadi' });
      }
    }
    if (unknown.length) {
      const chats = await read.chat.findMany({
        where: { OR: unknown.map((key) => ({ channel: key.channel, externalId: key.chatId })) },
        select: { channel: true, externalId: true, title: true },
      });
      const found = new Map(chats.map((chat) => [`${chat.channel}:${chat.externalId}`, chat.title ?? chat.externalId]));
      for (const { channel, chatId, key } of unknown) {
        const title = found.get(`${channel}:${chatId}`) ?? null;
        titles.set(`${channel}:${chatId}`, title);
        named.set(key, { channel, chat: title ?? 'pribadi' });
      }
    }
    return keys.map((key) => (key === null ? null : (named.get(key) ?? null)));
  }

  const reads: DashboardReads = {
    version: () => sql.version(),

    async book(wksbmId, filter: BookFilter, before, limit) {
      const entryWhere = [Prisma.sql`e."wksbmId" = ${wksbmId}`, ...conditions(sql, 'e', filter, before)];
      if (filter.kind) entryWhere.push(Prisma.sql`e."kind" = ${filter.kind}`);
      const submissionWhere = [Prisma.sql`s."wksbmId" = ${wksbmId}`, ...conditions(sql, 's', filter, before)];
      submissionWhere.push(filter.status ? Prisma.sql`s."status" = ${filter.status}` : Prisma.sql`s."status" IN ('menunggu', 'ditolak')`);
      const wantEntries = filter.status === undefined || filter.status === 'posted';
      const wantSubmissions = filter.status !== 'posted' && (filter.kind ?? 'setor') === 'setor';
      // Each side walks its (wksbmId, number) index from `before` down and stops after `limit + 1` rows,
      // so a page costs the same on the first day and after a million entries. Two statements merged here
      // rather than one UNION, which would sort both sides again in a temporary tree.
      const parts: Prisma.Sql[] = [];
      if (wantEntries) {
        parts.push(Prisma.sql`SELECT e."number" AS "number", e."kind" AS "kind", 'posted' AS "status", e."amount" AS "amount", e."fundId" AS "fundId",
            e."contributorName" AS "contributorName", rb."name" AS "recordedBy", e."note" AS "note", e."createdAt" AS "createdAt",
            e."sourceKey" AS "sourceKey", orig."number" AS "reverses", rev."number" AS "reversedBy", dec."name" AS "decidedBy", NULL AS "reason"
          FROM "LedgerEntry" e
          JOIN "Person" rb ON rb."id" = e."recordedById"
          LEFT JOIN "LedgerEntry" orig ON orig."id" = e."reversesId"
          LEFT JOIN "LedgerEntry" rev ON rev."reversesId" = e."id"
          LEFT JOIN "Submission" sub ON sub."entryId" = e."id"
          LEFT JOIN "Person" dec ON dec."id" = sub."decidedById"
          WHERE ${Prisma.join(entryWhere, ' AND ')}
          ORDER BY e."number" DESC LIMIT ${limit + 1}`);
      }
      if (wantSubmissions) {
        parts.push(Prisma.sql`SELECT s."number" AS "number", 'setor' AS "kind", s."status" AS "status", s."amount" AS "amount", s."fundId" AS "fundId",
            s."contributorName" AS "contributorName", sb."name" AS "recordedBy", s."note" AS "note", s."createdAt" AS "createdAt",
            s."sourceKey" AS "sourceKey", NULL AS "reverses", NULL AS "reversedBy", dec."name" AS "decidedBy", s."reason" AS "reason"
          FROM "Submission" s
          JOIN "Person" sb ON sb."id" = s."submittedById"
          LEFT JOIN "Person" dec ON dec."id" = s."decidedById"
          WHERE ${Prisma.join(submissionWhere, ' AND ')}
          ORDER BY s."number" DESC LIMIT ${limit + 1}`);
      }
      const rows = (await Promise.all(parts.map((part) => sql.all<RawBookRow>(part)))).flat().sort((a, b) => Number(b.number) - Number(a.number));
      const funds = await options.funds(wksbmId);
      const page = rows.slice(0, limit);
      const named = await sources(page.map((row) => row.sourceKey));
      const fundById = new Map(funds.map((fund) => [fund.id, fund]));
      return {
        rows: page.map((row, index) => toBookRow(row, fundById, named[index]!)),
        next: rows.length > limit ? Number(page.at(-1)!.number) : null,
      };
    },

    async pending(wksbmId) {
      const { rows } = await reads.book(wksbmId, { status: 'menunggu' }, null, MAX_PENDING);
      return [...rows].reverse();
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
  return reads;
}
