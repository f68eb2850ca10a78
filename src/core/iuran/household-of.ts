import type { CommandContext } from '../shared/command.js';
import { refuse } from '../shared/command.js';
import type { FundInfo } from '../shared/ports.js';
import type { Reply } from '../shared/message.js';
import { matchName } from './names.js';
import type { HouseholdInfo, IuranInfo } from './ports.js';
import { isActive } from './standing.js';
import { iuranText } from './text.js';

export type HouseholdPick =
  | { readonly ok: true; readonly value: { readonly household: HouseholdInfo; readonly iuran: IuranInfo | null } | null }
  | { readonly ok: false; readonly replies: readonly Reply[] };

/** The household a typed name means, or the reply that asks which one (never a guess). */
export function pickHousehold(
  typed: string,
  households: readonly HouseholdInfo[],
): { ok: true; household: HouseholdInfo | null } | { ok: false; replies: readonly Reply[] } {
  const match = matchName(typed, households.filter(isActive), (household) => household.name);
  switch (match.kind) {
    case 'found':
      return { ok: true, household: match.item };
    case 'ambiguous':
    case 'near':
      return { ok: false, replies: refuse(iuranText.householdWhich(typed.replace(/^kk\s+/i, ''), match.candidates, match.kind === 'near')) };
    case 'none':
      return { ok: true, household: null };
  }
}

/**
 * Which household's iuran a /setor pays, if the fund has an iuran or takes the duka levy (then `iuran`
 * is null when the fund has no iuran besides): "dari KK <nama>" names one (and must
 * match); a member pays for their own household; a plain name that is a household's is that household.
 * A name that only nearly matches, or matches several, is asked back.
 */
export async function householdOfSetor(
  ctx: CommandContext,
  wksbmId: number,
  fund: FundInfo,
  from: { typed: string | null; personId: number | null },
): Promise<HouseholdPick> {
  if (!(await ctx.deps.iuran.paidByHousehold(wksbmId, fund.id))) return { ok: true, value: null };
  const iuran = (await ctx.deps.iuran.iurans(wksbmId)).find((candidate) => candidate.fund.id === fund.id) ?? null;
  const households = await ctx.deps.iuran.households(wksbmId);
  const explicit = from.typed !== null && /^kk\s+/i.test(from.typed);
  if (from.personId !== null && !explicit) {
    const own = households.find((household) => isActive(household) && household.members.some((member) => member.id === from.personId));
    if (own) return { ok: true, value: { household: own, iuran } };
  }
  if (from.typed === null) return { ok: true, value: null };
  const picked = pickHousehold(from.typed, households);
  if (!picked.ok) return picked;
  if (!picked.household) return explicit ? { ok: false, replies: refuse(iuranText.householdNotFound(from.typed.replace(/^kk\s+/i, ''))) } : { ok: true, value: null };
  return { ok: true, value: { household: picked.household, iuran } };
}
