/**
 * `npm start`: runs the server compiled to dist/ (plain JavaScript starts faster and uses less memory
 * than transpiling TypeScript at every start). `npm install` builds it; when src/ has changed since,
 * it is built again here first, so `npm start` is always the one command and never runs stale code.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = path.join(root, 'dist', '.tsbuildinfo');

/** The latest change under a folder. */
function newest(dir) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/**
 * tsc emits only JavaScript; the dashboard's templates and static files (src/http/dashboard/views,
 * public) are read beside the compiled modules, so every non-TypeScript file under src/ is copied to
 * the same place under dist/. The generated Prisma clients are TypeScript and compiled like the rest.
 */
function copyAssets() {
  cpSync(src, dist, {
    recursive: true,
    filter: (from) => (statSync(from).isDirectory() ? from !== path.join(src, 'generated') : !from.endsWith('.ts')),
  });
}

export function buildIfStale() {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  // This file is the build's recipe: a dist/ made by an older recipe (say, before assets were copied) is stale too.
  const inputs = [newest(src), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs];
  if (inputs.every((mtime) => built >= mtime)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  copyAssets();
  // tsc leaves its stamp alone when no TypeScript changed (a template did): mark this build as done.
  const now = new Date();
  utimesSync(stamp, now, now);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale();
  await import('../dist/main.js');
}
