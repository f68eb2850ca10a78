import type { Logger } from 'pino';
import type { ChannelName, Clock } from '../core/index.js';
import { errorType, safeError } from '../log-safe.js';
import type { InboxRow, InboxStore, OutboxDraft } from '../store/inbox.js';

/** How a channel handles its stored updates. */
export interface InboxHandler {
  /**
   * Handles one update; resolves with what to send, which is committed with the row's completion. While
   * tries are left (`last` false), something not known just now (a platform look-up that failed) is
   * better thrown and tried again with backoff than answered with "coba lagi", which loses the update.
   */
  handle(row: InboxRow, attempt: { readonly last: boolean }): Promise<readonly OutboxDraft[]>;
  /** After the last failed try: what tells the person that something went wrong (never silence). */
  failed(row: InboxRow): readonly OutboxDraft[];
}

export interface InboxWorkerOptions {
  readonly batch: number;
  /** Most rows of one chat in a claim; handled one after the other. */
  readonly perChat: number;
  /** Longer than handling one claim can take (admin look-ups and writes are bounded by their timeouts). */
  readonly leaseMs: number;
  /** Tries before the person is told it failed. */
  readonly maxAttempts: number;
  /** First retry delay, doubled each try. */
  readonly backoffMs: number;
  /** Longest sleep when nothing is due (updates stored by another process are seen this late). */
  readonly pollMs: number;
  /** Loops claiming side by side: one handles a batch while the other claims the next. */
  readonly workers: number;
}

export const INBOX_DEFAULTS: InboxWorkerOptions = {
  batch: 256,
  perChat: 16,
  leaseMs: 30_000,
  maxAttempts: 4,
  backoffMs: 1_000,
  pollMs: 1_000,
  workers: 2,
};

export interface InboxWorker {
  start(): void;
  /** Something was stored: look now rather than at the next poll. */
  wake(): void;
  /** Whether a round (claiming or handling) is under way now. */
  busy(): boolean;
  /** Finishes the updates being handled (up to `graceMs`), hands the others back, then resolves. */
  stop(graceMs?: number): Promise<void>;
}

export interface InboxWorkerDeps {
  readonly store: InboxStore;
  readonly channel: ChannelName;
  readonly handler: InboxHandler;
  readonly clock: Clock;
  readonly log: Logger;
  readonly options?: Partial<InboxWorkerOptions>;
}

/**
 * Handles a channel's stored updates: claimed like outbox rows (so two instances never handle one row at
 * the same time, and a row held by a process that died is taken again when its lease runs out), a chat's
 * in order, different chats side by side. A failure is tried again with backoff; after the last try the
 * person is told.
 */
export function createInboxWorker(deps: InboxWorkerDeps): InboxWorker {
  const options = { ...INBOX_DEFAULTS, ...deps.options };
  const { store, log } = deps;
  let running = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function handleOne(row: InboxRow): Promise<void> {
    const since = await store.mark();
    try {
      const messages = await deps.handler.handle(row, { last: row.attempts + 1 >= options.maxAttempts });
      await store.finish(row, messages, { status: 'done' }, deps.clock.now(), since);
    } catch (error) {
      const attempts = row.attempts + 1;
      const type = errorType(error);
      if (attempts >= options.maxAttempts) {
        log.error({ update: row.key, attempts, error: safeError(error) }, 'update given up; the person is told');
        await store.finish(row, deps.handler.failed(row), { status: 'failed', error: type }, deps.clock.now(), since);
        return;
      }
      const delay = options.backoffMs * 2 ** row.attempts;
      log.warn({ update: row.key, attempts, delay, error: safeError(error) }, 'update failed, will retry');
      await store.retry(row, new Date(deps.clock.now().getTime() + delay), type);
    }
  }

  /** One chat's rows in order: once one is not done, the later ones wait for it. */
  async function handleChat(rows: readonly InboxRow[]): Promise<void> {
    for (const row of rows) {
      if (!running) {
        await store.release(row);
        continue;
      }
      await handleOne(row);
    }
  }

  async function round(): Promise<number> {
    const now = deps.clock.now();
    const rows = await store.claim({ channel: deps.channel, now, limit: options.batch, perChat: options.perChat, leaseMs: options.leaseMs });
    if (rows.length === 0) {
      const next = await store.nextDue(deps.channel, deps.clock.now());
      return next ? Math.min(options.pollMs, Math.max(10, next.getTime() - deps.clock.now().getTime())) : options.pollMs;
    }
    const byChat = new Map<string, InboxRow[]>();
    for (const row of rows) byChat.set(row.chatKey, [...(byChat.get(row.chatKey) ?? []), row]);
    await Promise.all([...byChat.values()].map(handleChat));
    return 0;
  }

  let rounds = 0;

  async function loop(): Promise<void> {
    while (running) {
      try {
        rounds++;
        const waitMs = await round().finally(() => rounds--);
        if (waitMs > 0 && running) await sleep(waitMs);
      } catch (error) {
        log.error({ error: safeError(error), channel: deps.channel }, 'inbox round failed');
        if (running) await sleep(options.pollMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: options.workers }, loop);
    },
    wake() {
      for (const wake of [...sleepers]) wake();
    },
    busy: () => rounds > 0,
    async stop(graceMs = 3_000) {
      running = false;
      for (const wake of [...sleepers]) wake();
      // An update still being handled after the grace keeps its claim; its lease hands it to the next start.
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
