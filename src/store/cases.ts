import {
  canMove,
  CASE_STATUSES,
  type CaseMoveOutcome,
  type CaseParties,
  type CaseStatus,
  type CaseStore,
  type CaseSummary,
  type CaseView,
  type DisburseOutcome,
  type EraseOutcome,
  OPEN_STATUSES,
  type SubmitOutcome,
  URGENCIES,
  type Urgency,
  URGENCY_RANK,
  type WksbmInfo,
  WksError,
} from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { postEntry } from './ledger.js';
import { applyOnce } from './once.js';
import { fundWithAliases, toFundInfo, toWksbmInfo } from './rows.js';
import type { MembershipReads } from './community.js';
import type { PengurusChatStore } from './pengurus-chats.js';
import type { ReportDraftStore } from './report-drafts.js';
import type { Tx, Writer } from './writer.js';

const toStatus = (value: string): CaseStatus => {
  if (!(CASE_STATUSES as readonly string[]).includes(value)) throw new WksError('WKS_ERR_STORE', `unknown case status ${value}`);
  return value as CaseStatus;
};
const toUrgency = (value: string): Urgency => {
  if (!(URGENCIES as readonly string[]).includes(value)) throw new WksError('WKS_ERR_STORE', `unknown urgency ${value}`);
  return value as Urgency;
};

interface CaseRow {
  id: number;
  wksbmId: number;
  category: string;
  subject: string;
  urgency: string;
  status: string;
  createdAt: Date;
  reporterId: number | null;
}

/**
 * The reporter acts in a case's first event (the report) and in a withdrawal. Of an anonymous or erased
 * case those events say "pelapor", so the name cannot be read from the history either.
 */
const hidesReporter = (row: { anonymous: boolean; erasedAt: Date | null }, event: { fromStatus: string | null; toStatus: string }) =>
  (row.anonymous || row.erasedAt !== null) && (event.fromStatus === null || event.toStatus === 'dibatalkan');

/** The case rows: reports, their status changes, erasure and the help given from a fund. */
export type CaseRows = Omit<CaseStore, keyof ReportDraftStore | keyof PengurusChatStore | keyof MembershipReads | 'earlierAnswer'>;

export function createCaseRows(read: PrismaClient, writer: Writer): CaseRows {
  async function wksbmsById(client: PrismaClient | Tx, ids: readonly number[]): Promise<Map<number, WksbmInfo>> {
    const rows = await client.wksbm.findMany({ where: { id: { in: [...new Set(ids)] } } });
    return new Map(rows.map((row) => [row.id, toWksbmInfo(row)]));
  }

  function summary(row: CaseRow, wksbm: WksbmInfo): CaseSummary {
    return {
      number: row.id,
      wksbm,
      category: row.category,
      subject: row.subject,
      urgency: toUrgency(row.urgency),
      status: toStatus(row.status),
      createdAt: row.createdAt,
    };
  }

  async function parties(tx: Tx, row: CaseRow): Promise<CaseParties> {
    const wksbm = await tx.wksbm.findUniqueOrThrow({ where: { id: row.wksbmId } });
    return { number: row.id, wksbm: toWksbmInfo(wksbm), reporterId: row.reporterId };
  }

  /** Moves a case from what this transaction read, with its event; the status rule is the core's. */
  async function transition(tx: Tx, row: CaseRow, to: CaseStatus, byId: number, note: string | null): Promise<CaseMoveOutcome> {
    const from = toStatus(row.status);
    if (!canMove(from, to)) return { ok: false, reason: 'not-allowed', status: from };
    await tx.case.update({ where: { id: row.id }, data: { status: to } });
    await tx.caseEvent.create({ data: { caseId: row.id, fromStatus: from, toStatus: to, note, byId } });
    return { ok: true, case: await parties(tx, row), from, to };
  }

  return {
    submit(once, { chat, report }, render) {
      return applyOnce<SubmitOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.case.create({ data: { ...report, reporterId: once.personId } });
          await tx.caseEvent.create({ data: { caseId: row.id, fromStatus: null, toStatus: 'baru', byId: once.personId } });
          await tx.reportDraft.deleteMany({ where: { channel: chat.channel, chatId: chat.id } });
          return { ok: true, case: await parties(tx, row), category: row.category, urgency: toUrgency(row.urgency) };
        },
        render,
      );
    },

    async openCases(scope) {
      const rows = await read.case.findMany({
        where: { wksbmId: { in: [...scope] }, status: { in: [...OPEN_STATUSES] } },
        orderBy: { id: 'asc' },
      });
      const wksbms = await wksbmsById(read, rows.map((row) => row.wksbmId));
      return rows
        .map((row) => summary(row, wksbms.get(row.wksbmId)!))
        .sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.number - b.number);
    },

    async casePage(scope, { statuses, before, limit }) {
      const rows = await read.case.findMany({
        where: { wksbmId: { in: [...scope] }, status: { in: [...statuses] }, ...(before === null ? {} : { id: { lt: before } }) },
        orderBy: { id: 'desc' },
        take: limit + 1,
      });
      const wksbms = await wksbmsById(read, rows.map((row) => row.wksbmId));
      const page = rows.slice(0, limit);
      return { rows: page.map((row) => summary(row, wksbms.get(row.wksbmId)!)), next: rows.length > limit ? page.at(-1)!.id : null };
    },

    async view(scope, number): Promise<CaseView | null> {
      const row = await read.case.findFirst({
        where: { id: number, wksbmId: { in: [...scope] } },
        include: { events: { orderBy: { id: 'asc' } }, disbursements: { orderBy: { id: 'asc' } } },
      });
      if (!row) return null;
      const entries = await read.ledgerEntry.findMany({
        where: { id: { in: row.disbursements.map((given) => given.entryId) } },
        include: { fund: { include: fundWithAliases } },
        orderBy: { number: 'asc' },
      });
      const names = new Map(
        (
          await read.person.findMany({
            where: { id: { in: [...row.events.map((event) => event.byId), ...(row.reporterId ? [row.reporterId] : [])] } },
            select: { id: true, name: true },
          })
        ).map((person) => [person.id, person.name]),
      );
      const wksbm = (await wksbmsById(read, [row.wksbmId])).get(row.wksbmId)!;
      return {
        ...summary(row, wksbm),
        location: row.location,
        description: row.description,
        hasPhoto: row.photoRef !== null,
        anonymous: row.anonymous,
        // The reporter of an anonymous case is never read into a view, so no reply can show them.
        reporterName: row.anonymous || row.reporterId === null ? null : (names.get(row.reporterId) ?? null),
        erased: row.erasedAt !== null,
        events: row.events.map((event) => ({
          from: event.fromStatus === null ? null : toStatus(event.fromStatus),
          to: toStatus(event.toStatus),
          note: event.note,
          by: hidesReporter(row, event) ? 'pelapor' : (names.get(event.byId) ?? '-'),
          at: event.createdAt,
        })),
        disbursements: entries.map((entry) => ({
          entryNumber: entry.number,
          fund: toFundInfo(entry.fund),
          amount: -entry.amount,
          at: entry.createdAt,
        })),
      };
    },

    move(once, { scope, number, to, note }, render) {
      return applyOnce<CaseMoveOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.case.findFirst({ where: { id: number, wksbmId: { in: [...scope] } } });
          return row ? transition(tx, row, to, once.personId, note) : { ok: false, reason: 'not-found' };
        },
        render,
      );
    },

    withdraw(once, { number }, render) {
      return applyOnce<CaseMoveOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.case.findFirst({ where: { id: number, reporterId: once.personId } });
          return row ? transition(tx, row, 'dibatalkan', once.personId, null) : { ok: false, reason: 'not-found' };
        },
        render,
      );
    },

    erase(once, { scope, number, placeholder, note }, render) {
      return applyOnce<EraseOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.case.findFirst({ where: { id: number, wksbmId: { in: [...scope] } } });
          if (!row) return { ok: false, reason: 'not-found' };
          if (row.erasedAt) return { ok: false, reason: 'already-erased' };
          const gone = placeholder;
          await tx.case.update({
            where: { id: row.id },
            data: { subject: gone, location: gone, description: gone, photoRef: null, reporterId: null, erasedAt: new Date() },
          });
          // Notes may name the person too; who acted and when stay for the accounts.
          await tx.caseEvent.updateMany({ where: { caseId: row.id, note: { not: null } }, data: { note: gone } });
          await tx.caseEvent.create({
            data: { caseId: row.id, fromStatus: row.status, toStatus: row.status, note, byId: once.personId },
          });
          return { ok: true, case: { ...(await parties(tx, row)), reporterId: null } };
        },
        render,
      );
    },

    disburse(once, { caseNumber, posting }, render) {
      return applyOnce<DisburseOutcome>(
        writer,
        once,
        async (tx) => {
          const row = await tx.case.findFirst({ where: { id: caseNumber, wksbmId: posting.wksbmId }, select: { id: true } });
          if (!row) return { ok: false, reason: 'case-not-found' };
          const fund = await tx.fund.findUniqueOrThrow({ where: { id: posting.fundId }, select: { wksbmId: true } });
          if (posting.kind !== 'keluar' || posting.pending || fund.wksbmId !== posting.wksbmId || posting.amount <= 0n) {
            throw new WksError('WKS_ERR_INVARIANT', `disbursement from fund ${posting.fundId} of wksbm ${posting.wksbmId} is malformed`);
          }
          const posted = await postEntry(tx, {
            wksbmId: posting.wksbmId,
            fundId: posting.fundId,
            kind: 'keluar',
            amount: -posting.amount,
            recordedById: once.personId,
            note: posting.note,
            sourceKey: once.key,
          });
          if (!posted.ok) return posted;
          await tx.caseDisbursement.create({ data: { caseId: row.id, entryId: posted.id } });
          return { ok: true, status: 'posted', number: posted.number, balanceAfter: posted.balanceAfter };
        },
        render,
      );
    },
  };
}
