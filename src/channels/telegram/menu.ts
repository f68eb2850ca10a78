import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Command } from '../../core/index.js';

/** Words Telegram accepts as command names. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

/** The Indonesian command menu: every command in groups; greeting and help in private chats. */
export function commandMenus(commands: readonly Command[]): { scope: BotCommandScope; commands: BotCommand[] }[] {
  const entry = (command: Command): BotCommand => ({ command: command.name, description: command.summary.slice(0, 256) });
  const group = commands.filter((command) => COMMAND_NAME.test(command.name)).map(entry);
  const help = commands.find((command) => command.name === 'bantuan');
  const personal: BotCommand[] = [{ command: 'start', description: 'sapaan dan apa yang bisa saya bantu' }];
  if (help) personal.push(entry(help));
  return [
    { scope: { type: 'all_group_chats' }, commands: group },
    { scope: { type: 'all_private_chats' }, commands: personal },
  ];
}
