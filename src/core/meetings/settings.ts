import { parseReminders } from './parse-reminders.js';
import { EVERYONE } from '../shared/roles.js';
import { isZoneLabel, ZONES } from './time-zone.js';
import { refuse, reply, type GroupCommand } from '../shared/command.js';
import { PLANNERS } from './commands.js';
import { meetingsText } from './text.js';
import { sharedText } from '../shared/text.js';

export const zonaCommand: GroupCommand = {
  name: 'zona',
  aliases: ['timezone', 'zone'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/zona [WIB|WITA|WIT]',
  example: '/zona WITA',
  summary: 'zona waktu WKSBM untuk semua tanggal (ketua/sekretaris mengubahnya)',
  async run(ctx, args) {
    const word = args.trim().toUpperCase();
    if (!word) return reply(meetingsText.zoneNow(await ctx.deps.meetings.timeZone(ctx.wksbm.id)));
    if (!PLANNERS.includes(ctx.role)) return refuse(sharedText.notAllowed('zona', PLANNERS, ctx.role, null));
    if (!isZoneLabel(word)) return reply(meetingsText.zoneUnknown(args.trim()));
    return ctx.deps.meetings.setTimeZone(
      ctx.once,
      { wksbmId: ctx.wksbm.id, timeZone: ZONES[word], now: ctx.deps.clock.now() },
      (outcome) => reply(meetingsText.zoneSet(outcome.previous, outcome.timeZone, outcome.moved)),
    );
  },
};

export const pengingatCommand: GroupCommand = {
  name: 'pengingat',
  aliases: ['reminders', 'reminder'],
  where: 'wksbm',
  roles: EVERYONE,
  usage: '/pengingat [H-1 19.00, 1 jam | mati]',
  example: '/pengingat H-1 19.00, 1 jam',
  summary: 'kapan pengingat rapat dikirim ke grup (ketua/sekretaris mengubahnya)',
  async run(ctx, args) {
    if (!args.trim()) return reply(meetingsText.remindersNow(await ctx.deps.meetings.reminders(ctx.wksbm.id)));
    if (!PLANNERS.includes(ctx.role)) return refuse(sharedText.notAllowed('pengingat', PLANNERS, ctx.role, null));
    const reminders = parseReminders(args);
    if (!reminders) return reply(meetingsText.remindersUnreadable());
    return ctx.deps.meetings.setReminders(ctx.once, { wksbmId: ctx.wksbm.id, reminders, now: ctx.deps.clock.now() }, (outcome) =>
      reply(meetingsText.remindersSet(outcome.reminders, outcome.replanned)),
    );
  },
};
