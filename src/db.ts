import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';
import { engineOf, sqliteFilePath, type Engine } from './db-url.js';
import type { Logger } from 'pino';
import { checkpointInThread } from './store/checkpointer.js';
import { openPostgresReader, openSqlReader, type SqlReader } from './store/sql-reader.js';

/**
 * The database as the store sees it. On SQLite these are two connections: the adapter runs every
 * query on its single connection, so a read issued while an interactive transaction is open would run
 * inside that transaction and could see rows that are later rolled back. Writes go through `write`
 * (owned by the store's writer), everything else through `read`, which in WAL mode sees the last
 * committed state and never waits for a writer. On PostgreSQL both are one pool: every transaction
 * has a connection of its own, and reads outside it see committed rows only.
 */
export interface Db {
  readonly engine: Engine;
  readonly url: string;
  readonly write: PrismaClient;
  readonly read: PrismaClient;
  /** Prepared statements for the few reads every dashboard request makes (see store/sql-reader.ts). */
  readonly sql: SqlReader;
  /** SQLite: the connection under `write`, for the writer's prepared statements (store/direct-sql.ts). */
  readonly writeConnection: (() => Database.Database) | null;
  close(): Promise<void>;
}

/** How long a connection waits for another process's write lock (the console shares the file). */
export const BUSY_TIMEOUT_MS = 10_000;

/** Connections each process keeps to PostgreSQL: the writer holds one, reads share the rest. */
const POSTGRES_POOL_SIZE = 8;

export function databaseEngine(url: string): Engine {
  const engine = engineOf(url);
  if (!engine) throw new Error(`DATABASE_URL must start with file: or postgresql://, got ${url.split(':')[0]}:`);
  return engine;
}

/** Makes the folder of a SQLite database file, so a fresh clone needs no set-up step. */
export function ensureDatabaseFolder(url: string): void {
  if (databaseEngine(url) !== 'sqlite') return;
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;

/**
 * The pg adapter with each transaction's queries sent one at a time. Prisma's query interpreter reads
 * the relations of an `include` with a Promise.all, which inside an interactive transaction sends them
 * at once down the transaction's single connection: pg queues them, which pg 8 deprecates (with a warning)
 * and pg 9 refuses (prisma/orm#29468, not merged). Waiting here keeps pg's own queue empty. Queries
 * outside a transaction each take a pooled connection of their own and are left as they are.
 */
function queriesInTurn(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => inTurn(await start(isolationLevel));
    return adapter;
  };
  return factory;
}

function inTurn(tx: PgTransaction): PgTransaction {
  let last: Promise<unknown> = Promise.resolve();
  function turn<T>(work: () => Promise<T>): Promise<T> {
    const result = last.then(work, work);
    last = result.catch(() => undefined);
    return result;
  }
  // The transaction's other members (its options, the adapter's name) are read through the prototype.
  return Object.assign(Object.create(tx) as PgTransaction, {
    queryRaw: (query: Parameters<PgTransaction['queryRaw']>[0]) => turn(() => tx.queryRaw(query)),
    executeRaw: (query: Parameters<PgTransaction['executeRaw']>[0]) => turn(() => tx.executeRaw(query)),
    commit: () => turn(() => tx.commit()),
    rollback: () => turn(() => tx.rollback()),
  });
}

/**
 * One client, for short jobs and for the server's pools. The PostgreSQL client is generated from the same
 * models as the SQLite one (prisma/postgresql/, derived from schema.prisma), so the store is typed once,
 * against the SQLite client; only the provider it was generated for differs. Its client and adapter (and
 * pg) are loaded only for a PostgreSQL URL: on SQLite they would be most of a second of every start.
 */
export async function createClient(url: string, onConnection?: (connection: Database.Database) => void): Promise<PrismaClient> {
  if (databaseEngine(url) === 'postgresql') {
    const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('./generated/prisma-pg/client.js'),
    ]);
    const adapter = queriesInTurn(new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE }));
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const factory = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: BUSY_TIMEOUT_MS });
  if (!onConnection) return new PrismaClient({ adapter: factory });
  // The adapter keeps its better-sqlite3 connection to itself (the `client` every query of it runs on);
  // the writer runs its hottest statements on that connection directly, inside Prisma's transaction.
  const adapter: typeof factory = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const connected = await factory.connect();
      // Checked, not assumed: were a Prisma upgrade to move it, raw SQL would go through Prisma (slower, same rows).
      const connection = (connected as unknown as { client?: unknown }).client;
      if (connection instanceof Database) onConnection(connection);
      return connected;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  });
  return new PrismaClient({ adapter });
}

/** `log`: where a failure of the checkpoint thread is reported (SQLite; see store/checkpointer.ts). */
export async function openDb(url: string, log?: Logger): Promise<Db> {
  const engine = databaseEngine(url);
  if (engine === 'postgresql') {
    const client = await createClient(url);
    await client.$connect();
    const sql = await openPostgresReader(url);
    return {
      engine,
      url,
      write: client,
      read: client,
      sql,
      writeConnection: null,
      async close() {
        await Promise.all([sql.close(), client.$disconnect()]);
      },
    };
  }
  ensureDatabaseFolder(url);
  const connect = async (onConnection?: (connection: Database.Database) => void) => {
    const client = await createClient(url, onConnection);
    // WAL lets readers run beside the writer; NORMAL is durable across application crashes in WAL mode.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  };
  let writeConnection: Database.Database | undefined;
  // The writer's connection checkpoints until the checkpoint thread takes over (store/checkpointer.ts).
  let autocheckpoint: number | null = null;
  const write = await connect((connection) => {
    if (autocheckpoint !== null) connection.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    writeConnection = connection;
  });
  const read = await connect();
  const sql = openSqlReader(sqliteFilePath(url));
  // Only when the writer's connection is known: the thread takes its checkpoints away and may give them back.
  const checkpointer = writeConnection
    ? checkpointInThread(
        sqliteFilePath(url),
        (pages) => {
          autocheckpoint = pages;
          writeConnection?.pragma(`wal_autocheckpoint = ${pages}`);
        },
        log,
      )
    : null;
  return {
    engine,
    url,
    write,
    read,
    sql,
    // Asked on every statement: the adapter opens a new connection if it reconnects.
    writeConnection: writeConnection ? () => writeConnection! : null,
    async close() {
      await checkpointer?.close();
      await Promise.all([sql.close(), write.$disconnect(), read.$disconnect()]);
    },
  };
}
