import Database from 'better-sqlite3';
import pg from 'pg';
import type { Prisma } from '../generated/prisma/client.js';

/**
 * Reads on the hottest paths (every dashboard request: the session, the viewer's roles, a Buku kas page)
 * as plain prepared statements. Through Prisma each of these costs about a millisecond of CPU, most of
 * it the client's own work; here it is tens of microseconds. Queries are written with `Prisma.sql`, so
 * each engine runs the same text: SQLite with `?` placeholders (`query.sql`), PostgreSQL through `pg`
 * with `$n` ones (`query.text`). Integers that may be large come back as bigint (exact for amounts),
 * DateTime columns as a value `new Date()` reads; callers convert ids with Number().
 */
export interface SqlReader {
  all<T>(query: Prisma.Sql): Promise<T[]>;
  /** A DateTime as a query parameter, compared like the stored column. */
  time(date: Date): string;
  close(): Promise<void>;
}

/** A read-only connection to the database file; WAL lets it read beside the writer without waiting. */
export function openSqlReader(file: string): SqlReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The same filters come back again and again, so each distinct statement is prepared once.
  const statements = new Map<string, Database.Statement>();
  return {
    async all<T>(query: Prisma.Sql): Promise<T[]> {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = db.prepare(query.sql).safeIntegers(true);
        statements.set(query.sql, statement);
      }
      return statement.all(...(query.values as unknown[])) as T[];
    },
    // How the SQLite adapter stores a DateTime, so a text comparison orders instants correctly.
    time: (date) => date.toISOString().replace('Z', '+00:00'),
    close: async () => {
      db.close();
    },
  };
}

/** Prisma keeps DateTime as TIMESTAMP(3) without a zone, in UTC; `pg` would read it in the process's zone. */
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** A small pool of its own next to Prisma's: plain `pg` with named prepared statements. */
export function openPostgresReader(url: string): SqlReader {
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
    // A zone in the text is ignored by a TIMESTAMP without one: the UTC digits are compared as stored.
    time: (date) => date.toISOString(),
    close: () => pool.end(),
  };
}
