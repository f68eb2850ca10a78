import type { MemberInfo } from '../shared/ports.js';
import { EVERYONE, isRole } from '../shared/roles.js';
import { refuse, reply, type AnyCommand, type GroupCommand } from '../shared/command.js';
import { taggedPerson } from '../shared/mentions.js';
import { tooLong } from '../shared/bounds.js';
import { linkPengurusChat } from './pengurus-chat.js';
import { casesText } from '../cases/text.js';
import { membersText } from './text.js';
import { sharedText } from '../shared/text.js';

/** Every new WKSBM starts with the three funds nearly all of them keep. */
const DEFAULT_FUNDS = [
  { name: 'kas', unit: 'IDR', aliases: ['umum'] },
  { name: 'jimpitan', unit: 'IDR', aliases: ['jimpit'] },
  { name: 'kematian', unit: 'IDR', aliases: ['duka', 'rukun-duka'] },
] as const;

export const mulaiCommand: AnyCommand = {
  name: 'mulai',
  aliases: ['setup', 'daftar'],
  where: 'any',
  asksChatAdmin: true,
  usage: '/mulai <nama WKSBM> · /mulai pengurus [kode]',
  example: '/mulai WKSBM Sukamaju RW 05',
  summary: 'mendaftarkan grup ini sebagai WKSBM; yang mendaftar menjadi ketua',
  async run(ctx, args) {
    const { chat } = ctx.inbound;
    // Only `pengurus` or `pengurus <kode>`: a WKSBM may well be named "Pengurus RW 05".
    const pengurus = /^pengurus(?:\s+(\d{1,9}))?$/i.exec(args.trim());
    if (pengurus) return linkPengurusChat(ctx, pengurus[1] ?? '');
    if (chat.kind === 'private') return refuse(membersText.startInPrivate());
    // Report notices go to a pengurus-only chat: it must never become a members' group.
    if (await ctx.deps.cases.pengurusChatOf(chat)) return refuse(casesText.pengurusChatCannotStart());
    if (ctx.inbound.sender.isChatAdmin === null) return refuse(sharedText.adminStatusUnknown());
    if (ctx.inbound.sender.isChatAdmin === false) return refuse(membersText.startNeedsAdmin());
    const name = args.replace(/\s+/g, ' ').trim();
    if (!name) return refuse(membersText.startNeedsName());
    const long = tooLong('wksbmName', name);
    if (long) return refuse(sharedText.tooLong(long));
    return ctx.deps.community.startWksbm(
      ctx.once,
      { chat: { channel: chat.channel, id: chat.id, title: chat.title }, name, funds: DEFAULT_FUNDS },
      (outcome) =>
        outcome.ok ? reply(membersText.started(outcome.wksbm.name, ctx.person.name, outcome.funds)) : refuse(membersText.alreadyLinked(outcome.wksbm.name)),
    );
  },
};

export const anggotaCommand: GroupCommand = {
  name: 'anggota',
  aliases: ['members'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/anggota',
  example: '/anggota',
  summary: 'pengurus dan anggota WKSBM ini',
  async run(ctx) {
    return reply(membersText.members(ctx.wksbm.name, await ctx.deps.community.members(ctx.wksbm.id)));
  },
};

/** The member a typed name means: exact first, else the only one whose name contains it. */
export function findMember(
  members: readonly MemberInfo[],
  typed: string,
): { ok: true; member: MemberInfo } | { ok: false; candidates: readonly string[] } {
  const wanted = typed.toLowerCase();
  const exact = members.filter((member) => member.person.name.toLowerCase() === wanted);
  const matches = exact.length ? exact : members.filter((member) => member.person.name.toLowerCase().includes(wanted));
  return matches.length === 1 ? { ok: true, member: matches[0]! } : { ok: false, candidates: matches.map((m) => m.person.name) };
}

export const peranCommand: GroupCommand = {
  name: 'peran',
  aliases: ['role'],
  where: 'wksbm',
  roles: ['ketua'],
  usage: '/peran <nama> <ketua|bendahara|sekretaris|anggota>',
  example: '/peran Pak Budi bendahara',
  summary: 'mengatur peran pengurus',
  async run(ctx, args) {
    const words = args.split(/\s+/).filter(Boolean);
    const role = words.at(-1)?.toLowerCase();
    const name = words.slice(0, -1).join(' ');
    if (!role || !name || !isRole(role)) return refuse(sharedText.usage(this.usage, this.example));
    let person = await taggedPerson(ctx, name);
    if (person) {
      // A tagged person is in the group even if they never wrote: they join as anggota first.
      await ctx.deps.community.roleOf(ctx.wksbm.id, person.id);
    } else {
      const found = findMember(await ctx.deps.community.members(ctx.wksbm.id), name);
      if (!found.ok) {
        return refuse(found.candidates.length ? membersText.memberAmbiguous(name, found.candidates) : membersText.memberNotFound(name));
      }
      person = found.member.person;
    }
    return ctx.deps.community.setRole(ctx.once, { wksbmId: ctx.wksbm.id, personId: person.id, role }, (outcome) =>
      outcome.ok ? reply(membersText.roleSet(person.name, role, outcome.previous)) : refuse(membersText.lastKetua()),
    );
  },
};
