import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../helpers/paths.js';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs a script as npm would, in `cwd`; resolves with its exit code and output instead of throwing. */
async function script(name: string, cwd: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'scripts', name), ...args], {
      cwd,
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let project: string | undefined;
afterEach(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

/** A project folder outside any git repository, with the schema and what the Prisma CLI needs to diff it. */
function newProject(): string {
  project = mkdtempSync(path.join(tmpdir(), 'wksbm-migration-'));
  mkdirSync(path.join(project, 'prisma'));
  mkdirSync(path.join(project, 'src'));
  copyFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), path.join(project, 'prisma', 'schema.prisma'));
  copyFileSync(path.join(ROOT, 'prisma.config.ts'), path.join(project, 'prisma.config.ts'));
  copyFileSync(path.join(ROOT, 'src', 'db-url.ts'), path.join(project, 'src', 'db-url.ts'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

const git = (cwd: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd });

const written = (dir: string): string[] =>
  existsSync(path.join(dir, 'prisma', 'migrations'))
    ? readdirSync(path.join(dir, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    : [];

describe('npm run db:new-migration', { timeout: 120_000 }, () => {
  it('stops with git’s message outside a repository instead of writing a migration from an empty database', async () => {
    const dir = newProject();
    const result = await script('new-migration.ts', dir, ['extra']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('git ls-tree');
    expect(result.stderr).toContain('No migration written');
    expect(written(dir)).toEqual([]);
  });

  it('stops in a repository without commits', async () => {
    const dir = newProject();
    await git(dir, 'init', '-q');
    const result = await script('new-migration.ts', dir, ['extra']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No migration written');
    expect(written(dir)).toEqual([]);
  });

  it('diffs from an empty database only when HEAD has no schema, and from HEAD’s schema otherwise', async () => {
    const dir = newProject();
    await git(dir, 'init', '-q');
    writeFileSync(path.join(dir, 'README.md'), 'x\n');
    await git(dir, 'add', 'README.md');
    await git(dir, 'commit', '-qm', 'start');
    const first = await script('new-migration.ts', dir, ['init']);
    expect(first.code, first.stderr).toBe(0);
    const [init] = written(dir);
    expect(readFileSync(path.join(dir, 'prisma', 'migrations', init!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "Wksbm"');

    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'schema');
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), `${readFileSync(path.join(dir, 'prisma', 'schema.prisma'), 'utf8')}\nmodel Extra {\n  id Int @id\n}\n`);
    // Migration folders are named by the second: keep the two apart.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await script('new-migration.ts', dir, ['extra']);
    expect(second.code, second.stderr).toBe(0);
    const extra = written(dir).find((name) => name.endsWith('_extra'))!;
    const sql = readFileSync(path.join(dir, 'prisma', 'migrations', extra, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "Extra"');
    expect(sql).not.toContain('"Wksbm"');
  });
});

describe('npm run db:migrate', { timeout: 120_000 }, () => {
  it('is a script that applies pending migrations, then finds nothing to apply', async () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['db:migrate']).toBe('tsx scripts/migrate.ts');
    const url = `file:${path.join(tmpDir(), `migrate-${process.pid}.db`)}`;
    const first = await script('migrate.ts', ROOT, [], { DATABASE_URL: url });
    expect(first.code, first.stderr).toBe(0);
    const all = readdirSync(path.join(ROOT, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(first.stdout).toContain(`Applied ${all.length} migration(s)`);
    const again = await script('migrate.ts', ROOT, [], { DATABASE_URL: url });
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('up to date') });
  });

  it('stops with the configuration error for a database it cannot use', async () => {
    const result = await script('migrate.ts', ROOT, [], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});
