import type Database from 'better-sqlite3';
import type { Prisma } from '../generated/prisma/client.js';
import { dialectFor, type TxSql } from './dialect.js';

/** Raw SQL on the write connection, and transactions opened on it directly. */
export interface DirectSql extends TxSql {
  /**
   * BEGIN IMMEDIATE (the write lock first, as every write transaction takes it), `work`, COMMIT; ROLLBACK
   * if it throws. Prisma's own transaction costs about 0.3 ms of CPU more, paid by every batch.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

const sqlite = dialectFor('sqlite');

/** Statements kept prepared; IN lists of every length a batch can have fit many times over. */
const MAX_STATEMENTS = 1_000;

/**
 * The writer's hottest statements on SQLite, run on the Prisma adapter's own connection while Prisma's
 * transaction is open on it (the writer is that connection's only user, one transaction at a time), so
 * they are part of that transaction. Through Prisma each raw statement is compiled, planned and prepared
 * again, a few hundred microseconds of CPU; prepared once here it costs a few. `connection` is asked
 * every time: the adapter opens a new one if it reconnects, and statements of the old one are dropped.
 */
export function directSql(connection: () => Database.Database): DirectSql {
  const statements = new Map<string, Database.Statement>();
  let owner: Database.Database | undefined;
  /** BEGIN, COMMIT and ROLLBACK of `owner`, prepared once like the rest. */
  let control: { begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement } | undefined;
  function own(db: Database.Database): void {
    if (db === owner) return;
    statements.clear();
    control = undefined;
    owner = db;
  }
  function controlOf(db: Database.Database) {
    own(db);
    return (control ??= { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') });
  }
  function prepare(text: string): Database.Statement {
    const db = connection();
    // Prisma ends a transaction that runs past its timeout; a statement after that would commit on its
    // own, so it fails instead, as Prisma's own queries on a closed transaction do.
    if (!db.inTransaction) throw new Error('a direct SQL statement ran outside the write transaction');
    own(db);
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  }
  // As the adapter binds them: a DateTime as the text it stores, a boolean as 0 or 1.
  const bind = (query: Prisma.Sql) =>
    (query.values as unknown[]).map((value) =>
      value instanceof Date ? sqlite.time(value) : typeof value === 'boolean' ? Number(value) : value,
    );
  return {
    all: async <T>(query: Prisma.Sql) => prepare(query.sql).all(...bind(query)) as T[],
    run: async (query) => prepare(query.sql).run(...bind(query)).changes,
    async transaction(work) {
      const db = connection();
      const { begin, commit, rollback } = controlOf(db);
      begin.run();
      try {
        const result = await work();
        commit.run();
        return result;
      } catch (error) {
        // A failed COMMIT (the disk full) may have ended the transaction already.
        if (db.inTransaction) rollback.run();
        throw error;
      }
    },
  };
}
