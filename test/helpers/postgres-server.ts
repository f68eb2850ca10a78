import { execFileSync } from 'node:child_process';
import pg from 'pg';

/**
 * The PostgreSQL server the PostgreSQL test project runs on. TEST_POSTGRES_URL names one (a role that may
 * create databases). Without it the local cluster of Debian's postgresql package is used: started with
 * `pg_ctlcluster` when it is down, and given the role below, which needs root (CI and these machines run
 * the suite as root). When neither works the run stops with a message saying what to do.
 */
const LOCAL_ROLE = 'wksbm_test';
const LOCAL_URL = `postgresql://${LOCAL_ROLE}:${LOCAL_ROLE}@127.0.0.1:5432/postgres`;

const HOW_TO = [
  'Tes PostgreSQL butuh server PostgreSQL / the PostgreSQL tests need a PostgreSQL server.',
  '  - set TEST_POSTGRES_URL=postgresql://user:password@host:5432/postgres (a role with CREATEDB), or',
  '  - install PostgreSQL 15 (apt-get install postgresql-15) and run `npm test` as root, which starts the local cluster.',
].join('\n');

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const run = (command: string, args: readonly string[], input?: string) =>
  execFileSync(command, args, { encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });

/** The first cluster `pg_lsclusters` lists, as `pg_ctlcluster` names it (`15 main`). */
function localCluster(): [string, string] | null {
  try {
    const line = run('pg_lsclusters', ['-h']).split('\n').find((row) => row.trim());
    const [version, name] = line?.trim().split(/\s+/) ?? [];
    return version && name ? [version, name] : null;
  } catch {
    return null;
  }
}

export async function postgresAdminUrl(): Promise<string> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) {
    if (!(await reachable(given))) throw new Error(`TEST_POSTGRES_URL does not answer.\n${HOW_TO}`);
    return given;
  }
  if (await reachable(LOCAL_URL)) return LOCAL_URL;
  const cluster = localCluster();
  if (!cluster || process.getuid?.() !== 0) throw new Error(HOW_TO);
  try {
    // Already running is fine: the role may be what is missing.
    if (!run('pg_lsclusters', ['-h']).includes(' online')) run('pg_ctlcluster', [...cluster, 'start']);
    run('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-q'], `DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${LOCAL_ROLE}') THEN
        CREATE ROLE ${LOCAL_ROLE} LOGIN PASSWORD '${LOCAL_ROLE}' CREATEDB;
      END IF;
    END $$;`);
  } catch (error) {
    throw new Error(`Could not start the local PostgreSQL cluster ${cluster.join(' ')}: ${(error as Error).message}\n${HOW_TO}`);
  }
  if (!(await reachable(LOCAL_URL))) throw new Error(`The local PostgreSQL cluster started but ${LOCAL_ROLE} cannot log in.\n${HOW_TO}`);
  return LOCAL_URL;
}
