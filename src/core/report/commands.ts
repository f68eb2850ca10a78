import { refuse, reply, type AnyCommand, type CommandContext, type GroupCommand } from '../shared/command.js';
import type { Reply } from '../shared/message.js';
import { firstWord } from '../shared/words.js';
import type { WksbmInfo } from '../shared/ports.js';
import { effectiveRole, PENGURUS, type Role } from '../shared/roles.js';
import { sharedText } from '../shared/text.js';
import type { ReportVariant } from './model.js';
import { parsePeriod } from './period.js';
import type { ProfileField } from './ports.js';
import { reportText } from './text.js';

/** The summary in the chat, and for pengurus the files through the outbox, of one WKSBM and period. */
async function answer(ctx: CommandContext, wksbm: WksbmInfo, typed: string, variant: ReportVariant, withFiles: boolean): Promise<readonly Reply[]> {
  const madeAt = ctx.deps.clock.now();
  const parsed = parsePeriod(typed, madeAt, wksbm.timeZone);
  if (!parsed.ok) return refuse(reportText.periodRefused(typed, parsed.problem));
  const request = { wksbmId: wksbm.id, period: parsed.period, variant, madeAt };
  const model = await ctx.deps.reports.report(request);
  if (!withFiles) return reply(reportText.summary(model, 'pengurus-only'));
  const { chat } = ctx.inbound;
  return ctx.deps.reports.sendFiles(ctx.once, { chat, request }, () => reply(reportText.summary(model, 'sent')));
}

async function automatic(ctx: CommandContext, wksbm: WksbmInfo, role: Role, word: string): Promise<readonly Reply[]> {
  if (!PENGURUS.includes(role)) return refuse(reportText.autoOnlyPengurus());
  const on = word === 'bulanan' || word === 'aktif' || word === 'nyala' ? true : word === 'mati' || word === 'off' ? false : null;
  if (on === null) return refuse(reportText.autoUsage());
  return ctx.deps.reports.setAutoMonthly(ctx.once, { wksbmId: wksbm.id, on }, () => reply(reportText.autoSet(on)));
}

async function inGroup(ctx: CommandContext, args: string): Promise<readonly Reply[]> {
  const wksbm = await ctx.deps.community.wksbmOfChat(ctx.inbound.chat);
  if (!wksbm) return refuse(sharedText.notLinked('laporan'));
  const recorded = await ctx.deps.community.roleOf(wksbm.id, ctx.person.id);
  const role = effectiveRole(recorded, ctx.inbound.sender.isChatAdmin);
  const [word, rest] = firstWord(args);
  const lower = word.toLowerCase();
  if (lower === 'otomatis') return automatic(ctx, wksbm, role, rest.toLowerCase());
  if (lower === 'rahasia') return refuse(reportText.confidentialInGroup());
  return answer(ctx, wksbm, args, 'grup', PENGURUS.includes(role));
}

/**
 * In a private chat only pengurus get a report (the group version, or with `rahasia` the one naming
 * the people helped); anyone else most likely wanted /lapor, the command it used to be an alias of.
 */
async function inPrivate(ctx: CommandContext, args: string): Promise<readonly Reply[]> {
  const mine = await ctx.deps.reports.pengurusOf(ctx.person.id);
  if (mine.length === 0) return reply(reportText.meantLapor());
  const [first, afterFirst] = firstWord(args);
  const variant: ReportVariant = first.toLowerCase() === 'rahasia' ? 'rahasia' : 'grup';
  let rest = variant === 'rahasia' ? afterFirst : args;
  let wksbm = mine[0];
  if (mine.length > 1) {
    const [code, afterCode] = firstWord(rest);
    wksbm = mine.find((candidate) => String(candidate.id) === code.replace(/^#/, ''));
    if (!wksbm) return reply(reportText.chooseWksbm(mine));
    rest = afterCode;
  }
  return answer(ctx, wksbm!, rest, variant, true);
}

export const laporanCommand: AnyCommand = {
  name: 'laporan',
  aliases: ['lpj', 'rekap'],
  where: 'any',
  // In a group, who gets the files depends on being a pengurus, which needs being a group admin.
  asksChatAdmin: true,
  usage: '/laporan [periode] · /laporan rahasia [periode] (chat pribadi) · /laporan otomatis bulanan|mati',
  example: '/laporan bulan lalu',
  summary: 'laporan pertanggungjawaban (LPJ): ringkasan di chat, berkas PDF, Excel dan CSV untuk pengurus',
  run(ctx, args) {
    return ctx.inbound.chat.kind === 'group' ? inGroup(ctx, args) : inPrivate(ctx, args);
  },
};

const PROFILE_FIELDS = new Map<string, ProfileField>([
  ['desa', 'desa'],
  ['kelurahan', 'desa'],
  ['kecamatan', 'kecamatan'],
  ['kabupaten', 'kabupaten'],
  ['kota', 'kabupaten'],
  ['ketua', 'ketua'],
  ['bendahara', 'bendahara'],
]);
const PROFILE_MAX = 80;

export const profilCommand: GroupCommand = {
  name: 'profil',
  aliases: ['profile'],
  where: 'wksbm',
  roles: PENGURUS,
  usage: '/profil · /profil desa|kecamatan|kabupaten|ketua|bendahara <isi>',
  example: '/profil kecamatan Playen',
  summary: 'kop dan tanda tangan LPJ: desa/kelurahan, kecamatan, kabupaten, nama ketua dan bendahara',
  async run(ctx, args) {
    const [word, value] = firstWord(args);
    if (!word) return reply(reportText.profile(await ctx.deps.reports.profile(ctx.wksbm.id)));
    const field = PROFILE_FIELDS.get(word.toLowerCase());
    if (!field || !value) return refuse(reportText.profileUsage());
    const text = value.replace(/\s+/g, ' ');
    if (text.length > PROFILE_MAX) return refuse(reportText.profileTooLong(PROFILE_MAX));
    return ctx.deps.reports.setProfile(ctx.once, { wksbmId: ctx.wksbm.id, field, value: text }, (profile) =>
      reply(reportText.profileSet(field, profile)),
    );
  },
};
