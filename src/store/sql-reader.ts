import Database from 'better-sqlite3';
import type { Prisma } from '../generated/prisma/client.js';
import { sqliteTime } from './dialect.js';

/**
 * Reads on the hottest paths (every dashboard request: the session, the viewer's roles, a Buku kas page)
 * as plain prepared statements. Through Prisma each of these costs about a millisecond of CPU, most of
 * it the client's own work; here it is tens of microseconds. Queries are written with `Prisma.sql`, so
 * each engine runs the same text: SQLite with `?` placeholders (`query.sql`), PostgreSQL through `pg`
 * with `$n` ones (`query.text`). Integers that may be large come back as bigint (exact for amounts),
 * DateTime columns as a value `new Date()` reads; callers convert ids with Number().
 * Rows may be shared between calls: callers read them and never change them.
 */
export interface SqlReader {
  all<T>(query: Prisma.Sql): Promise<T[]>;
  /**
   * A number that changes whenever anything is committed to the database, by any connection or process
   * (SQLite's data_version, read on this connection, which never writes itself); null on PostgreSQL,
   * which has no such counter. Equal numbers mean every read in between saw the same data.
   */
  version(): number | null;
  /** A DateTime as a query parameter, compared like the stored column. */
  time(date: Date): string;
  close(): Promise<void>;
}

/** Answers kept while nothing was committed; far more than the distinct pages people open in between. */
const MAX_ANSWERS = 2_000;

/** Equal for equal parameter lists; a parameter's type is part of it (1 and '1' bind differently). */
const valuesKey = (values: readonly unknown[]): string => values.map((value) => `${typeof value}:${String(value)}`).join('\u0001');

/** A read-only connection to the database file; WAL lets it read beside the writer without waiting. */
export function openSqlReader(file: string): SqlReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The same filters come back again and again, so each distinct statement is prepared once. Rows come
  // as arrays and are named here: better-sqlite3 building the objects itself costs about twice as much
  // (a 50-row Buku kas page: the largest part of its CPU time).
  const statements = new Map<string, { statement: Database.Statement; names: readonly string[]; answers: Map<string, unknown[]> }>();
  // SQLite's data_version changes whenever any other connection (this server's writer, the console,
  // another instance on the file) commits, and this connection only reads: while it stands still, an
  // answer read before is exactly what the database would answer again. A commit drops them all.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const version = () => dataVersion.get() as number;
  let seenVersion = version();
  let answerCount = 0;

  function forgetAnswers(): void {
    for (const prepared of statements.values()) prepared.answers.clear();
    answerCount = 0;
  }

  return {
    async all<T>(query: Prisma.Sql): Promise<T[]> {
      const now = version();
      if (now !== seenVersion || answerCount >= MAX_ANSWERS) {
        forgetAnswers();
        seenVersion = now;
      }
      const text = query.sql;
      let prepared = statements.get(text);
      if (!prepared) {
        const statement = db.prepare(text).safeIntegers(true).raw(true);
        prepared = { statement, names: statement.columns().map((column) => column.name), answers: new Map() };
        statements.set(text, prepared);
      }
      const values = query.values as unknown[];
      const key = valuesKey(values);
      let rows = prepared.answers.get(key);
      if (!rows) {
        const { names } = prepared;
        rows = (prepared.statement.all(...values) as unknown[][]).map((row) => {
          const named: Record<string, unknown> = {};
          for (let index = 0; index < names.length; index++) named[names[index]!] = row[index];
          return named;
        });
        prepared.answers.set(key, rows);
        answerCount++;
      }
      // A copy of the list (callers may sort it); the rows themselves are shared.
      return rows.slice() as T[];
    },
    version,
    time: sqliteTime,
    close: async () => {
      db.close();
    },
  };
}

/** Prisma keeps DateTime as TIMESTAMP(3) without a zone, in UTC; `pg` would read it in the process's zone. */
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** A small pool of its own next to Prisma's: plain `pg` with named prepared statements. */
export async function openPostgresReader(url: string): Promise<SqlReader> {
  // Loaded only on PostgreSQL: a server on SQLite does not pay for pg at every start.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
        if (oid === INT8_OID) return (value: string) => BigInt(value);
        return pg.types.getTypeParser(oid, format ?? 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closed (a restart, a dropped database) leaves the pool; the next query
  // opens another. Without a listener the pool's error event would end the process.
  pool.on('error', () => undefined);
  const names = new Map<string, string>();
  return {
    async all<T>(query: Prisma.Sql): Promise<T[]> {
      let name = names.get(query.text);
      if (!name) names.set(query.text, (name = `wksbm_read_${names.size}`));
      const result = await pool.query({ name, text: query.text, values: query.values as unknown[] });
      return result.rows as T[];
    },
    version: () => null,
    // A zone in the text is ignored by a TIMESTAMP without one: the UTC digits are compared as stored.
    time: (date) => date.toISOString(),
    close: () => pool.end(),
  };
}
