import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { createCore, type Core, type Inbound } from '../../src/core/index.js';
import { openDb, type Db } from '../../src/db.js';
import { createStores } from '../../src/store/index.js';
import type { Writer } from '../../src/store/writer.js';
import { templateDb, tmpDir } from './paths.js';

export interface World {
  readonly db: Db;
  readonly core: Core;
  readonly writer: Writer;
  /** Sends one message and returns the reply texts joined by newlines. */
  say(user: string, text: string, options?: { chat?: string | null; messageId?: string }): Promise<string>;
  /** Sends one message as it is. */
  send(message: Inbound): Promise<string>;
  close(): Promise<void>;
}

/** A real SQLite file copied from the migrated template, with the core and stores over it. */
export async function createWorld(): Promise<World> {
  const file = path.join(tmpDir(), `${randomUUID()}.db`);
  copyFileSync(templateDb(), file);
  const db = await openDb(`file:${file}`);
  const stores = createStores(db, pino({ level: 'silent' }));
  const core = createCore(stores);
  const send = async (message: Inbound) => (await core.handle(message)).map((reply) => reply.text).join('\n');
  return {
    db,
    core,
    writer: stores.writer,
    send,
    say(user, text, options = {}) {
      const chat = options.chat === undefined ? 'rt05' : options.chat;
      const userId = user.toLowerCase();
      return send({
        chat: chat ? { channel: 'console', id: chat, kind: 'group' } : { channel: 'console', id: `private:${userId}`, kind: 'private' },
        sender: { id: userId, name: user },
        messageId: options.messageId ?? randomUUID(),
        text,
      });
    },
    async close() {
      await stores.writer.idle();
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}
