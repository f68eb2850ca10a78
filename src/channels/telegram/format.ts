import type { InlineKeyboardMarkup } from 'grammy/types';
import type { ReplyAction } from '../../core/index.js';

/** Telegram's limit for one message's text, after entities are parsed. */
export const MESSAGE_LIMIT = 4096;
/** Telegram's limit for callback_data. */
const CALLBACK_DATA_LIMIT = 64;

/** Everything we send is plain text that may hold what people typed, so all of it is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Splits a long reply at line ends so each part stays under Telegram's limit once escaped; a single
 * line longer than the limit is cut.
 */
export function splitForTelegram(text: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const candidate = current ? `${current}\n${rest}` : rest;
      if (escapeHtml(candidate).length <= limit) {
        current = candidate;
        break;
      }
      if (current) {
        parts.push(current);
        current = '';
        continue;
      }
      let cut = 0;
      for (let size = 0; cut < rest.length; cut++) {
        size += escapeHtml(rest[cut]!).length;
        if (size > limit) break;
      }
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
      if (!rest) break;
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** Marks the callback data of a button that leaves its message in place (see `ReplyAction.settles`). */
const KEEPS = '+';

/** Buttons for a reply's actions; the callback data is the command, so a press is the typed command. */
export function keyboardFor(actions: readonly ReplyAction[] | undefined): InlineKeyboardMarkup | undefined {
  const buttons = (actions ?? [])
    .map((action) => ({ text: action.label, callback_data: action.settles ? action.command : KEEPS + action.command }))
    .filter((button) => Buffer.byteLength(button.callback_data) <= CALLBACK_DATA_LIMIT);
  if (buttons.length === 0) return undefined;
  return { inline_keyboard: [buttons] };
}

/** The command a button press stands for, and whether it settles the message it is under. */
export function readPress(data: string): { command: string; settles: boolean } {
  return data.startsWith(KEEPS) ? { command: data.slice(KEEPS.length), settles: false } : { command: data, settles: true };
}
