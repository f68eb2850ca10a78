import type { Reply } from '../shared/message.js';
import type { FundInfo, Once, Render } from '../shared/ports.js';
import type { HouseholdSummary } from '../iuran/ports.js';
import type { LevyEvent, LevyStanding } from './levy.js';

/** The announcement's wording: the pengurus chooses it, it is never guessed from a name. */
export const DUKA_FORMS = ['islam', 'netral'] as const;
export type DukaForm = (typeof DUKA_FORMS)[number];

export interface SantunanView {
  readonly entryNumber: number;
  readonly amount: bigint;
  readonly at: Date;
  /** The koreksi that reversed it, if any. */
  readonly reversedBy: number | null;
}

export interface DukaEventView {
  readonly number: number;
  readonly name: string;
  /** The calendar day of death, YYYY-MM-DD. */
  readonly diedOn: string;
  readonly address: string | null;
  readonly form: DukaForm;
  /** What each household on the roster that day owes for it (0: no levy). */
  readonly levy: bigint;
  readonly createdAt: Date;
  readonly santunan: readonly SantunanView[];
}

/** A death just recorded, with the name of the fund its levy is paid into (null: no levy). */
export type RecordedDuka = DukaEventView & { readonly levyFund: string | null };

export interface NewDukaEvent {
  readonly wksbmId: number;
  readonly name: string;
  readonly diedOn: string;
  readonly address: string | null;
  readonly form: DukaForm;
}

export type SantunanOutcome =
  | { readonly ok: true; readonly event: DukaEventView; readonly entryNumber: number; readonly balanceAfter: bigint }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'insufficient'; readonly balance: bigint };

/** The WKSBM's levy per household for every death recorded from now on, and the fund it is paid into. */
export interface LevySetting {
  readonly amount: bigint;
  readonly fund: FundInfo;
}

/** Everything /tunggakan and the reminders read of the levy, in a few queries. */
export interface LevyBook {
  readonly setting: LevySetting | null;
  /** Deaths with a levy, oldest first. */
  readonly events: readonly LevyEvent[];
  readonly households: readonly HouseholdSummary[];
  /** Net paid per household; households without a row paid nothing. */
  readonly paid: readonly { readonly householdId: number; readonly paid: bigint }[];
}

/** What a payment did to a household's levy, told with the /setor reply. */
export interface LevyEffect {
  readonly household: { readonly id: number; readonly name: string };
  readonly fund: FundInfo;
  /** The part of the payment that went to the levy. */
  readonly amount: bigint;
  readonly standing: LevyStanding;
}

/** The scheduler's side of the levy: a household's reminder, rendered when it is sent. */
export interface LevyReminderPlanner {
  renderLevyReminder(input: { wksbmId: number; householdId: number }, now: Date): Promise<{ ok: true; text: string } | { ok: false; why: string }>;
}

/** The rukun duka port; writes follow the ledger's rules (one transaction, at most once per message). */
export interface DukaStore {
  /** Records the death with the levy then in force, and plans the households' private levy reminders. */
  record(once: Once, event: NewDukaEvent, at: Date, render: Render<RecordedDuka>): Promise<readonly Reply[]>;
  /** Pays from `fundId` (the kematian fund) to the family, linked to the event, in one transaction. */
  santunan(
    once: Once,
    input: { wksbmId: number; number: number; fundId: number; amount: bigint },
    render: Render<SantunanOutcome>,
  ): Promise<readonly Reply[]>;
  /** Sets (or with 0 stops) the levy for deaths recorded from now on; past deaths keep theirs. */
  setLevy(once: Once, input: { wksbmId: number; fundId: number; amount: bigint }, render: Render<LevySetting>): Promise<readonly Reply[]>;
  /** The WKSBM's levy book, or only one household's part of it (its own /iuran saya). */
  levyBook(wksbmId: number, householdId?: number): Promise<LevyBook>;
  /** Newest first. */
  events(wksbmId: number, limit: number): Promise<readonly DukaEventView[]>;
  event(wksbmId: number, number: number): Promise<DukaEventView | null>;
}
