import type { Engine } from '../db-url.js';
import { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/** A value in raw SQL written by the store (batch inserts and updates). */
export type SqlValue = string | number | bigint | Date | null;

/**
 * What differs between SQLite and PostgreSQL, in one place. Everything else in the store is Prisma
 * and portable SQL, and nothing above the store knows which engine runs.
 */
export interface Dialect {
  readonly engine: Engine;
  /**
   * The first statement of every write transaction: it makes writers take turns across processes and
   * instances, so what a transaction read stays true until it commits (the stores read, decide, then write).
   */
  takeWriteLock(tx: Tx): Promise<void>;
  /** A failure caused by another writer or a dropped connection, after which the transaction is tried again. */
  isRetryable(error: unknown): boolean;
  /** A DateTime for raw SQL, so rows inserted by hand read back like Prisma's own. */
  time(date: Date): SqlValue;
  /**
   * The time every instance agrees on, for leases: the database server's clock on PostgreSQL (instances
   * on several machines), this machine's on SQLite (every process on the file runs here).
   */
  now(tx: Tx): Promise<Date>;
}

/** P1008: the driver gave up waiting (SQLite busy); P2034: write conflict or deadlock. */
const PRISMA_RETRYABLE = new Set(['P1008', 'P2034']);

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
const messageOf = (error: unknown): string => String((error as { message?: unknown } | null)?.message ?? error);

/** The instant last written and its text: a batch writes one instant into many rows (createdAt, a claim's lease). */
let lastTime = { ms: NaN, text: '' };

/** How the SQLite adapter writes a DateTime, so a text comparison orders instants correctly. */
export function sqliteTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastTime.ms) lastTime = { ms, text: date.toISOString().replace('Z', '+00:00') };
  return lastTime.text;
}

const sqlite: Dialect = {
  engine: 'sqlite',
  // SQLite's BEGIN IMMEDIATE, which Prisma cannot issue: a write statement, even one that matches no row,
  // takes the write lock before the transaction reads anything. A transaction that read first could not
  // upgrade while another process writes, and would fail at once instead of waiting its turn.
  // On the transaction's cheapest path (sqlOf): it runs once per transaction, and through Prisma it cost
  // more CPU than the rest of a small transaction.
  async takeWriteLock(tx) {
    await sqlOf(tx).run(Prisma.sql`UPDATE "Wksbm" SET "nextNumber" = "nextNumber" WHERE 1 = 0`);
  },
  isRetryable(error) {
    const code = codeOf(error);
    if (typeof code === 'string' && PRISMA_RETRYABLE.has(code)) return true;
    return /SQLITE_BUSY|database is locked|Operation has timed out/i.test(messageOf(error));
  },
  time: sqliteTime,
  now: async () => new Date(),
};

/** The advisory lock every write transaction takes (any constant; "wksb" in ASCII). */
const WRITE_LOCK_KEY = 0x776b7362;

/**
 * SQLSTATEs worth another try: serialization failure, deadlock, lock not available, and the server
 * closing or refusing connections (a restart or fail-over of PostgreSQL).
 */
const POSTGRES_RETRYABLE = /\b(40001|40P01|55P03|57P01|57P02|57P03|08000|08003|08006)\b/;

const postgresql: Dialect = {
  engine: 'postgresql',
  // One transaction-scoped advisory lock for all writers keeps SQLite's guarantee (one writer at a time,
  // across every instance) without auditing each read-then-write for races; it is released at commit.
  // Group commit keeps the lock's cost per row small (see README, "Lebih dari satu mesin").
  async takeWriteLock(tx) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
  },
  isRetryable(error) {
    const code = codeOf(error);
    if (typeof code === 'string' && (PRISMA_RETRYABLE.has(code) || code === 'P1001' || code === 'P1017')) return true;
    const text = messageOf(error);
    return POSTGRES_RETRYABLE.test(text) || /ECONNRESET|ECONNREFUSED|Connection terminated|Server has closed the connection/i.test(text);
  },
  time: (date) => date,
  async now(tx) {
    const [row] = await tx.$queryRawUnsafe<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    return row!.now;
  },
};

export function dialectFor(engine: Engine): Dialect {
  return engine === 'postgresql' ? postgresql : sqlite;
}

/**
 * Raw SQL inside a write transaction: through Prisma ($queryRaw, $executeRaw), or, where the writer has
 * the transaction's own connection (SQLite), as prepared statements on it (see store/direct-sql.ts).
 * Integers may come back as number or bigint, DateTime columns as Date or text: callers convert.
 */
export interface TxSql {
  all<T>(query: Prisma.Sql): Promise<T[]>;
  /** The number of rows changed. */
  run(query: Prisma.Sql): Promise<number>;
}

const throughPrisma = (tx: Tx): TxSql => ({
  all: <T>(query: Prisma.Sql) => tx.$queryRaw<T[]>(query),
  run: (query) => tx.$executeRaw(query),
});

/** The dialect of each open write transaction, set by the writer, so raw SQL helpers need no extra argument. */
const transactions = new WeakMap<Tx, { readonly dialect: Dialect; readonly sql: TxSql }>();

export function bindDialect(tx: Tx, dialect: Dialect, sql: TxSql = throughPrisma(tx)): void {
  transactions.set(tx, { dialect, sql });
}

function boundTo(tx: Tx) {
  const bound = transactions.get(tx);
  if (!bound) throw new Error('a raw SQL helper ran outside a writer transaction');
  return bound;
}

/** The engine a transaction runs on; every transaction comes from the writer, which binds it. */
export const dialectOf = (tx: Tx): Dialect => boundTo(tx).dialect;

/** Raw SQL in this transaction, the cheapest way its engine allows. */
export const sqlOf = (tx: Tx): TxSql => boundTo(tx).sql;
