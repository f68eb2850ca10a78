import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelSender, Reply } from '../../core/index.js';

/**
 * Messages the bot sends on its own (reminders, the LPJ) to the console chat that is open: texts are
 * printed like replies; documents are copied into `folder` (REPORT_DIR, ./data/laporan by default) and
 * their paths printed. Buttons have no terminal form; the text already names their commands.
 */
export function createConsoleSender(write: (text: string) => void, folder: string): ChannelSender {
  return {
    channel: 'console',
    async send(_chatId: string, replies: readonly Reply[]) {
      for (const reply of replies) write(`${reply.text}\n`);
    },
    async sendDocument(_chatId, document) {
      await mkdir(folder, { recursive: true });
      const target = path.resolve(folder, document.fileName);
      await copyFile(document.path, target);
      write(`📎 ${target}\n`);
    },
  };
}
