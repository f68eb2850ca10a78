import type { Reply } from '../shared/message.js';
import type { Once, Render } from '../shared/ports.js';

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
  readonly createdAt: Date;
  readonly santunan: readonly SantunanView[];
}

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

/** The rukun duka port; writes follow the ledger's rules (one transaction, at most once per message). */
export interface DukaStore {
  record(once: Once, event: NewDukaEvent, render: Render<DukaEventView>): Promise<readonly Reply[]>;
  /** Pays from `fundId` (the kematian fund) to the family, linked to the event, in one transaction. */
  santunan(
    once: Once,
    input: { wksbmId: number; number: number; fundId: number; amount: bigint },
    render: Render<SantunanOutcome>,
  ): Promise<readonly Reply[]>;
  /** Newest first. */
  events(wksbmId: number, limit: number): Promise<readonly DukaEventView[]>;
  event(wksbmId: number, number: number): Promise<DukaEventView | null>;
}
