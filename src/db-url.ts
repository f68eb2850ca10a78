import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/wksbm.db';

/** The absolute file path of a `file:` SQLite URL, relative paths taken from the working directory. */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return file === ':memory:' ? file : path.resolve(file);
}
