import type { FundTotals, LedgerLine, ReportModel, ReportQuery } from '../core/index.js';

/** Lines handed out together; at most `WINDOW` chunks are held, so memory stays flat whatever the year. */
const CHUNK = 1_000;
const WINDOW = 2;

/**
 * A ReportQuery whose buku kas lines are read from the database once and handed to several renderers
 * running side by side (PDF, XLSX and CSV): each fund's lines are read a chunk at a time, every
 * consumer reads each chunk, and a chunk is let go once all have. A consumer that runs ahead waits for
 * the slowest, so at most a couple of chunks are in memory.
 *
 * Every consumer must ask for the lines of every fund, in the same order. `abort` releases consumers
 * still waiting when one of them has failed.
 */
export interface SharedLines extends ReportQuery {
  abort(error: unknown): void;
}

interface Broadcast {
  readonly source: AsyncIterator<LedgerLine>;
  readonly chunks: Map<number, { lines: LedgerLine[]; unread: number }>;
  loading: Promise<void> | null;
  loaded: number;
  done: boolean;
}

export function shareLines(query: ReportQuery, consumers: number): SharedLines {
  const broadcasts = new Map<number, Broadcast>();
  const waiters = new Set<{ resolve: () => void; reject: (error: unknown) => void }>();
  let failure: { error: unknown } | null = null;

  const changed = () => {
    for (const waiter of [...waiters]) waiter.resolve();
    waiters.clear();
  };
  const nextChange = () =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure.error);
      waiters.add({ resolve, reject });
    });

  async function load(broadcast: Broadcast): Promise<void> {
    const lines: LedgerLine[] = [];
    while (lines.length < CHUNK) {
      const next = await broadcast.source.next();
      if (next.done) {
        broadcast.done = true;
        break;
      }
      lines.push(next.value);
    }
    if (lines.length) broadcast.chunks.set(broadcast.loaded++, { lines, unread: consumers });
  }

  async function chunk(broadcast: Broadcast, index: number): Promise<LedgerLine[] | null> {
    for (;;) {
      if (failure) throw failure.error;
      const held = broadcast.chunks.get(index);
      if (held) {
        if (--held.unread === 0) {
          broadcast.chunks.delete(index);
          changed();
        }
        return held.lines;
      }
      if (index < broadcast.loaded) throw new Error(`chunk ${index} was released before every consumer read it`);
      if (broadcast.done) return null;
      // Reading further would hold more than the window: wait for the slowest consumer.
      if (index >= WINDOW && broadcast.chunks.has(index - WINDOW)) {
        await nextChange();
        continue;
      }
      broadcast.loading ??= load(broadcast).finally(() => {
        broadcast.loading = null;
        changed();
      });
      await broadcast.loading;
    }
  }

  return {
    report: (request) => query.report(request),
    async *lines(model: ReportModel, totals: FundTotals) {
      let broadcast = broadcasts.get(totals.fund.id);
      if (!broadcast) {
        broadcast = { source: query.lines(model, totals)[Symbol.asyncIterator](), chunks: new Map(), loading: null, loaded: 0, done: false };
        broadcasts.set(totals.fund.id, broadcast);
      }
      for (let index = 0; ; index++) {
        const lines = await chunk(broadcast, index);
        if (!lines) return;
        yield* lines;
      }
    },
    abort(error) {
      failure = { error };
      for (const waiter of [...waiters]) waiter.reject(error);
      waiters.clear();
    },
  };
}
