import type { ArisanStore } from '../arisan/ports.js';
import type { CaseStore, Notifier } from '../cases/ports.js';
import type { DukaStore } from '../duka/ports.js';
import type { IuranStore } from '../iuran/ports.js';
import type { LedgerStore, ProofStore } from '../ledger/ports.js';
import type { Clock } from './clock.js';
import type { MeetingStore } from '../meetings/ports.js';
import type { Inbound, Reply } from './message.js';
import type { CommunityStore, Once, PersonInfo, WksbmInfo } from './ports.js';
import type { ReportStore } from '../report/ports.js';
import type { Role } from './roles.js';
import type { DashboardStore } from '../dashboard/ports.js';

export interface CoreDeps {
  readonly community: CommunityStore;
  readonly ledger: LedgerStore;
  readonly proofs: ProofStore;
  readonly cases: CaseStore;
  readonly notifier: Notifier;
  readonly meetings: MeetingStore;
  readonly arisan: ArisanStore;
  readonly duka: DukaStore;
  readonly reports: ReportStore;
  readonly iuran: IuranStore;
  readonly clock: Clock;
  readonly dashboard: DashboardStore;
  /** Where the dashboard is reached from outside (PUBLIC_URL, no trailing slash); without it /dasbor is off. */
  readonly publicUrl?: string;
}

/** What a command knows when it runs: who asked, where, and as what. */
export interface CommandContext {
  readonly inbound: Inbound;
  readonly once: Once;
  readonly person: PersonInfo;
  readonly deps: CoreDeps;
}

/** A command inside a chat linked to a WKSBM, with the caller's role there. */
export interface GroupContext extends CommandContext {
  readonly wksbm: WksbmInfo;
  readonly role: Role;
}

interface CommandBase {
  readonly name: string;
  /** Other words for it: English, and what people type by habit. */
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly example: string;
  readonly summary: string;
}

/** Runs in a group linked to a WKSBM, for the roles listed. */
export interface GroupCommand extends CommandBase {
  readonly where: 'wksbm';
  readonly roles: readonly Role[];
  run(ctx: GroupContext, args: string): Promise<readonly Reply[]>;
  /** What it does in a private chat, where it has one (a perantau's /setor); otherwise it needs a group. */
  inPrivate?(ctx: CommandContext, args: string): Promise<readonly Reply[]>;
}

/** Runs anywhere: decides for itself what the chat allows. */
export interface AnyCommand extends CommandBase {
  readonly where: 'any';
  /** It checks `isChatAdmin` itself (/mulai), so channels must look the sender's admin status up. */
  readonly asksChatAdmin?: true;
  run(ctx: CommandContext, args: string): Promise<readonly Reply[]>;
}

export type Command = GroupCommand | AnyCommand;

export const reply = (...texts: string[]): readonly Reply[] => texts.map((text) => ({ text }));

/** An answer to a message that changed nothing. */
export const refuse = (text: string): readonly Reply[] => [{ text, refused: true }];
