import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance } from 'fastify';
import { registerBookPage } from './book.js';
import { registerCasePages } from './cases.js';
import type { DashboardDeps } from './deps.js';
import { registerHomePages } from './home.js';
import { registerLogin } from './login.js';
import { registerMeetingPage } from './meetings.js';
import { registerPendingPage } from './pending.js';
import { registerReportPages } from './reports.js';
import { notFound } from './session.js';
import { page } from './render.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const uplotDist = path.dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));

export type { DashboardDeps } from './deps.js';

/**
 * The web dashboard, one encapsulated plugin: its cookies, CSRF, security headers, rate limits,
 * templates and error pages apply to its own routes only (not to /healthz or the Telegram webhook).
 */
export async function dashboardPlugin(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const secure = deps.publicUrl.startsWith('https:');
  app.decorateRequest('viewer', null);
  app.decorateRequest('access', null);

  await app.register(cookie);
  await app.register(formbody);
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        // Over plain HTTP (a test, a LAN) there is no HTTPS to upgrade to.
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, { global: false });
  // Templates are compiled once and kept (also outside NODE_ENV=production): reading and compiling them
  // on every request cost more than the page's queries.
  await app.register(view, { engine: { eta: new Eta({ cache: true }) }, root: path.join(here, 'views'), viewExt: 'eta', production: true });
  await app.register(fastifyStatic, { root: path.join(here, 'public'), prefix: '/aset/', maxAge: '1h' });
  await app.register(fastifyStatic, { root: uplotDist, prefix: '/aset/uplot/', decorateReply: false, maxAge: '1d' });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    // As in http/errors.ts: the code, the name and the route pattern, never a message, URL or body.
    const facts = { code: error.code ?? 'WKS_ERR_UNKNOWN', error: error.name, method: request.method, route: request.routeOptions.url ?? null, status };
    if (status >= 500) request.log.error(facts, 'dashboard request failed');
    else request.log.info(facts, 'dashboard request refused');
    const message =
      status === 403
        ? 'Permintaan ditolak karena formulirnya tidak sah atau kedaluwarsa. Muat ulang halaman, lalu coba lagi.'
        : status === 429
          ? 'Terlalu banyak percobaan. Tunggu satu menit, lalu coba lagi.'
          : status < 500
            ? 'Permintaan tidak dapat dibaca.'
            : 'Terjadi kesalahan di server. Coba lagi sebentar lagi.';
    return page(reply.code(status), 'galat', { title: status === 429 ? 'Terlalu banyak percobaan' : 'Tidak bisa diproses', message });
  });
  app.setNotFoundHandler((_request, reply) => notFound(reply));

  registerLogin(app, deps, { secure });
  registerHomePages(app, deps);
  registerBookPage(app, deps);
  registerPendingPage(app, deps);
  registerMeetingPage(app, deps);
  registerCasePages(app, deps);
  registerReportPages(app, deps);
}
