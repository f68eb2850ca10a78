import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT, tmpDir } from '../helpers/paths.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s console` exactly as a person pipes into it. */
function runConsole(args: string[], input: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'console', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const urls: string[] = [];
async function database({ migrated }: { migrated: boolean }): Promise<string> {
  const url = await createTestDatabase({ migrated });
  urls.push(url);
  return url;
}
afterAll(async () => {
  for (const url of urls) await dropTestDatabase(url);
});

describe('npm run console', () => {
  it('runs a whole group session through a pipe, prints only replies and exits 0', async () => {
    // A canary in a note must not leak into the logs even at the most verbose level.
    const canary = 'CANARY-7f3a-Mbah-Darmo';
    const url = await database({ migrated: true });
    const ketua = await runConsole(
      ['--chat', 'rt05', '--user', 'Bu Sri', '--user', 'Pak Budi'],
      [
        '/mulai WKSBM Jurangombo Selatan',
        `/setor 5.000 jimpitan dari Pak Budi, ${canary}`,
        'Pak Budi: /setor 2 juta kas',
        '/sahkan 2',
        '/keluar 3jt kas bangun pos ronda',
        '/keluar 1,5jt kas santunan',
        '/saldo',
      ].join('\n') + '\n',
      { DATABASE_URL: url, LOG_LEVEL: 'trace' },
    );
    expect(ketua.code).toBe(0);
    const lines = ketua.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('🎉 WKSBM Jurangombo Selatan terdaftar di grup ini. Bu Sri tercatat sebagai ketua.');
    expect(ketua.stdout).toContain('✅ #1 Setoran Rp5.000 ke Jimpitan dari Pak Budi. Saldo Jimpitan: Rp5.000');
    expect(ketua.stdout).toContain('⏳ #2 Setoran Rp2.000.000 ke Kas dari Pak Budi');
    expect(ketua.stdout).toContain('disahkan oleh Bu Sri. Saldo Kas: Rp2.000.000');
    expect(ketua.stdout).toContain('❌ Saldo Kas tidak cukup: Rp2.000.000, pengeluaran Rp3.000.000');
    expect(ketua.stdout).toContain('✅ #3 Pengeluaran Rp1.500.000 dari Kas untuk santunan. Saldo Kas: Rp500.000');
    expect(ketua.stdout).toContain('• Kas: Rp500.000');
    expect(ketua.stdout).not.toMatch(/"level"|INFO|WARN/);
    expect(ketua.stderr).not.toContain(canary);

    // The same file is shared: a second run (another person) sees what the first recorded.
    const anggota = await runConsole(['--chat', 'rt05', '--user', 'Mbak Rini'], '/saldo jimpitan\n/riwayat\n', {
      DATABASE_URL: url,
    });
    expect(anggota.code).toBe(0);
    expect(anggota.stdout).toContain('• Jimpitan: Rp5.000');
    expect(anggota.stdout).toMatch(/#3 .* Kas −Rp1\.500\.000 Bu Sri \(keluar: santunan\)\n#2 .* Kas \+Rp2\.000\.000 Pak Budi \(setor\)/);
  });

  it('creates and migrates a new database file, and a private chat says to use the group', async () => {
    const url = await database({ migrated: false });
    const run = await runConsole(['--user', 'Pak Budi'], '/saldo\n/mulai RT 01\n', { DATABASE_URL: url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/saldo dipakai di grup WKSBM');
    expect(run.stdout).toContain('/mulai dipakai di grup WKSBM');
  });

  it('shares the database with another process writing at the same time, losing nothing', async () => {
    const url = await database({ migrated: true });
    await runConsole(['--chat', 'rt05', '--user', 'Bu Sri'], '/mulai WKSBM Bersama\n', { DATABASE_URL: url });
    const burst = '/setor 1000 jimpitan\n'.repeat(150);
    const runs = await Promise.all([
      runConsole(['--chat', 'rt05', '--user', 'Bu Sri'], burst, { DATABASE_URL: url }),
      runConsole(['--chat', 'rt05', '--user', 'Bu Sri'], burst, { DATABASE_URL: url }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout.match(/^✅ #\d+ Setoran Rp1\.000/gm)).toHaveLength(150);
    }
    const saldo = await runConsole(['--chat', 'rt05', '--user', 'Bu Sri'], '/saldo jimpitan\n', { DATABASE_URL: url });
    expect(saldo.stdout).toContain('• Jimpitan: Rp300.000');
    // Four processes each start tsx: on a loaded machine that alone can pass the default 30 s.
  }, 120_000);

  it('writes the LPJ files of /laporan into REPORT_DIR and prints their paths before it exits', async () => {
    const folder = path.join(tmpDir(), `laporan-${process.pid}`);
    const run = await runConsole(['--chat', 'rt05', '--user', 'Bu Sri'], '/mulai WKSBM Uji\n/setor 50000 kas iuran\n/laporan\n', {
      DATABASE_URL: await database({ migrated: true }),
      REPORT_DIR: folder,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kas: saldo awal Rp0, masuk Rp50.000');
    const printed = run.stdout.match(/^📎 \/.+$/gm)!.map((line) => line.slice(3));
    expect(printed.map((file) => path.relative(folder, file).replace(/\d{4}-\d{2}/, 'YYYY-MM'))).toEqual([
      'LPJ-WKSBM-Uji-YYYY-MM.pdf',
      'LPJ-WKSBM-Uji-YYYY-MM.xlsx',
      'LPJ-WKSBM-Uji-YYYY-MM.csv',
    ]);
    for (const file of printed) expect(statSync(file).size).toBeGreaterThan(0);
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  it('stops with a usage message and status 2 without --user', async () => {
    const run = await runConsole(['--chat', 'rt05'], '', { DATABASE_URL: await database({ migrated: true }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--user');
  });
});
