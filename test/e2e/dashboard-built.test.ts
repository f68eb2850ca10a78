import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

/**
 * The dashboard as `npm start` serves it: from dist/, where tsc puts only JavaScript. The other dashboard
 * tests run src/ through tsx, where the templates and static files sit beside the code anyway.
 */
let server: ServerProcess | undefined;
let url: string | undefined;
afterEach(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  if (url) await dropTestDatabase(url);
  server = undefined;
  url = undefined;
});

describe('the dashboard under npm start (dist/)', () => {
  it('renders its pages from the templates and serves its stylesheet, script and chart library', { timeout: 120_000 }, async () => {
    url = await createTestDatabase();
    server = await startServer({ DATABASE_URL: url, PUBLIC_URL: 'http://127.0.0.1' });
    await server.waitForHealth((health) => health.status === 'ok', 90_000);
    const base = `http://127.0.0.1:${server.port}`;

    const login = await fetch(`${base}/dasbor`);
    expect(login.status).toBe(401);
    expect(login.headers.get('content-type')).toContain('text/html');
    const loginPage = await login.text();
    expect(loginPage).toContain('<html lang="id">');
    expect(loginPage).toContain('/dasbor');
    expect(loginPage).toContain('href="/aset/dasbor.css"');

    const link = await fetch(`${base}/masuk/${'x'.repeat(43)}`);
    expect(link.status).toBe(200);
    expect(await link.text()).toMatch(/<button[^>]*>\s*Masuk\s*</);

    for (const [asset, type] of [
      ['/aset/dasbor.css', 'text/css'],
      ['/aset/grafik.js', 'javascript'],
      ['/aset/uplot/uPlot.iife.min.js', 'javascript'],
    ] as const) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toContain(type);
    }
    expect(server.log()).not.toContain('EtaFileResolution');
  });
});
