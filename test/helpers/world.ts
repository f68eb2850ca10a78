import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createCore, createDashboard, type ChannelSender, type Clock, type Core, type Dashboard, type Inbound } from '../../src/core/index.js';
import { openDb, type Db } from '../../src/db.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { createDispatcher, createRateLimiter, TELEGRAM_LIMITS } from '../../src/scheduler/index.js';
import type { ChannelNotifier } from '../../src/delivery/notifier.js';
import type { Writer } from '../../src/store/writer.js';
import { createTestDatabase, dropTestDatabase } from './database.js';
import { tmpDir } from './paths.js';

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

/** A message the bot sent on its own (a notice), to a console chat: `private:<user id>` or a group. */
export interface SentNotice {
  readonly chatId: string;
  readonly text: string;
}

/** A document the bot sent to a console chat, copied where the test can read it after the send. */
export interface SentDocument {
  readonly chatId: string;
  readonly fileName: string;
  readonly path: string;
}

export interface WorldOptions {
  /** Where the stores and the notifier log; silent by default. */
  readonly log?: Logger;
  /** Makes every notice send fail, as an unreachable platform would. */
  readonly failNotices?: boolean;
  /** Another world on this database (a second process); a fresh copy of the template otherwise. */
  readonly url?: string;
  /** Shared time between worlds. */
  readonly clock?: TestClock;
  /** PUBLIC_URL: turns /dasbor on. */
  readonly publicUrl?: string;
}

export interface World {
  readonly db: Db;
  readonly core: Core;
  /** The dashboard's use cases over the same ports. */
  readonly dashboard: Dashboard;
  readonly writer: Writer;
  readonly stores: Stores;
  readonly clock: TestClock;
  /** Where a channel under test registers its sender; the console's records into `notices`. */
  readonly notifier: ChannelNotifier;
  /** Notices sent through the console channel, in order. */
  readonly notices: SentNotice[];
  /** Documents sent through the console channel, in order. */
  readonly documents: SentDocument[];
  /** Sends every due outbox message through the console channel, as a scheduler would; returns how many. */
  deliver(): Promise<number>;
  /** Sends one message and returns the reply texts joined by newlines. */
  say(user: string, text: string, options?: { chat?: string | null; messageId?: string; photo?: string }): Promise<string>;
  /** Sends one message as it is. */
  send(message: Inbound): Promise<string>;
  /** Closes this world's database and opens a new core over the same file, as a restarted server would. */
  restart(): Promise<World>;
  close(): Promise<void>;
}

/** A message in a console group chat (`rt05` unless told otherwise), or with `chat: null` a private one. */
export const groupMessage = (user: string, text: string, chat: string | null = 'rt05', messageId: string = randomUUID()): Inbound => {
  const userId = user.toLowerCase();
  return {
    chat: chat ? { channel: 'console', id: chat, kind: 'group' } : { channel: 'console', id: `private:${userId}`, kind: 'private' },
    sender: { id: userId, name: user },
    messageId,
    text,
  };
};

/** A real database (a SQLite file, or PostgreSQL in the suite's second run) copied from the migrated template, with the core and stores over it. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const url = options.url ?? (await createTestDatabase());
  return openWorld(url, { ...options, clock: options.clock ?? createTestClock() }, !options.url);
}

async function openWorld(url: string, options: WorldOptions & { clock: TestClock }, owned: boolean): Promise<World> {
  const db = await openDb(url);
  const stores = createStores(db, options.log ?? pino({ level: 'silent' }));
  const notices: SentNotice[] = [];
  const documents: SentDocument[] = [];
  const consoleSender: ChannelSender = {
    channel: 'console',
    async send(chatId, replies) {
      if (options.failNotices) throw new Error('send failed');
      for (const reply of replies) notices.push({ chatId, text: reply.text });
    },
    async sendDocument(chatId, document) {
      const kept = path.join(tmpDir(), `${randomUUID()}-${document.fileName}`);
      copyFileSync(document.path, kept);
      documents.push({ chatId, fileName: document.fileName, path: kept });
    },
  };
  stores.notifier.register(consoleSender);
  const { clock } = options;
  const deps = { ...stores, clock, publicUrl: options.publicUrl };
  const core = createCore(deps);
  const dispatcher = createDispatcher({
    outbox: stores.outbox,
    planner: stores.planner,
    reports: { reports: stores.reports, monthly: stores.monthly, filesDir: tmpDir() },
    proofs: { proofs: stores.proofs, filesDir: tmpDir() },
    senders: [consoleSender],
    limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
    clock,
    log: options.log ?? pino({ level: 'silent' }),
  });
  const send = async (message: Inbound) => (await core.handle(message)).map((reply) => reply.text).join('\n');
  const shut = async () => {
    await stores.writer.idle();
    await db.close();
  };
  return {
    db,
    core,
    dashboard: createDashboard(deps),
    writer: stores.writer,
    stores,
    clock,
    notifier: stores.notifier,
    notices,
    documents,
    async deliver() {
      let total = 0;
      for (let claimed = await dispatcher.runOnce(); claimed > 0; claimed = await dispatcher.runOnce()) total += claimed;
      return total;
    },
    send,
    say(user, text, sayOptions = {}) {
      const message = groupMessage(user, text, sayOptions.chat === undefined ? 'rt05' : sayOptions.chat, sayOptions.messageId);
      return send(sayOptions.photo ? { ...message, photo: { ref: sayOptions.photo } } : message);
    },
    async restart() {
      await shut();
      return openWorld(url, options, owned);
    },
    async close() {
      await shut();
      if (owned) await dropTestDatabase(url);
    },
  };
}
