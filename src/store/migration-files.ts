import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One folder of a migrations directory, as both engines' runners apply it. */
export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  /** The SHA-256 of migration.sql in hex: what Prisma records in `_prisma_migrations.checksum`. */
  readonly checksum: string;
}

/** The migrations of `folder` in the order they apply (their names start with a timestamp). */
export function migrationFiles(folder: string): MigrationFile[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
