import type { ReplyAction } from '../shared/message.js';
import { ledgerText } from './text.js';

/** The buttons that confirm or refuse a pending setoran. */
export function decisionActions(number: number): ReplyAction[] {
  return [
    { label: '✅ Sahkan', command: `/sahkan ${number}`, settles: true },
    { label: '🚫 Tolak', command: `/tolak ${number} ${ledgerText.refusedByButton}`, settles: true },
  ];
}
