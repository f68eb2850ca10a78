import type { FundInfo } from '../core/index.js';
import type {
  AidCategory,
  AidLine,
  FundGroups,
  FundTotals,
  LedgerLine,
  LineGroup,
  MeetingLine,
  ReportModel,
  ReportProfile,
  ReportRequest,
  ReportStore,
  ReportPayload,
  ReportVariant,
} from '../core/index.js';
import { initials, PENGURUS, ppksLabel, reportText } from '../core/index.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { applyOnce } from './once.js';
import { proofsOf } from './report-proofs.js';
import { arisanRoundsOf, santunanOf } from './report-social.js';
import { enqueue, withdraw } from './outbox.js';
import { fundWithAliases, toFundInfo, toWksbmInfo } from './rows.js';
import type { Tx, Writer } from './writer.js';

/** Entries read per query: large enough that Prisma's per-query cost is spread, small enough to stay light. */
const PAGE = 500;
/** Groups shown per side and fund; the rest are summed into one "lain-lain" line. */
const MAX_GROUPS = 15;
/** Ids per `in (…)`: well under every engine's limit on query parameters. */
const ID_SLICE = 500;

interface CaseLink {
  readonly caseId: number;
  readonly category: string;
  readonly subject: string;
  readonly erased: boolean;
}

/** How a person helped is named in a report of this variant; an erased case has no name left to show. */
function recipientName(link: CaseLink, variant: ReportVariant): string {
  if (link.erased) return reportText.erasedRecipient();
  return variant === 'rahasia' ? link.subject : initials(link.subject);
}

/** Groups by the note people wrote; case-free text keeps the label as first written. */
class Grouper {
  private readonly groups = new Map<string, { label: string; count: number; total: bigint }>();

  /** Adds `amount` and `count` entries (corrections add to the total but are not entries of their own). */
  add(label: string, amount: bigint, count: number): void {
    const key = label.toLowerCase();
    const group = this.groups.get(key) ?? { label, count: 0, total: 0n };
    group.total += amount;
    group.count += count;
    this.groups.set(key, group);
  }

  result(): LineGroup[] {
    const all = [...this.groups.values()].filter((group) => group.total !== 0n || group.count > 0);
    all.sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : a.label.localeCompare(b.label)));
    if (all.length <= MAX_GROUPS) return all;
    const rest = all.slice(MAX_GROUPS - 1);
    return [
      ...all.slice(0, MAX_GROUPS - 1),
      {
        label: reportText.otherGroups(rest.length),
        count: rest.reduce((sum, group) => sum + group.count, 0),
        total: rest.reduce((sum, group) => sum + group.total, 0n),
      },
    ];
  }
}

/** "setoran jimpitan  malam" → "Setoran jimpitan malam": a group label from a note. */
function noteLabel(note: string | null): string | null {
  const text = note?.trim().replace(/\s+/g, ' ').slice(0, 60);
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

interface Totals {
  receipts: bigint;
  spending: bigint;
  entries: number;
  readonly receiptGroups: Grouper;
  readonly spendingGroups: Grouper;
}

/** The profile as printed, read through the client or inside a transaction. */
async function readProfile(client: Pick<PrismaClient, 'wksbmProfile' | 'membership'>, wksbmId: number): Promise<ReportProfile> {
  // One after the other: inside a transaction every query shares one connection (see writer.ts).
  const row = await client.wksbmProfile.findUnique({ where: { wksbmId } });
  const holders = await client.membership.findMany({
    where: { wksbmId, role: { in: ['ketua', 'bendahara'] } },
    orderBy: { roleSetAt: 'asc' },
    select: { role: true, person: { select: { name: true } } },
  });
  const holder = (role: string) => holders.find((member) => member.role === role)?.person.name ?? null;
  return {
    desa: row?.desa ?? null,
    kecamatan: row?.kecamatan ?? null,
    kabupaten: row?.kabupaten ?? null,
    ketua: row?.ketuaName ?? holder('ketua'),
    bendahara: row?.bendaharaName ?? holder('bendahara'),
    autoMonthly: row?.autoMonthly ?? true,
  };
}

/** Writes some of a WKSBM's profile, creating its row on first use. */
async function saveProfile(tx: Tx, wksbmId: number, data: Omit<Prisma.WksbmProfileUncheckedCreateInput, 'wksbmId'>): Promise<void> {
  await tx.wksbmProfile.upsert({ where: { wksbmId }, create: { wksbmId, ...data }, update: data });
}

export function createReportStore(read: PrismaClient, writer: Writer): ReportStore {
  async function caseLinks(wksbmId: number): Promise<Map<number, CaseLink>> {
    const rows = await read.caseDisbursement.findMany({
      where: { case: { wksbmId } },
      select: { entryId: true, caseId: true, case: { select: { category: true, subject: true, erasedAt: true } } },
    });
    return new Map(
      rows.map((row) => [
        row.entryId,
        { caseId: row.caseId, category: ppksLabel(row.case.category), subject: row.case.subject, erased: row.case.erasedAt !== null },
      ]),
    );
  }

  const profile = (wksbmId: number) => readProfile(read, wksbmId);

  /**
   * Totals and groups from aggregates rather than a pass over every entry: the engine sums by fund, kind
   * and note; only corrections (a few) and help for cases are read one by one, to put them with the
   * entry they reverse and under "bantuan untuk warga" respectively.
   */
  async function totalsOf(request: ReportRequest, funds: readonly FundInfo[], links: Map<number, CaseLink>) {
    const totals = new Map<number, Totals>(
      funds.map((fund) => [fund.id, { receipts: 0n, spending: 0n, entries: 0, receiptGroups: new Grouper(), spendingGroups: new Grouper() }]),
    );
    const inPeriod = { wksbmId: request.wksbmId, createdAt: { gte: request.period.from, lt: request.period.to } };
    const [counts, byNote, fromMembers] = await Promise.all([
      read.ledgerEntry.groupBy({ by: ['fundId'], where: inPeriod, _count: { _all: true } }),
      read.ledgerEntry.groupBy({
        by: ['fundId', 'kind', 'note'],
        where: { ...inPeriod, kind: { in: ['setor', 'keluar'] } },
        _sum: { amount: true },
        _count: { _all: true },
      }),
      read.ledgerEntry.groupBy({
        by: ['fundId'],
        where: { ...inPeriod, kind: 'setor', note: null, contributorId: { not: null } },
        _sum: { amount: true },
        _count: { _all: true },
      }),
    ]);
    for (const row of counts) totals.get(row.fundId)!.entries = row._count._all;
    const members = new Map(fromMembers.map((row) => [row.fundId, row]));
    for (const row of byNote) {
      const fund = totals.get(row.fundId)!;
      const amount = row._sum.amount ?? 0n;
      if (row.kind === 'setor') {
        fund.receipts += amount;
        const member = row.note === null ? members.get(row.fundId) : undefined;
        if (member) fund.receiptGroups.add(reportText.memberDues(), member._sum.amount ?? 0n, member._count._all);
        fund.receiptGroups.add(
          noteLabel(row.note) ?? reportText.noNote(),
          amount - (member?._sum.amount ?? 0n),
          row._count._all - (member?._count._all ?? 0),
        );
      } else {
        fund.spending -= amount;
        fund.spendingGroups.add(noteLabel(row.note) ?? reportText.noNote(), -amount, row._count._all);
      }
    }
    // Help for cases moves from the group of its note to its own.
    for (const entry of await linkedEntries(request, links)) {
      if (entry.kind !== 'keluar') continue;
      const group = totals.get(entry.fundId)!.spendingGroups;
      group.add(noteLabel(entry.note) ?? reportText.noNote(), entry.amount, -1);
      group.add(reportText.caseAid(), -entry.amount, 1);
    }
    // A correction is grouped and summed with the entry it reverses, negatively.
    let after = 0;
    for (;;) {
      const page = await read.ledgerEntry.findMany({
        where: { ...inPeriod, kind: 'koreksi', id: { gt: after } },
        orderBy: { id: 'asc' },
        take: PAGE,
        select: { id: true, fundId: true, amount: true, reverses: { select: { id: true, kind: true, note: true, contributorId: true } } },
      });
      for (const entry of page) {
        const fund = totals.get(entry.fundId)!;
        const original = entry.reverses!;
        if (original.kind === 'setor') {
          fund.receipts += entry.amount;
          const label = noteLabel(original.note) ?? (original.contributorId !== null ? reportText.memberDues() : reportText.noNote());
          fund.receiptGroups.add(label, entry.amount, 0);
        } else {
          fund.spending -= entry.amount;
          const label = links.has(original.id) ? reportText.caseAid() : (noteLabel(original.note) ?? reportText.noNote());
          fund.spendingGroups.add(label, -entry.amount, 0);
        }
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    return totals;
  }

  /** The period's entries linked to cases, read by id in slices (a query's parameters are bounded). */
  async function linkedEntries(request: ReportRequest, links: Map<number, CaseLink>) {
    const ids = [...links.keys()].sort((a, b) => a - b);
    const entries = [];
    for (let start = 0; start < ids.length; start += ID_SLICE) {
      entries.push(
        ...(await read.ledgerEntry.findMany({
          where: { id: { in: ids.slice(start, start + ID_SLICE) }, createdAt: { gte: request.period.from, lt: request.period.to } },
          orderBy: { id: 'asc' },
          select: { id: true, number: true, kind: true, fundId: true, amount: true, note: true, createdAt: true, reversedBy: { select: { id: true } } },
        })),
      );
    }
    return entries;
  }

  async function aidOf(request: ReportRequest, links: Map<number, CaseLink>, funds: Map<number, FundInfo>) {
    // A disbursement later corrected was a mistake: it is not help given.
    const entries = (await linkedEntries(request, links)).filter((entry) => entry.kind === 'keluar' && entry.reversedBy === null);
    const lines: AidLine[] = entries.map((entry) => {
      const link = links.get(entry.id)!;
      return {
        at: entry.createdAt,
        entryNumber: entry.number,
        caseNumber: link.caseId,
        category: link.category,
        recipient: recipientName(link, request.variant),
        fund: funds.get(entry.fundId)!,
        amount: -entry.amount,
      };
    });
    const byCategory = new Map<string, { count: number; cases: Set<number>; totals: Map<number, bigint> }>();
    for (const line of lines) {
      const group = byCategory.get(line.category) ?? { count: 0, cases: new Set(), totals: new Map() };
      group.count++;
      group.cases.add(line.caseNumber);
      group.totals.set(line.fund.id, (group.totals.get(line.fund.id) ?? 0n) + line.amount);
      byCategory.set(line.category, group);
    }
    const categories: AidCategory[] = [...byCategory.entries()]
      .map(([category, group]) => ({
        category,
        count: group.count,
        cases: group.cases.size,
        totals: [...group.totals.entries()].sort(([a], [b]) => a - b).map(([fundId, total]) => ({ fund: funds.get(fundId)!, total })),
      }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
    return { categories, lines };
  }

  async function meetingsOf(request: ReportRequest): Promise<MeetingLine[]> {
    const rows = await read.meetingOccurrence.findMany({
      where: { wksbmId: request.wksbmId, startsAt: { gte: request.period.from, lt: request.period.to } },
      orderBy: { startsAt: 'asc' },
      select: {
        number: true,
        startsAt: true,
        place: true,
        status: true,
        minutes: true,
        meeting: { select: { kind: true } },
        rsvps: { select: { answer: true } },
        _count: { select: { attendance: true } },
      },
    });
    return rows.map((row) => ({
      number: row.number,
      startsAt: row.startsAt,
      kind: row.meeting.kind === 'rutin' ? 'rutin' : 'insidental',
      place: row.place,
      cancelled: row.status === 'batal',
      attended: row._count.attendance,
      rsvpHadir: row.rsvps.filter((rsvp) => rsvp.answer === 'hadir').length,
      rsvpIzin: row.rsvps.filter((rsvp) => rsvp.answer === 'izin').length,
      minutes: row.minutes?.split('\n').find((line) => line.trim())?.trim().slice(0, 200) ?? null,
    }));
  }

  return {
    profile,

    async report(request) {
      const { wksbmId, period } = request;
      const [wksbm, fundRows, openings, links, pendingSubmissions, meetings, printed] = await Promise.all([
        read.wksbm.findUniqueOrThrow({ where: { id: wksbmId } }),
        read.fund.findMany({ where: { wksbmId }, include: fundWithAliases, orderBy: { id: 'asc' } }),
        read.ledgerEntry.groupBy({ by: ['fundId'], where: { wksbmId, createdAt: { lt: period.from } }, _sum: { amount: true } }),
        caseLinks(wksbmId),
        read.submission.count({ where: { wksbmId, status: 'menunggu', createdAt: { gte: period.from, lt: period.to } } }),
        meetingsOf(request),
        profile(wksbmId),
      ]);
      const funds = fundRows.map(toFundInfo);
      const totals = await totalsOf(request, funds, links);
      const opening = new Map(openings.map((row) => [row.fundId, row._sum.amount ?? 0n]));
      const fundTotals: FundTotals[] = funds.map((fund) => {
        const sums = totals.get(fund.id)!;
        const start = opening.get(fund.id) ?? 0n;
        return {
          fund,
          opening: start,
          receipts: sums.receipts,
          spending: sums.spending,
          closing: start + sums.receipts - sums.spending,
          entries: sums.entries,
        };
      });
      const groups: FundGroups[] = funds.map((fund) => ({
        fund,
        receipts: totals.get(fund.id)!.receiptGroups.result(),
        spending: totals.get(fund.id)!.spendingGroups.result(),
      }));
      const fundById = new Map(funds.map((fund) => [fund.id, fund]));
      const [arisan, santunan, proofs] = await Promise.all([
        arisanRoundsOf(read, request),
        santunanOf(read, request, fundById),
        proofsOf(read, request, fundById, links),
      ]);
      const model: ReportModel = {
        wksbm: toWksbmInfo(wksbm),
        profile: printed,
        period,
        variant: request.variant,
        madeAt: request.madeAt,
        funds: fundTotals,
        groups,
        aid: await aidOf(request, links, fundById),
        meetings,
        arisan,
        santunan,
        proofs,
        pendingSubmissions,
      };
      return model;
    },

    async *lines(model, totals) {
      const links = await caseLinks(model.wksbm.id);
      let balance = totals.opening;
      let after = 0;
      for (;;) {
        const page = await read.ledgerEntry.findMany({
          where: { fundId: totals.fund.id, createdAt: { gte: model.period.from, lt: model.period.to }, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: PAGE,
          select: {
            id: true,
            number: true,
            kind: true,
            amount: true,
            note: true,
            contributorName: true,
            createdAt: true,
            reverses: { select: { id: true, number: true, kind: true } },
          },
        });
        for (const entry of page) {
          balance += entry.amount;
          const originalId = entry.reverses?.id ?? entry.id;
          const link = links.get(originalId);
          const receipt = (entry.reverses?.kind ?? entry.kind) === 'setor';
          const kind = entry.kind === 'setor' || entry.kind === 'keluar' ? entry.kind : 'koreksi';
          const line: LedgerLine = {
            number: entry.number,
            at: entry.createdAt,
            kind,
            // What the bendahara wrote about help to a person may name them: the group version says only the category.
            description: reportText.lineDescription({
              kind,
              note: link && model.variant === 'grup' ? null : entry.note,
              reverses: entry.reverses?.number ?? null,
              aidCategory: link?.category ?? null,
            }),
            party: link ? recipientName(link, model.variant) : entry.contributorName,
            in: receipt ? entry.amount : 0n,
            out: receipt ? 0n : -entry.amount,
            balance,
            reverses: entry.reverses?.number ?? null,
          };
          yield line;
        }
        if (page.length < PAGE) break;
        after = page.at(-1)!.id;
      }
    },

    async pengurusOf(personId) {
      const rows = await read.membership.findMany({
        where: { personId, role: { in: [...PENGURUS] } },
        include: { wksbm: true },
        orderBy: { wksbmId: 'asc' },
      });
      return rows.map((row) => toWksbmInfo(row.wksbm));
    },

    setProfile(once, { wksbmId, field, value }, render) {
      const column = { desa: 'desa', kecamatan: 'kecamatan', kabupaten: 'kabupaten', ketua: 'ketuaName', bendahara: 'bendaharaName' }[field];
      return applyOnce(
        writer,
        once,
        async (tx) => {
          await saveProfile(tx, wksbmId, { updatedById: once.personId, [column]: value });
          return readProfile(tx, wksbmId);
        },
        render,
      );
    },

    setAutoMonthly(once, { wksbmId, on }, render) {
      return applyOnce(
        writer,
        once,
        async (tx) => {
          await saveProfile(tx, wksbmId, { updatedById: once.personId, autoMonthly: on });
          if (!on) await withdraw(tx, [monthlySubject(wksbmId)], new Date());
        },
        render,
      );
    },

    sendFiles(once, { chat, request }, render) {
      const payload: ReportPayload = reportPayload(request, false);
      return applyOnce(
        writer,
        once,
        async (tx) => {
          await enqueue(tx, [
            {
              dedupeKey: `laporan:${once.key}`,
              channel: chat.channel,
              chatId: chat.id,
              subject: `laporan:${request.wksbmId}`,
              payload,
              dueAt: request.madeAt,
              notAfter: null,
            },
          ]);
        },
        render,
      );
    },
  };
}

export const monthlySubject = (wksbmId: number) => `laporan-bulanan:${wksbmId}`;

/** The outbox payload that makes a report again when it is sent. */
export function reportPayload(request: ReportRequest, monthly: boolean): ReportPayload {
  const { period } = request;
  return {
    kind: 'report',
    wksbmId: request.wksbmId,
    variant: request.variant,
    monthly,
    madeAt: request.madeAt.getTime(),
    period: { from: period.from.getTime(), to: period.to.getTime(), label: period.label, slug: period.slug, partial: period.partial },
  };
}
