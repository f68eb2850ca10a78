/**
 * `npm run db:copy -- --from file:./data/wksbm.db --to postgresql://user:pass@host/wksbm`
 *
 * Moves a WKSBM database from SQLite to PostgreSQL: both are migrated to the same version first, the
 * target must be empty, every row of every table is copied in one PostgreSQL transaction (keys kept,
 * sequences moved past them), and the copy is then checked: the same rows in every table (compared value
 * by value), every fund's balance equal to the sum of its entries, and every WKSBM's next number equal.
 * Stop the server before copying; start it on the new DATABASE_URL afterwards.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describeDatabase, engineOf, sqliteFilePath } from '../src/db-url.js';
import { migrate } from '../src/store/migrate.js';
import { POSTGRES_MIGRATIONS_TABLE } from '../src/store/migrate-postgresql.js';

type Value = string | number | bigint | boolean | Date | Buffer | null;
type Row = Record<string, Value>;

interface Column {
  readonly name: string;
  readonly type: string;
}

interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** Key columns, in order, to read both sides in the same order. */
  readonly key: readonly string[];
}

export interface CopyReport {
  /** Rows per table, equal on both sides. */
  readonly rows: Readonly<Record<string, number>>;
  readonly funds: number;
  readonly wksbms: number;
}

/** Parents before children, so every foreign key finds its row (a table's own rows go in key order). */
async function tablesInOrder(client: pg.Client): Promise<Table[]> {
  const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name, ordinal_position`,
    [POSTGRES_MIGRATIONS_TABLE],
  );
  const { rows: keys } = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT c.conrelid::regclass::text AS table_name,
            array_agg(a.attname ORDER BY k.ordinality)::text[] AS columns
     FROM pg_constraint c
     JOIN unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality) ON true
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace
     GROUP BY c.conrelid`,
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
     FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const tables = new Map<string, Table>();
  for (const column of columns) {
    const key = keys.find((row) => unquote(row.table_name) === column.table_name)?.columns ?? [];
    const table = tables.get(column.table_name) ?? { name: column.table_name, columns: [], key };
    tables.set(column.table_name, { ...table, columns: [...table.columns, { name: column.column_name, type: column.data_type }] });
  }
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: readonly string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const { child, parent } of references) {
      if (unquote(child) === name && unquote(parent) !== name) visit(unquote(parent), [...path, name]);
    }
    placed.add(name);
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}

/** A SQLite value as the PostgreSQL column takes it (Prisma keeps DateTime as ISO text, Boolean as 0/1). */
function toPostgres(value: Value, type: string): Value {
  if (value === null) return null;
  // Prisma keeps DateTime in UTC in a column without a zone: written as UTC text, the zone is not applied.
  if (type.startsWith('timestamp')) return new Date(typeof value === 'bigint' ? Number(value) : (value as string)).toISOString();
  if (type === 'boolean') return value === 1n || value === 1 || value === true;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** One value in a form both engines agree on, for comparing rows. */
function canonical(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'null';
  if (type.startsWith('timestamp')) return new Date(typeof value === 'bigint' ? Number(value) : (value as string | Date)).toISOString();
  if (type === 'boolean') return String(value === 1n || value === 1 || value === true);
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

function digest(rows: readonly Row[], table: Table): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(table.columns.map((column) => canonical(row[column.name], column.type))));
  return hash.digest('hex');
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const orderBy = (table: Table) => (table.key.length ? table.key : table.columns.map((column) => column.name)).map(quote).join(', ');

const TIMESTAMP_OID = 1114;

/** Prisma's DateTime columns hold UTC without a zone; pg would read them in the machine's zone. */
function utcTimestamps(oid: number, format?: 'text' | 'binary') {
  if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
  return pg.types.getTypeParser(oid, format);
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const insertBatch = (table: Table) => Math.max(1, Math.floor(30_000 / table.columns.length));

export async function copyDatabase(fromUrl: string, toUrl: string, log: (line: string) => void = () => {}): Promise<CopyReport> {
  if (engineOf(fromUrl) !== 'sqlite') throw new Error('--from must be a SQLite database (file:...)');
  if (engineOf(toUrl) !== 'postgresql') throw new Error('--to must be a PostgreSQL database (postgresql://...)');
  await migrate(fromUrl);
  await migrate(toUrl);
  const source = new Database(sqliteFilePath(fromUrl), { readonly: true, fileMustExist: true });
  source.defaultSafeIntegers(true);
  const target = new pg.Client({ connectionString: toUrl, types: { getTypeParser: utcTimestamps } });
  await target.connect();
  try {
    const tables = await tablesInOrder(target);
    for (const table of tables) {
      const { rows } = await target.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS any`);
      if (rows[0]!.any) throw new Error(`the target database is not empty (table ${table.name} has rows): copy into a new database`);
    }

    const counts: Record<string, number> = {};
    await target.query('BEGIN');
    try {
      for (const table of tables) {
        const names = table.columns.map((column) => quote(column.name)).join(', ');
        const select = source.prepare(`SELECT ${names} FROM ${quote(table.name)} ORDER BY ${orderBy(table)}`);
        let batch: Value[][] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const width = table.columns.length;
          const values = batch.map((_, row) => `(${table.columns.map((__, column) => `$${row * width + column + 1}`).join(', ')})`);
          await target.query(`INSERT INTO ${quote(table.name)} (${names}) VALUES ${values.join(', ')}`, batch.flat());
          batch = [];
        };
        counts[table.name] = 0;
        for (const row of select.iterate() as Iterable<Row>) {
          batch.push(table.columns.map((column) => toPostgres(row[column.name] ?? null, column.type)));
          counts[table.name]!++;
          if (batch.length >= insertBatch(table)) await flush();
        }
        await flush();
        log(`${table.name}: ${counts[table.name]} rows`);
      }
      // Keys were copied as they were: each sequence continues after the largest one.
      const { rows: serials } = await target.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      );
      for (const { table_name: table, column_name: column } of serials) {
        await target.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
          [quote(table), column],
        );
      }
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK');
      throw error;
    }

    return await verify(source, target, tables, counts, log);
  } finally {
    source.close();
    await target.end();
  }
}

async function verify(source: Database.Database, target: pg.Client, tables: readonly Table[], counts: Record<string, number>, log: (line: string) => void): Promise<CopyReport> {
  for (const table of tables) {
    const names = table.columns.map((column) => quote(column.name)).join(', ');
    const sql = `SELECT ${names} FROM ${quote(table.name)} ORDER BY ${orderBy(table)}`;
    const before = source.prepare(sql).all() as Row[];
    const after = (await target.query<Row>(sql)).rows;
    if (after.length !== counts[table.name] || digest(before, table) !== digest(after, table)) {
      throw new Error(`check failed: table ${table.name} differs after the copy`);
    }
  }
  const { rows: funds } = await target.query<{ id: number; balance: string; sum: string | null }>(
    `SELECT f."id", f."balance"::text, (SELECT sum(e."amount") FROM "LedgerEntry" e WHERE e."fundId" = f."id")::text AS sum FROM "Fund" f`,
  );
  const sourceBalance = new Map(
    (source.prepare('SELECT "id", "balance" FROM "Fund"').all() as { id: bigint; balance: bigint }[]).map((row) => [Number(row.id), row.balance.toString()]),
  );
  for (const fund of funds) {
    if (fund.balance !== sourceBalance.get(fund.id) || fund.balance !== (fund.sum ?? '0')) {
      throw new Error(`check failed: fund ${fund.id} has balance ${fund.balance}, entries sum to ${fund.sum ?? 0}, source ${sourceBalance.get(fund.id)}`);
    }
  }
  const { rows: wksbms } = await target.query<{ id: number; nextNumber: number; top: number | null }>(
    `SELECT w."id", w."nextNumber", GREATEST((SELECT max("number") FROM "LedgerEntry" WHERE "wksbmId" = w."id"),
       (SELECT max("number") FROM "Submission" WHERE "wksbmId" = w."id")) AS top FROM "Wksbm" w`,
  );
  for (const wksbm of wksbms) {
    if (wksbm.top !== null && wksbm.nextNumber <= wksbm.top) throw new Error(`check failed: WKSBM ${wksbm.id} would reuse number ${wksbm.nextNumber}`);
  }
  log(`checked: ${tables.length} tables row by row, ${funds.length} fund balances, ${wksbms.length} WKSBM numbers`);
  return { rows: counts, funds: funds.length, wksbms: wksbms.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) {
    console.error('Usage: npm run db:copy -- --from file:./data/wksbm.db --to postgresql://user:password@host:5432/wksbm');
    process.exit(2);
  }
  try {
    const report = await copyDatabase(values.from, values.to, (line) => console.log(line));
    const total = Object.values(report.rows).reduce((sum, count) => sum + count, 0);
    console.log(`Copied ${total} rows from ${describeDatabase(values.from)} to ${describeDatabase(values.to)}; every check passed.`);
  } catch (error) {
    console.error(`db:copy failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
