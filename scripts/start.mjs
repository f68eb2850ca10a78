/**
 * `npm start`: runs the server compiled to dist/ (plain JavaScript starts faster and uses less memory
 * than transpiling TypeScript at every start). `npm install` builds it; when src/ has changed since,
 * it is built again here first, so `npm start` is always the one command and never runs stale code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

export function buildIfStale() {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built >= newest(path.join(root, 'src')) && built >= statSync(path.join(root, 'tsconfig.build.json')).mtimeMs) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale();
  await import('../dist/main.js');
}
