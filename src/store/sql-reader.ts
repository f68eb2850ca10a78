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
  // The same filters come back again and again, so each distinct statement is prepared once. Rows come
  // as arrays and are named here: better-sqlite3 building the objects itself costs about twice as much
  // (a 50-row Buku kas page: the largest part of its CPU time).
  const statements = new Map<string, { statement: Database.Statement; names: readonly string[] }>();
  return {
    all<T>(query: Prisma.Sql): T[] {
      const text = query.sql;
      let prepared = statements.get(text);
      if (!prepared) {
        const statement = db.prepare(text).safeIntegers(true).raw(true);
        prepared = { statement, names: statement.columns().map((column) => column.name) };
        statements.set(text, prepared);
      }
      const { statement, names } = prepared;
      const rows = statement.all(...(query.values as unknown[])) as unknown[][];
      return rows.map((values) => {
        const row: Record<string, unknown> = {};
        for (let index = 0; index < names.length; index++) row[names[index]!] = values[index];
        return row as T;
      });
    },
    close: () => db.close(),
  };
}
