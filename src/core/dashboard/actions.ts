import type { CaseStatus } from '../cases/ports.js';
import { refuse, type CoreDeps } from '../shared/command.js';
import { moveCase } from '../cases/kasus.js';
import { decisionReplies } from '../ledger/commands.js';
import type { DecideOutcome } from '../ledger/ports.js';
import { withNotices } from '../shared/notices.js';
import type { Reply } from '../shared/message.js';
import type { Once, PersonInfo } from '../shared/ports.js';
import { PENGURUS, TREASURY, type Role } from '../shared/roles.js';
import { RoleChanged } from '../errors.js';
import type { DashboardAccess, LoginOutcome } from './ports.js';
import { dashboardText } from './text.js';

/**
 * Who acts on the dashboard, and the form they sent: `nonce` is made when the form is shown, so a form
 * sent twice (a double tap, a resent request) is applied once and answered the same, exactly like a
 * chat message delivered twice.
 */
export interface DashboardActor {
  readonly person: PersonInfo;
  readonly nonce: string;
}

export type ActionOutcome = { readonly ok: true; readonly replies: readonly Reply[] } | { readonly ok: false; readonly reason: 'forbidden' };

/**
 * The dashboard's use cases. Reads of who may see what, and writes through the same rules, sentences
 * and once-only keys as the chat commands (/sahkan, /tolak, /kasus): a rule is never written twice.
 * Every write is an InboundMessage row keyed `dasbor:<wksbm>:<nonce>…` with the person: who, when,
 * and that it came from the dashboard.
 */
export interface Dashboard {
  /** Spends a login token: a new session id, or why not. */
  logIn(token: string): Promise<LoginOutcome>;
  /** The person behind a live session; null once ended, expired or unknown. */
  viewer(sessionId: string): Promise<PersonInfo | null>;
  logOut(sessionId: string): Promise<void>;
  /** Asked on every call, never kept past a commit: a demoted pengurus loses access at once. */
  accessOf(personId: number): Promise<readonly DashboardAccess[]>;
  access(personId: number, wksbmId: number): Promise<DashboardAccess | null>;
  /** Approves or refuses pending setoran, one by one, each once; the group reads each outcome. */
  decide(actor: DashboardActor, input: { wksbmId: number; numbers: readonly number[]; approve: boolean; reason: string | null }): Promise<ActionOutcome>;
  moveCase(actor: DashboardActor, input: { wksbmId: number; number: number; to: CaseStatus; note: string | null }): Promise<ActionOutcome>;
}

/** A session lasts this long unless ended sooner (/dasbor keluar, Keluar on the page). */
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The write's once-only key, with the role the access check saw: the store checks it again inside the
 * writing transaction (RoleChanged), so a pengurus demoted through another instance between the check
 * and the write never writes as one.
 */
const onceFor = (actor: DashboardActor, wksbmId: number, role: Role, what: string): Once => ({
  key: `dasbor:${wksbmId}:${actor.nonce}:${what}`,
  personId: actor.person.id,
  role: { wksbmId, recorded: role },
});

/** Acts once more when the role changed under it: the second time the access check reads the new role. */
async function againIfRoleChanged(act: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof RoleChanged)) throw error;
    return act();
  }
}

export function createDashboard(deps: CoreDeps): Dashboard {
  async function access(personId: number, wksbmId: number) {
    return (await deps.dashboard.accessOf(personId)).find((a) => a.wksbm.id === wksbmId) ?? null;
  }
  /** The pengurus role the person holds there now if it is one of `roles`, else null. */
  const holds = async (personId: number, wksbmId: number, roles: readonly Role[]): Promise<Role | null> => {
    const found = await access(personId, wksbmId);
    return found?.as === 'pengurus' && roles.includes(found.role) ? found.role : null;
  };

  return {
    logIn(token) {
      const now = deps.clock.now();
      return deps.dashboard.useLogin(token, { now, sessionExpiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS) });
    },
    viewer: (sessionId) => deps.dashboard.sessionPerson(sessionId, deps.clock.now()),
    logOut: (sessionId) => deps.dashboard.endSession(sessionId, deps.clock.now()),
    accessOf: (personId) => deps.dashboard.accessOf(personId),
    access,

    decide: (actor, input) => againIfRoleChanged(() => decide(actor, input)),
    moveCase: (actor, input) => againIfRoleChanged(() => move(actor, input)),
  };

  async function decide(actor: DashboardActor, { wksbmId, numbers, approve, reason }: Parameters<Dashboard['decide']>[1]): Promise<ActionOutcome> {
    const role = await holds(actor.person.id, wksbmId, TREASURY);
    if (!role) return { ok: false, reason: 'forbidden' };
    if (!approve && !reason) return { ok: true, replies: refuse(dashboardText.refuseNeedsReason()) };
    const replies: Reply[] = [];
    for (const number of numbers) {
      const decision = { number, approve, reason, by: actor.person.name };
      const answered = await withNotices<DecideOutcome>(
        (render) => deps.ledger.decide(onceFor(actor, wksbmId, role, `${approve ? 'sahkan' : 'tolak'}:${number}`), { wksbmId, ...decision, at: deps.clock.now() }, render),
        (outcome, notify) => {
          const said = decisionReplies(outcome, decision);
          if (outcome.ok) notify(() => deps.notifier.toGroups(wksbmId, said));
          return said;
        },
      );
      replies.push(...answered);
    }
    return { ok: true, replies };
  }

  async function move(actor: DashboardActor, { wksbmId, number, to, note }: Parameters<Dashboard['moveCase']>[1]): Promise<ActionOutcome> {
    const role = await holds(actor.person.id, wksbmId, PENGURUS);
    if (!role) return { ok: false, reason: 'forbidden' };
    const replies = await moveCase(deps, onceFor(actor, wksbmId, role, `kasus:${number}`), { scope: [wksbmId], number, to, note });
    return { ok: true, replies };
  }
}
