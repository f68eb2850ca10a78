import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { createCore, type Clock, type Core, type Inbound } from '../../src/core/index.js';
import { openDb, type Db } from '../../src/db.js';
import { createStores, type Stores } from '../../src/store/index.js';
import type { Writer } from '../../src/store/writer.js';
import { templateDb, tmpDir } from './paths.js';

/** A clock tests set and move by hand; nothing in a test waits on real time for a schedule. */
export interface TestClock extends Clock {
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function createTestClock(start: string | Date = new Date()): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => (current = new Date(iso)),
    advance: (ms) => (current = new Date(current.getTime() + ms)),
  };
}

export interface World {
  readonly db: Db;
  readonly core: Core;
  readonly writer: Writer;
  readonly stores: Stores;
  readonly clock: TestClock;
  /** Sends one message and returns the reply texts joined by newlines. */
  say(user: string, text: string, options?: { chat?: string | null; messageId?: string }): Promise<string>;
  /** Sends one message as it is. */
  send(message: Inbound): Promise<string>;
  close(): Promise<void>;
}

/** The group chat `say` writes in unless told otherwise. */
export const groupMessage = (user: string, text: string, chat: string | null = 'rt05', messageId: string = randomUUID()): Inbound => {
  const userId = user.toLowerCase();
  return {
    chat: chat ? { channel: 'console', id: chat, kind: 'group' } : { channel: 'console', id: `private:${userId}`, kind: 'private' },
    sender: { id: userId, name: user },
    messageId,
    text,
  };
};

/**
 * A real SQLite file copied from the migrated template, with the core and stores over it. `file`
 * opens another world on the same database (a second process); `clock` is shared time.
 */
export async function createWorld(options: { file?: string; clock?: TestClock } = {}): Promise<World> {
  const file = options.file ?? path.join(tmpDir(), `${randomUUID()}.db`);
  if (!options.file) copyFileSync(templateDb(), file);
  const db = await openDb(`file:${file}`);
  const stores = createStores(db, pino({ level: 'silent' }));
  const clock = options.clock ?? createTestClock();
  const core = createCore({ ...stores, clock });
  const send = async (message: Inbound) => (await core.handle(message)).map((reply) => reply.text).join('\n');
  return {
    db,
    core,
    writer: stores.writer,
    stores,
    clock,
    send,
    say(user, text, options = {}) {
      return send(groupMessage(user, text, options.chat === undefined ? 'rt05' : options.chat, options.messageId));
    },
    async close() {
      await stores.writer.idle();
      await db.close();
      if (!options.file) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}
