import { pino } from 'pino';
import { createDashboard, systemClock } from './src/core/index.js';
import { openDb } from './src/db.js';
import { buildApp } from './src/http/app.js';
import { createStores } from './src/store/index.js';
const file = process.argv[2]!;
const log = pino({ level: 'silent' });
const db = await openDb(`file:${file}`);
const stores = createStores(db, log);
const deps = { ...stores, clock: systemClock, publicUrl: 'http://127.0.0.1' };
const dashboard = createDashboard(deps);
const app = await buildApp({ log, version: 'b', channels: () => ({}), checkDatabase: async () => {}, dashboard: { dashboard, reads: stores.dashboardReads, community: stores.community, meetings: stores.meetings, cases: stores.cases, clock: systemClock, publicUrl: 'http://127.0.0.1' } });
const SESSION = 'bench-session-id-0123456789abcdefghijklmnopq';
async function time(name: string, fn: () => Promise<unknown>, n = 400) {
  for (let i = 0; i < 5; i++) await fn();
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const used = process.cpuUsage(t);
  console.log(name, ((used.user + used.system) / 1000 / n).toFixed(2), 'ms cpu');
}
await time('viewer', () => dashboard.viewer(SESSION));
await time('access', () => dashboard.access(1, 1));
await time('book', () => stores.dashboardReads.book(1, {}, null, 50));
await time('funds', () => stores.community.funds(1));
await time('page', () => app.inject({ method: 'GET', url: '/dasbor/1/buku-kas', cookies: { wksbm_sesi: SESSION } }));
await time('render', () => app.inject({ method: 'GET', url: '/masuk/abc' }));
await time('healthz', () => app.inject({ method: 'GET', url: '/healthz' }));
await db.close();
