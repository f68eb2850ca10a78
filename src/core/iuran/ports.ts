import type { Reply } from '../shared/message.js';
import type { Posting } from '../ledger/ports.js';
import type { FundInfo, Once, PersonInfo, Render, WksbmInfo } from '../shared/ports.js';
import type { IuranTerms, Tenure } from './dues.js';
import type { LevyEffect } from '../duka/ports.js';
import type { PeriodIndex } from './period.js';

/**
 * Ports of households and iuran. Same rules as ../ports.ts: every write takes a `Once` and a `render`
 * and is applied at most once per inbound message; `at` is the command's instant (the core's clock),
 * which decides the current period.
 */

/** A household as the roster lists it. */
export interface HouseholdSummary {
  readonly id: number;
  readonly name: string;
  readonly address: string | null;
  readonly since: string;
  readonly leftOn: string | null;
}

export interface HouseholdInfo extends HouseholdSummary {
  readonly members: readonly PersonInfo[];
}

export interface IuranInfo extends IuranTerms {
  readonly id: number;
  readonly fund: FundInfo;
  readonly reminderDay: number | null;
}

/** A household's paid total on one iuran (net of corrections). Households without a row paid nothing. */
export interface AccountInfo {
  readonly householdId: number;
  readonly iuranId: number;
  readonly paid: bigint;
}

/** Everything /tunggakan and /iuran saya read, in a few queries. */
export interface IuranBook {
  readonly households: readonly HouseholdSummary[];
  readonly iurans: readonly IuranInfo[];
  readonly accounts: readonly AccountInfo[];
  readonly showNames: boolean;
}

/**
 * Households of one tenure that paid the same on one iuran, counted: a group's /tunggakan needs how many
 * are paid up, never who, so a roster of 500 KK comes as a few such rows.
 */
export interface RosterGroup extends Tenure {
  readonly iuranId: number;
  readonly paid: bigint;
  readonly households: number;
}

/** Everything the group reading of /tunggakan reads. */
export interface PaidUpRoster {
  readonly iurans: readonly IuranInfo[];
  readonly groups: readonly RosterGroup[];
  readonly showNames: boolean;
}

/** What a payment did: the periods it completed, one left partly paid, and the credit after it. */
export interface PaymentEffect {
  readonly household: { readonly id: number; readonly name: string };
  readonly iuran: IuranInfo;
  /** Periods that became fully paid, oldest first. */
  readonly completed: readonly PeriodIndex[];
  /** A period paid in part, after this payment. */
  readonly partial: PeriodIndex | null;
  readonly credit: bigint;
}

export type PayOutcome =
  | {
      readonly ok: true;
      readonly status: 'posted';
      readonly number: number;
      readonly balanceAfter: bigint;
      readonly effect: PaymentEffect | null;
      /** What went to the household's duka levy, paid before its iuran. */
      readonly levy: LevyEffect | null;
    }
  | { readonly ok: true; readonly status: 'pending'; readonly number: number };

export type RoundOutcome = {
  readonly number: number;
  readonly balanceAfter: bigint;
  readonly households: number;
  readonly total: bigint;
};

export type AddHouseholdOutcome =
  | { readonly ok: true; readonly household: HouseholdInfo }
  | { readonly ok: false; readonly reason: 'taken'; readonly household: HouseholdInfo };

export type JoinOutcome = { readonly previous: HouseholdInfo | null; readonly household: HouseholdInfo };

export type AddIuranOutcome =
  | { readonly ok: true; readonly iuran: IuranInfo }
  | { readonly ok: false; readonly reason: 'exists'; readonly iuran: IuranInfo };

export type ChangeRateOutcome = { readonly ok: true; readonly iuran: IuranInfo } | { readonly ok: false; readonly reason: 'no-iuran' };

export interface IuranStore {
  households(wksbmId: number): Promise<readonly HouseholdInfo[]>;
  iurans(wksbmId: number): Promise<readonly IuranInfo[]>;
  /**
   * Whether money put into the fund is paid by a household: the fund has an iuran, or the duka levy is
   * paid into it. Every /setor asks, and most funds are neither: one read answers it.
   */
  paidByHousehold(wksbmId: number, fundId: number): Promise<boolean>;
  /** The WKSBM's book, or only one household's part of it (its own /iuran saya). */
  book(wksbmId: number, householdId?: number): Promise<IuranBook>;
  /** The roster as counts per tenure and amount paid, for the counts a group sees. */
  paidUpRoster(wksbmId: number): Promise<PaidUpRoster>;
  /** The household a person belongs to in each WKSBM. */
  householdsOf(personId: number): Promise<readonly { readonly wksbm: WksbmInfo; readonly household: HouseholdInfo }[]>;

  addHousehold(
    once: Once,
    input: { wksbmId: number; name: string; address: string | null; since: string },
    render: Render<AddHouseholdOutcome>,
  ): Promise<readonly Reply[]>;
  /** Puts a person in a household, moving them out of the one they were in. */
  join(once: Once, input: { wksbmId: number; householdId: number; personId: number }, render: Render<JoinOutcome>): Promise<readonly Reply[]>;
  /** The household leaves the roster after `leftOn`, a day of the current period or later. */
  leave(once: Once, input: { householdId: number; leftOn: string }, render: Render<HouseholdInfo>): Promise<readonly Reply[]>;

  addIuran(
    once: Once,
    input: { wksbmId: number; fundId: number; terms: IuranTerms },
    render: Render<AddIuranOutcome>,
  ): Promise<readonly Reply[]>;
  /** A new amount from a period that has not begun (0 stops the iuran). */
  changeRate(once: Once, input: { iuranId: number; from: PeriodIndex; amount: bigint }, render: Render<ChangeRateOutcome>): Promise<readonly Reply[]>;
  setReminder(once: Once, input: { iuranId: number; day: number | null }, render: Render<IuranInfo>): Promise<readonly Reply[]>;
  setShowNames(once: Once, input: { wksbmId: number; show: boolean }, render: Render<boolean>): Promise<readonly Reply[]>;

  /**
   * A /setor, for one household when `household` is given: its duka levy first when the fund takes it
   * (oldest death first), then its iuran (`iuranId`, when the fund has one) oldest unpaid period first (or, pending, allocated when confirmed). `notifyChat` is the private chat a perantau
   * sent it from, told when it is decided.
   */
  pay(
    once: Once,
    input: {
      posting: Posting;
      household: { readonly householdId: number; readonly iuranId: number | null } | null;
      at: Date;
      notifyChat: string | null;
      /** A pending setoran from a private chat is announced in the WKSBM's groups with this message. */
      groupNotice?: (number: number) => Reply;
    },
    render: Render<PayOutcome>,
  ): Promise<readonly Reply[]>;
  /** The nightly jimpitan round: one entry for the total, each named household paying `each`. */
  round(
    once: Once,
    input: { wksbmId: number; iuranId: number; fundId: number; householdIds: readonly number[]; each: bigint; total: bigint; note: string; at: Date },
    render: Render<RoundOutcome>,
  ): Promise<readonly Reply[]>;
}

export type ReminderRender = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly why: string };

/** The scheduler's side of iuran: planning the day's reminders, and rendering one when it is sent. */
export interface IuranReminderPlanner {
  /** Plans the reminders of every iuran whose reminder day has come and that are not planned yet. */
  planReminders(now: Date): Promise<number>;
  /** A household's reminder as it is now; not sent when the household has paid since it was planned. */
  renderReminder(input: { iuranId: number; householdId: number }, now: Date): Promise<ReminderRender>;
}
