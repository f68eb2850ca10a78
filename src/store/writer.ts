import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { bindDialect, type Dialect } from './dialect.js';
import type { DirectSql } from './direct-sql.js';
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
  /** `apply` runs raw SQL only (see WriteOptions.rawSql). */
  readonly rawSql?: boolean;
  apply(tx: Tx, inputs: readonly I[]): Promise<O[]>;
}

export interface WriteOptions {
  /** See Lane.urgent. */
  readonly urgent?: boolean;
  /**
   * The work runs raw SQL only (`sqlOf`, the helpers of sql.ts), no Prisma query: where the writer has
   * the connection (SQLite) its transaction is then opened there, without Prisma's, and a Prisma query
   * in it fails at once. For the writes of every message handled and sent.
   */
  readonly rawSql?: boolean;
}

export interface Writer {
  /** The engine's differences, for lanes that write raw SQL. */
  readonly dialect: Dialect;
  /** One transaction of its own, in turn with every other write of this process (`urgent`: see Lane). */
  run<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
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

type Work = (tx: Tx) => Promise<unknown>;

/** One lane for each kind of `run`, so that each kind's requests wait in line together. */
const soloLanes = new Map<string, Lane<Work, unknown>>();
function soloLane({ urgent = false, rawSql = false }: WriteOptions = {}): Lane<Work, unknown> {
  const name = `solo${urgent ? '-urgent' : ''}${rawSql ? '-raw' : ''}`;
  let lane = soloLanes.get(name);
  if (!lane) {
    lane = { name, maxBatch: 1, urgent, rawSql, apply: async (tx, [work]) => [await work!(tx)] };
    soloLanes.set(name, lane);
  }
  return lane;
}

/**
 * The transaction client of a raw-SQL transaction: `sqlOf` finds its SQL by this object, and anything
 * else asked of it (a Prisma query) fails, rather than running on the connection outside the writer's
 * control (a Prisma query that opens a transaction of its own there would wait forever).
 */
function rawSqlOnly(): Tx {
  return new Proxy({} as Tx, {
    get(_target, property) {
      throw new Error(`Prisma's ${String(property)} in a write transaction that runs raw SQL only`);
    },
  });
}

const RETRIES = 8;

/**
 * The single writer of this process. The database takes one writer at a time (SQLite's lock, or the
 * dialect's advisory lock on PostgreSQL), and Prisma's per-query cost dominates small transactions, so
 * writes queue here: a lane's waiting requests commit together, and nothing in this process ever competes
 * for the write lock. Another process (the console, another instance) is waited for; a conflict or a
 * dropped connection is retried with backoff. `direct` runs raw SQL, and raw-SQL transactions, on the
 * write connection where the engine allows it (SQLite, see direct-sql.ts); without it both go through Prisma.
 */
export function createWriter(client: PrismaClient, dialect: Dialect, log: Logger, direct?: DirectSql): Writer {
  const queue: Task[] = [];
  let draining: Promise<void> | null = null;

  function once<T>(work: (tx: Tx) => Promise<T>, rawSql: boolean): Promise<T> {
    if (rawSql && direct) {
      return direct.transaction(() => {
        const tx = rawSqlOnly();
        bindDialect(tx, dialect, direct);
        return work(tx);
      });
    }
    return client.$transaction(
      async (tx) => {
        bindDialect(tx, dialect, direct);
        await dialect.takeWriteLock(tx);
        return work(tx);
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
  }

  async function transact<T>(work: (tx: Tx) => Promise<T>, rawSql: boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(work, rawSql);
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
      const outputs = await transact((tx) => lane.apply(tx, batch.map((task) => task.input)), lane.rawSql ?? false);
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
    run: (work, options) => submit(soloLane(options), work as Work) as Promise<never>,
    idle: async () => {
      while (draining) await draining;
    },
  };
}
