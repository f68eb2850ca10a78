import type { FundInfo, WksbmInfo } from '../shared/ports.js';
import type { ReportPeriod } from './period.js';

/**
 * The report read model: the numbers of one WKSBM over one period, built once by the store and rendered
 * as the chat summary, the PDF, the XLSX, the CSV and the dashboard's pages. Every amount is in its
 * fund's unit (rupiah, grams, millilitres) and is never added across funds.
 *
 * Only posted ledger entries are money: contributions still waiting for a ketua/bendahara, or refused,
 * never enter a total (`pendingSubmissions` only counts the waiting ones so the reader knows).
 *
 * A koreksi counts on the side of the entry it reverses, negatively: correcting a Rp10.000 setor lowers
 * the period's penerimaan by Rp10.000 instead of adding Rp10.000 of pengeluaran. So penerimaan is what
 * really came in, and the buku kas columns add up to the ringkasan.
 */

/** `grup` is fit for the group chat (people helped by category and initials); `rahasia` names them. */
export type ReportVariant = 'grup' | 'rahasia';

/** What the kop and the signature blocks print; blanks where the pengurus have not set them (/profil). */
export interface ReportProfile {
  readonly desa: string | null;
  readonly kecamatan: string | null;
  readonly kabupaten: string | null;
  /** The name set with /profil, else the member who holds the role now. */
  readonly ketua: string | null;
  readonly bendahara: string | null;
  readonly autoMonthly: boolean;
}

export interface FundTotals {
  readonly fund: FundInfo;
  /** Balance at the period's start: every posted entry before it. */
  readonly opening: bigint;
  /** Setoran of the period, less the corrections of setoran. */
  readonly receipts: bigint;
  /** Pengeluaran of the period (positive), less the corrections of pengeluaran. */
  readonly spending: bigint;
  /** opening + receipts − spending: the balance at the period's end. */
  readonly closing: bigint;
  /** Posted entries in the period, corrections included: the buku kas lines. */
  readonly entries: number;
}

/** Receipts or spending sharing a source or purpose (the note people wrote), with their total. */
export interface LineGroup {
  readonly label: string;
  readonly count: number;
  readonly total: bigint;
}

export interface FundGroups {
  readonly fund: FundInfo;
  readonly receipts: readonly LineGroup[];
  readonly spending: readonly LineGroup[];
}

/** Help given for reports of people in need (`/keluar … kasus n`), by PPKS category. */
export interface AidCategory {
  readonly category: string;
  /** Disbursements (ledger entries), and the distinct cases they went to. */
  readonly count: number;
  readonly cases: number;
  readonly totals: readonly { readonly fund: FundInfo; readonly total: bigint }[];
}

export interface AidLine {
  readonly at: Date;
  readonly entryNumber: number;
  readonly caseNumber: number;
  readonly category: string;
  /** `grup`: initials only ("M.K."); `rahasia`: the name as reported. */
  readonly recipient: string;
  readonly fund: FundInfo;
  /** Positive, in the fund's unit. */
  readonly amount: bigint;
}

/**
 * An arisan round drawn in the period: the pot its members paid and who took it. Arisan is the members'
 * own rotating savings, drawn in the group, so the winner is named in both variants.
 */
export interface ArisanRoundLine {
  readonly at: Date;
  readonly arisan: string;
  readonly round: number;
  readonly winner: string;
  /** The share ("nomor") drawn. */
  readonly share: number;
  readonly pot: bigint;
  /** The payout entry (null when nobody had paid); `reversedBy` is the koreksi that undid it. */
  readonly entryNumber: number | null;
  readonly reversedBy: number | null;
}

/** A santunan duka paid in the period (and not corrected). The deceased's family is helped: `grup` shows initials. */
export interface SantunanLine {
  readonly at: Date;
  readonly entryNumber: number;
  readonly dukaNumber: number;
  /** `grup`: initials only; `rahasia`: the name as recorded. */
  readonly deceased: string;
  readonly fund: FundInfo;
  readonly amount: bigint;
}

/**
 * A proof photo (bukti/nota) of a setor or keluar posted in the period, one line per photo: the entry it
 * proves and the start of its SHA-256, by which anyone holding the photo (`/bukti <no>`) can check it is
 * the one the report lists.
 */
export interface ProofLine {
  readonly entryNumber: number;
  readonly at: Date;
  readonly fund: FundInfo;
  readonly kind: 'setor' | 'keluar';
  /** Positive, in the fund's unit. */
  readonly amount: bigint;
  /** As the buku kas describes the entry (help to a person by category only in the group version). */
  readonly description: string;
  /** The photo's SHA-256, hex. */
  readonly sha256: string;
}

export interface MeetingLine {
  readonly number: number;
  readonly startsAt: Date;
  readonly kind: 'rutin' | 'insidental';
  readonly place: string;
  readonly cancelled: boolean;
  /** People recorded present with /absen. */
  readonly attended: number;
  readonly rsvpHadir: number;
  readonly rsvpIzin: number;
  /** The first line of the notulen, if any was written. */
  readonly minutes: string | null;
}

export interface ReportModel {
  readonly wksbm: WksbmInfo;
  readonly profile: ReportProfile;
  readonly period: ReportPeriod;
  readonly variant: ReportVariant;
  readonly madeAt: Date;
  readonly funds: readonly FundTotals[];
  readonly groups: readonly FundGroups[];
  readonly aid: { readonly categories: readonly AidCategory[]; readonly lines: readonly AidLine[] };
  readonly meetings: readonly MeetingLine[];
  readonly arisan: readonly ArisanRoundLine[];
  readonly santunan: readonly SantunanLine[];
  /** Proof photos of the period's entries, by entry number. */
  readonly proofs: readonly ProofLine[];
  /** Contributions of the period still waiting for confirmation: not money yet, not in any total. */
  readonly pendingSubmissions: number;
}

/** One line of the buku kas: a posted entry with the fund's balance after it. */
export interface LedgerLine {
  readonly number: number;
  readonly at: Date;
  readonly kind: 'setor' | 'keluar' | 'koreksi';
  /** Uraian: the note, or for a correction which entry it reverses and why. */
  readonly description: string;
  /** Dari/kepada: who gave it; for help to a case, the recipient as the variant allows. */
  readonly party: string | null;
  /** Masuk and keluar as the columns show them; a correction is negative on its original's side. */
  readonly in: bigint;
  readonly out: bigint;
  readonly balance: bigint;
  /** koreksi: the number of the entry it reverses. */
  readonly reverses: number | null;
}

export interface ReportRequest {
  readonly wksbmId: number;
  readonly period: ReportPeriod;
  readonly variant: ReportVariant;
  readonly madeAt: Date;
}

/**
 * The read side the report needs. Implemented in `src/store/report.ts`; the dashboard uses it too.
 * `report` reads the period once to total it; `lines` reads it again, a page at a time, so a year of
 * 100,000 entries is never held in memory: renderers consume the lines as they write.
 */
export interface ReportQuery {
  report(request: ReportRequest): Promise<ReportModel>;
  /** The fund's buku kas lines of the period, in posting order, with the running balance from `opening`. */
  lines(model: ReportModel, fund: FundTotals): AsyncIterable<LedgerLine>;
}
