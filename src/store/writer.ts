import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { WriteConflict } from '../core/index.js';

export type Tx = Prisma.TransactionClient;

/**
 * A kind of write whose waiting requests can share one transaction. `apply` gets them in arrival order
 * and returns one result each; it must give every request the result it would get alone.
 */
export interface Lane<I, O> {
  readonly name: string;
  readonly maxBatch: number;
  apply(tx: Tx, inputs: readonly I[]): Promise<O[]>;
}

export interface Writer {
  /** One transaction of its own, in turn with every other write of this process. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Joins the requests of the same lane that are waiting into one transaction (group commit). */
  submit<I, O>(lane: Lane<I, O>, input: I): Promise<O>;
  /** Resolves when everything submitted so far is written. */
  idle(): Promise<void>;
}

interface Task {
  readonly lane: Lane<unknown, unknown>;
  readonly input: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const soloLane: Lane<(tx: Tx) => Promise<unknown>, unknown> = {
  name: 'solo',
  maxBatch: 1,
  async apply(tx, [work]) {
    return [await work!(tx)];
  },
};

const RETRIES = 8;

/** P1008: the driver gave up waiting (SQLite busy); P2034: write conflict or deadlock. */
const RETRYABLE_CODES = new Set(['P1008', 'P2034']);

function isRetryable(error: unknown): boolean {
  if (error instanceof WriteConflict) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  const text = String((error as { message?: unknown })?.message ?? error);
  return /SQLITE_BUSY|database is locked|Operation has timed out/i.test(text);
}

/**
 * SQLite's BEGIN IMMEDIATE, which Prisma cannot issue: a write statement, even one that matches no row,
 * takes the write lock before the transaction reads anything. A transaction that read first could not
 * upgrade while another process writes, and would fail at once instead of waiting its turn.
 */
async function takeWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('UPDATE "Wksbm" SET "nextNumber" = "nextNumber" WHERE 1 = 0');
}

/**
 * The single writer of this process. SQLite allows one writer at a time, and Prisma's per-query cost
 * dominates small transactions, so writes queue here: a lane's waiting requests commit together, and
 * nothing in this process ever competes for the write lock. Another process sharing the file (the
 * console) is waited for by the busy timeout; a conflict it causes is retried with backoff.
 */
export function createWriter(client: PrismaClient, log: Logger): Writer {
  const queue: Task[] = [];
  let draining: Promise<void> | null = null;

  async function transact<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.$transaction(
          async (tx) => {
            await takeWriteLock(tx);
            return work(tx);
          },
          { maxWait: 30_000, timeout: 30_000 },
        );
      } catch (error) {
        if (!isRetryable(error) || attempt >= RETRIES) throw error;
        const delay = Math.min(1000, 5 * 2 ** attempt) * (0.5 + Math.random());
        log.warn({ attempt, delay: Math.round(delay), err: error }, 'write conflict, retrying');
        await sleep(delay);
      }
    }
  }

  async function commit(batch: Task[]): Promise<void> {
    const lane = batch[0]!.lane;
    try {
      const outputs = await transact((tx) => lane.apply(tx, batch.map((task) => task.input)));
      batch.forEach((task, index) => task.resolve(outputs[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad request must not fail the others that happened to share its transaction.
      log.warn({ lane: lane.name, size: batch.length, err: error }, 'batch failed, writing its requests one by one');
      for (const task of batch) await commit([task]);
    }
  }

  /**
   * The oldest request's lane, with every request of that lane waiting behind it (up to its batch):
   * requests of different lanes are independent (a caller that needs one written before another awaits
   * it), so an inbox completion queued between two setoran does not split their transaction.
   */
  function nextBatch(): Task[] {
    const lane = queue[0]!.lane;
    const batch: Task[] = [];
    const rest: Task[] = [];
    for (const task of queue) (task.lane === lane && batch.length < lane.maxBatch ? batch : rest).push(task);
    queue.splice(0, queue.length, ...rest);
    return batch;
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) await commit(nextBatch());
    draining = null;
  }

  function submit<I, O>(lane: Lane<I, O>, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      queue.push({ lane: lane as Lane<unknown, unknown>, input, resolve: resolve as (value: unknown) => void, reject });
      // Starting on the next turn of the event loop lets the requests that arrive together (a batch of
      // updates from one poll) share the first transaction instead of the first one going alone.
      draining ??= new Promise<void>((next) => setImmediate(next)).then(drain);
    });
  }

  return {
    submit,
    run: (work) => submit(soloLane, work as (tx: Tx) => Promise<unknown>) as Promise<never>,
    idle: async () => {
      while (draining) await draining;
    },
  };
}
