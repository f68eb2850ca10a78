import type { Role } from './roles.js';
import { reply, type AnyCommand, type Command } from './command.js';
import { sharedText } from './text.js';

/** `/bantuan` lists only what this caller may use here, each with one example. */
export function createHelpCommand(commands: () => readonly Command[]): AnyCommand {
  return {
    name: 'bantuan',
    aliases: ['help', 'start', 'menu'],
    where: 'any',
    usage: '/bantuan',
    example: '/bantuan',
    summary: 'daftar perintah',
    async run(ctx) {
      const { chat } = ctx.inbound;
      const wksbm = chat.kind === 'group' ? await ctx.deps.community.wksbmOfChat(chat) : null;
      const role: Role | null = wksbm ? await ctx.deps.community.roleOf(wksbm.id, ctx.person.id) : null;
      const usable = commands().filter((command) =>
        command.where === 'any' ? command.name !== 'mulai' || !wksbm : role !== null && command.roles.includes(role),
      );
      const list = sharedText.help(role, usable.map((command) => `${command.usage} — ${command.summary}\n   contoh: ${command.example}`));
      return chat.kind === 'private' ? reply(sharedText.privateWelcome(ctx.person.name), list) : reply(list);
    },
  };
}
