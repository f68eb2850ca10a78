import type { CaseStatus } from '../cases/ports.js';
import { refuse, type CoreDeps } from '../shared/command.js';
import { moveCase } from '../cases/kasus.js';
import { decisionReplies } from '../ledger/commands.js';
import type { DecideOutcome } from '../ledger/ports.js';
import { withNotices } from '../shared/notices.js';
import type { Reply } from '../shared/message.js';
import type { Once, PersonInfo } from '../shared/ports.js';
import { PENGURUS, TREASURY } from '../shared/roles.js';
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

const onceFor = (actor: DashboardActor, wksbmId: number, what: string): Once => ({
  key: `dasbor:${wksbmId}:${actor.nonce}:${what}`,
  personId: actor.person.id,
});

export function createDashboard(deps: CoreDeps): Dashboard {
  async function access(personId: number, wksbmId: number) {
    return (await deps.dashboard.accessOf(personId)).find((a) => a.wksbm.id === wksbmId) ?? null;
  }
  const holds = async (personId: number, wksbmId: number, roles: readonly string[]) => {
    const found = await access(personId, wksbmId);
    return found?.as === 'pengurus' && roles.includes(found.role);
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

    async decide(actor, { wksbmId, numbers, approve, reason }) {
      if (!(await holds(actor.person.id, wksbmId, TREASURY))) return { ok: false, reason: 'forbidden' };
      if (!approve && !reason) return { ok: true, replies: refuse(dashboardText.refuseNeedsReason()) };
      const replies: Reply[] = [];
      for (const number of numbers) {
        const decision = { number, approve, reason, by: actor.person.name };
        const answered = await withNotices<DecideOutcome>(
          (render) => deps.ledger.decide(onceFor(actor, wksbmId, `${approve ? 'sahkan' : 'tolak'}:${number}`), { wksbmId, ...decision, at: deps.clock.now() }, render),
          (outcome, notify) => {
            const said = decisionReplies(outcome, decision);
            if (outcome.ok) notify(() => deps.notifier.toGroups(wksbmId, said));
            return said;
          },
        );
        replies.push(...answered);
      }
      return { ok: true, replies };
    },

    async moveCase(actor, { wksbmId, number, to, note }) {
      if (!(await holds(actor.person.id, wksbmId, PENGURUS))) return { ok: false, reason: 'forbidden' };
      const replies = await moveCase(deps, onceFor(actor, wksbmId, `kasus:${number}`), { scope: [wksbmId], number, to, note });
      return { ok: true, replies };
    },
  };
}
