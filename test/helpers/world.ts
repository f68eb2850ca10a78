import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createCore, type ChannelSender, type Core, type Inbound } from '../../src/core/index.js';
import { openDb, type Db } from '../../src/db.js';
import { createStores } from '../../src/store/index.js';
import type { ChannelNotifier } from '../../src/store/notifier.js';
import type { Writer } from '../../src/store/writer.js';
import { templateDb, tmpDir } from './paths.js';

/** A message the bot sent on its own (a notice), to a console chat: `private:<user id>` or a group. */
export interface SentNotice {
  readonly chatId: string;
  readonly text: string;
}

export interface WorldOptions {
  /** Where the stores and the notifier log; silent by default. */
  readonly log?: Logger;
  /** Makes every notice send fail, as an unreachable platform would. */
  readonly failNotices?: boolean;
}

export interface World {
  readonly db: Db;
  readonly core: Core;
  readonly writer: Writer;
  /** Where a channel under test registers its sender; the console's records into `notices`. */
  readonly notifier: ChannelNotifier;
  /** Notices sent through the console channel, in order. */
  readonly notices: SentNotice[];
  /** Sends one message and returns the reply texts joined by newlines. */
  say(user: string, text: string, options?: { chat?: string | null; messageId?: string; photo?: string }): Promise<string>;
  /** Sends one message as it is. */
  send(message: Inbound): Promise<string>;
  /** Closes this world's database and opens a new core over the same file, as a restarted server would. */
  restart(): Promise<World>;
  close(): Promise<void>;
}

/** A real SQLite file copied from the migrated template, with the core and stores over it. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const file = path.join(tmpDir(), `${randomUUID()}.db`);
  copyFileSync(templateDb(), file);
  return openWorld(file, options);
}

async function openWorld(file: string, options: WorldOptions): Promise<World> {
  const db = await openDb(`file:${file}`);
  const stores = createStores(db, options.log ?? pino({ level: 'silent' }));
  const notices: SentNotice[] = [];
  const consoleSender: ChannelSender = {
    channel: 'console',
    async send(chatId, replies) {
      if (options.failNotices) throw new Error('send failed');
      for (const reply of replies) notices.push({ chatId, text: reply.text });
    },
  };
  stores.notifier.register(consoleSender);
  const core = createCore(stores);
  const send = async (message: Inbound) => (await core.handle(message)).map((reply) => reply.text).join('\n');
  const shut = async () => {
    await stores.writer.idle();
    await db.close();
  };
  return {
    db,
    core,
    writer: stores.writer,
    notifier: stores.notifier,
    notices,
    send,
    say(user, text, sayOptions = {}) {
      const chat = sayOptions.chat === undefined ? 'rt05' : sayOptions.chat;
      const userId = user.toLowerCase();
      return send({
        chat: chat ? { channel: 'console', id: chat, kind: 'group' } : { channel: 'console', id: `private:${userId}`, kind: 'private' },
        sender: { id: userId, name: user },
        messageId: sayOptions.messageId ?? randomUUID(),
        text,
        ...(sayOptions.photo ? { photo: { ref: sayOptions.photo } } : {}),
      });
    },
    async restart() {
      await shut();
      return openWorld(file, options);
    },
    async close() {
      await shut();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}
