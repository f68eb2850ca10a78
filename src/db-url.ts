import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/wksbm.db';

/** The database engines the server runs on, told apart by DATABASE_URL's scheme. */
export type Engine = 'sqlite' | 'postgresql';

/** `file:` is SQLite; `postgresql:` or `postgres:` is PostgreSQL; anything else is not a database URL here. */
export function engineOf(url: string): Engine | null {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\/[^/]/.test(url)) return 'postgresql';
  return null;
}

/** The absolute file path of a `file:` SQLite URL, relative paths taken from the working directory. */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return file === ':memory:' ? file : path.resolve(file);
}

/** What to print in a log about the database: the file, or host and database name without the password. */
export function describeDatabase(url: string): string {
  if (engineOf(url) === 'sqlite') return sqliteFilePath(url);
  const parsed = new URL(url);
  return `postgresql://${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}
