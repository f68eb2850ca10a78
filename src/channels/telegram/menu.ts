import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Command } from '../../core/index.js';

/** Words Telegram accepts as command names. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

/** Commands that are used in a private chat with the bot, after the greeting. */
const PRIVATE_COMMANDS = ['bantuan', 'lapor', 'kasus'];

/** The Indonesian command menu: every command in groups; greeting, help and reports in private chats. */
export function commandMenus(commands: readonly Command[]): { scope: BotCommandScope; commands: BotCommand[] }[] {
  const entry = (command: Command): BotCommand => ({ command: command.name, description: command.summary.slice(0, 256) });
  const group = commands.filter((command) => COMMAND_NAME.test(command.name)).map(entry);
  const personal: BotCommand[] = [
    { command: 'start', description: 'sapaan dan apa yang bisa saya bantu' },
    ...commands.filter((command) => PRIVATE_COMMANDS.includes(command.name)).map(entry),
  ];
  return [
    { scope: { type: 'all_group_chats' }, commands: group },
    { scope: { type: 'all_private_chats' }, commands: personal },
  ];
}
