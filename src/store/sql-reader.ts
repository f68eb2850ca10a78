import Database from 'better-sqlite3';
import type { Prisma } from '../generated/prisma/client.js';

/**
 * Reads on the hottest paths (every dashboard request: the session, the viewer's roles, a Buku kas page)
 * as plain prepared statements. Through Prisma each of these costs about a millisecond of CPU, most of
 * it the client's own work; here it is tens of microseconds. Queries are written with `Prisma.sql`, so
 * a PostgreSQL reader can run the same ones (`query.text`, `query.values`) through `pg`.
 * Integers come back as bigint (exact for amounts); callers convert ids with Number().
 */
export interface SqlReader {
  all<T>(query: Prisma.Sql): T[];
  close(): void;
}

/** A read-only connection to the database file; WAL lets it read beside the writer without waiting. */
export function openSqlReader(file: string): SqlReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The same filters come back again and again, so each distinct statement is prepared once.
  const statements = new Map<string, Database.Statement>();
  return {
    all<T>(query: Prisma.Sql): T[] {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = db.prepare(query.sql).safeIntegers(true);
        statements.set(query.sql, statement);
      }
      return statement.all(...(query.values as unknown[])) as T[];
    },
    close: () => db.close(),
  };
}
