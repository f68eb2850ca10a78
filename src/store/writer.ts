import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { bindDialect, type Dialect, type TxSql } from './dialect.js';
import { WriteConflict } from '../core/index.js';

/**
 * A transaction's client. Await its queries one at a time, never in a `Promise.all`: on PostgreSQL every
 * query of a transaction goes down one connection, and `pg` queues a query sent while another runs there
 * (deprecated in pg 8, refused in pg 9). A helper that takes either client follows the same rule.
 */
export type Tx = Prisma.TransactionClient;

/**
 * A kind of write whose waiting requests can share one transaction. `apply` gets them in arrival order
 * and returns one result each; it must give every request the result it would get alone.
 */
export interface Lane<I, O> {
  readonly name: string;
  readonly maxBatch: number;
  /**
   * Written before every request of a lane that is not urgent, whenever they arrived: for small writes
   * that a claim's or lease's holder must make before time runs out elsewhere (a message marked sent, a
   * lease renewed). Behind a burst of inbox work they would wait seconds: a kill in that time loses the
   * mark, and a lease that runs out meanwhile lets another instance send the message again.
   */
  readonly urgent?: boolean;
  apply(tx: Tx, inputs: readonly I[]): Promise<O[]>;
}

export interface Writer {
  /** The engine's differences, for lanes that write raw SQL. */
  readonly dialect: Dialect;
  /** One transaction of its own, in turn with every other write of this process (`urgent`: see Lane). */
  run<T>(work: (tx: Tx) => Promise<T>, options?: { readonly urgent?: boolean }): Promise<T>;
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
const urgentSoloLane: Lane<(tx: Tx) => Promise<unknown>, unknown> = { ...soloLane, name: 'solo-urgent', urgent: true };

const RETRIES = 8;

/**
 * The single writer of this process. The database takes one writer at a time (SQLite's lock, or the
 * dialect's advisory lock on PostgreSQL), and Prisma's per-query cost dominates small transactions, so
 * writes queue here: a lane's waiting requests commit together, and nothing in this process ever competes
 * for the write lock. Another process (the console, another instance) is waited for; a conflict or a
 * dropped connection is retried with backoff. `sql` runs raw SQL on the transaction's own connection
 * where the engine allows it (SQLite, see direct-sql.ts); without it raw SQL goes through Prisma.
 */
export function createWriter(client: PrismaClient, dialect: Dialect, log: Logger, sql?: TxSql): Writer {
  const queue: Task[] = [];
  let draining: Promise<void> | null = null;

  async function transact<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.$transaction(
          async (tx) => {
            bindDialect(tx, dialect, sql);
            await dialect.takeWriteLock(tx);
            return work(tx);
          },
          { maxWait: 30_000, timeout: 30_000 },
        );
      } catch (error) {
        if (!(error instanceof WriteConflict || dialect.isRetryable(error)) || attempt >= RETRIES) throw error;
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
   * The oldest urgent request's lane, else the oldest request's, with every request of that lane waiting
   * behind it (up to its batch): requests of different lanes are independent (a caller that needs one
   * written before another awaits it), so an inbox completion queued between two setoran does not split
   * their transaction.
   */
  function nextBatch(): Task[] {
    const lane = (queue.find((task) => task.lane.urgent) ?? queue[0]!).lane;
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
    dialect,
    submit,
    run: (work, options) => submit(options?.urgent ? urgentSoloLane : soloLane, work as (tx: Tx) => Promise<unknown>) as Promise<never>,
    idle: async () => {
      while (draining) await draining;
    },
  };
}
