import { refuse, reply, type AnyCommand, type CommandContext } from '../shared/command.js';
import { firstWord } from '../shared/words.js';
import { effectiveRole } from '../shared/roles.js';
import { INVITE_DAYS, LOGIN_MINUTES, dashboardText } from './text.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * `/dasbor` in a private chat: a one-time link into the dashboard for a pengurus or pendamping.
 * `/dasbor keluar` ends every session the person has, on every device.
 */
export const dasborCommand: AnyCommand = {
  name: 'dasbor',
  aliases: ['dashboard', 'dasboard'],
  where: 'any',
  usage: '/dasbor [keluar]',
  example: '/dasbor',
  summary: 'pengurus dan pendamping: tautan masuk ke dasbor web (di chat pribadi); /dasbor keluar di semua perangkat',
  async run(ctx, args) {
    const [word] = firstWord(args);
    const { dashboard, clock } = ctx.deps;
    if (word?.toLowerCase() === 'keluar' || word?.toLowerCase() === 'logout') {
      return dashboard.endSessions(ctx.once, { personId: ctx.person.id, now: clock.now() }, (count) =>
        reply(dashboardText.sessionsEnded(count)),
      );
    }
    if (word) return refuse(dashboardText.dasborUsage());
    if (ctx.inbound.chat.kind !== 'private') return refuse(dashboardText.privateOnly());
    if (!ctx.deps.publicUrl) return refuse(dashboardText.notEnabled());
    if ((await dashboard.accessOf(ctx.person.id)).length === 0) return refuse(dashboardText.noAccess());
    const base = ctx.deps.publicUrl;
    const expiresAt = new Date(clock.now().getTime() + LOGIN_MINUTES * MINUTE_MS);
    return dashboard.issueLogin(ctx.once, { personId: ctx.person.id, expiresAt }, (secret) =>
      secret.fresh ? reply(dashboardText.loginLink(`${base}/masuk/${secret.secret}`)) : reply(dashboardText.loginAlreadySent()),
    );
  },
};

/** The WKSBM of this group and whether the sender is its ketua (as a group admin, where that is known). */
async function groupKetua(ctx: CommandContext) {
  const { chat, sender } = ctx.inbound;
  const wksbm = chat.kind === 'group' ? await ctx.deps.community.wksbmOfChat(chat) : null;
  if (!wksbm) return null;
  const role = effectiveRole(await ctx.deps.community.roleOf(wksbm.id, ctx.person.id), sender.isChatAdmin);
  return { wksbm, isKetua: role === 'ketua' };
}

/**
 * `/pendamping`: in a WKSBM's group, the list; `undang` (ketua) gives a one-time code, `hapus <nama>`
 * (ketua) removes one. In a private chat, `/pendamping <kode>` makes the sender a pendamping.
 */
export const pendampingCommand: AnyCommand = {
  name: 'pendamping',
  aliases: ['companion'],
  where: 'any',
  usage: '/pendamping [undang | hapus <nama> | <kode>]',
  example: '/pendamping undang',
  summary: 'pendamping WKSBM (Dinas Sosial, TKSK, PSM): ketua mengundang dan menghapus; pendamping memakai kodenya di chat pribadi',
  async run(ctx, args) {
    const [word, rest] = firstWord(args);
    const { dashboard, clock } = ctx.deps;
    const action = word?.toLowerCase();
    if (ctx.inbound.chat.kind === 'private') {
      if (!word || action === 'undang' || action === 'hapus') return refuse(dashboardText.needsWksbm());
      return dashboard.redeemInvite(ctx.once, { code: word, personId: ctx.person.id, now: clock.now() }, (outcome) => {
        if (outcome.ok) return reply(dashboardText.redeemed(outcome.wksbm));
        return outcome.reason === 'already' ? refuse(dashboardText.alreadyPendamping(outcome.wksbm)) : refuse(dashboardText.inviteInvalid());
      });
    }
    const group = await groupKetua(ctx);
    if (!group) return refuse(dashboardText.needsWksbm());
    const { wksbm } = group;
    if (!word) return reply(dashboardText.pendampingList(wksbm, await dashboard.pendampingOf(wksbm.id)));
    if (action !== 'undang' && action !== 'hapus') {
      // A code typed in the group by mistake is not read, so it is not spent where everyone saw it.
      return refuse(action && /^[a-z0-9-]{6,}$/i.test(word) ? dashboardText.redeemInPrivate() : dashboardText.pendampingUsage());
    }
    if (!group.isKetua) return refuse(dashboardText.ketuaOnly());
    if (action === 'undang') {
      const expiresAt = new Date(clock.now().getTime() + INVITE_DAYS * DAY_MS);
      return dashboard.invitePendamping(ctx.once, { wksbmId: wksbm.id, expiresAt }, (secret) =>
        secret.fresh ? reply(dashboardText.invite(wksbm, secret.secret)) : reply(dashboardText.inviteAlreadySent()),
      );
    }
    const name = rest.trim();
    if (!name) return refuse(dashboardText.pendampingUsage());
    return dashboard.removePendamping(ctx.once, { wksbmId: wksbm.id, name, now: clock.now() }, (outcome) =>
      outcome.ok ? reply(dashboardText.removed(wksbm, outcome.person.name)) : refuse(dashboardText.pendampingNotFound(name, outcome.current)),
    );
  },
};
