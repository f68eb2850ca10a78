import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOGIN_MINUTES, SESSION_DAYS } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { page } from './render.js';
import { SESSION_COOKIE, viewerOf } from './session.js';
import { categoryLabel } from './render.js';
import { summarize } from './summary.js';

/**
 * Login links and the login page: ten tries a minute per address, counted in each instance's memory
 * (@fastify/rate-limit's local store), not fleet-wide. That is a choice, not a gap: the limit spares the
 * server, it is not what keeps tokens from being guessed. A token is 256 random bits, stored only as its
 * SHA-256, looked up by that hash (so no comparison of the token itself can leak by timing), spent once
 * by a conditional update that only one instance can win, and dead after ten minutes: N instances let an
 * address try 10·N a minute, and the chance of hitting a live token stays below 2^-200. A shared counter
 * (Redis through the plugin's `redis` option) would only be worth it to spare CPU under a flood.
 */
const LOGIN_RATE = { rateLimit: { max: 10, timeWindow: 60_000 } };

/** 256 random bits in base64url; anything else is not a token we made. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const loginBody = z.object({ token: z.string() });

const FAILED = {
  unknown: { status: 404, title: 'Tautan tidak dikenal', message: 'Tautan ini tidak pernah dibuat oleh bot, atau salah salin. Ketik /dasbor di chat pribadi dengan bot untuk tautan baru.' },
  used: { status: 410, title: 'Tautan sudah dipakai', message: 'Setiap tautan masuk hanya bisa dipakai sekali. Ketik /dasbor di chat pribadi dengan bot untuk tautan baru.' },
  expired: { status: 410, title: 'Tautan sudah kedaluwarsa', message: `Tautan masuk hanya berlaku ${LOGIN_MINUTES} menit. Ketik /dasbor di chat pribadi dengan bot untuk tautan baru.` },
} as const;

export function registerLogin(app: FastifyInstance, deps: DashboardDeps, options: { secure: boolean }): void {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure } as const;

  // Opening the link only shows a button: chat apps fetch links to draw previews, and that fetch must
  // not spend the token. The button posts it (with a CSRF token, so no other site can log a browser in).
  app.get('/masuk/:token', { config: LOGIN_RATE }, async (request, reply) => {
    const { token: given } = request.params as { token: string };
    return page(reply.header('cache-control', 'no-store'), 'masuk', { title: 'Masuk ke dasbor', token: given, csrf: reply.generateCsrf() });
  });

  app.post('/masuk', { config: LOGIN_RATE, preHandler: app.csrfProtection }, async (request, reply) => {
    const body = loginBody.safeParse(request.body);
    const given = body.success ? token.safeParse(body.data.token) : null;
    const outcome = given?.success ? await deps.dashboard.logIn(given.data) : ({ ok: false, reason: 'unknown' } as const);
    if (!outcome.ok) {
      const failed = FAILED[outcome.reason];
      request.log.info({ reason: outcome.reason }, 'dashboard login refused');
      return page(reply.code(failed.status), 'galat', { title: failed.title, message: failed.message });
    }
    request.log.info({ personId: outcome.personId }, 'dashboard login');
    return reply.setCookie(SESSION_COOKIE, outcome.sessionId, { ...cookie, maxAge: SESSION_DAYS * 24 * 60 * 60 }).redirect('/dasbor', 303);
  });

  app.post('/keluar', { preHandler: app.csrfProtection }, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await deps.dashboard.logOut(sessionId);
    return page(reply.clearCookie(SESSION_COOKIE, cookie), 'galat', {
      title: 'Anda sudah keluar',
      message: 'Sesi di peramban ini sudah diakhiri. Untuk masuk lagi, ketik /dasbor di chat pribadi dengan bot.',
    });
  });

  app.get('/dasbor', { config: LOGIN_RATE }, async (request, reply) => {
    const viewer = await viewerOf(deps, request);
    if (!viewer) return page(reply.code(401), 'masuk-dulu', { title: 'Silakan masuk' });
    const access = await deps.dashboard.accessOf(viewer.id);
    const summaries = await Promise.all(access.filter((a) => a.as === 'pendamping').map((a) => summarize(deps, a.wksbm)));
    return page(reply, 'daftar', { title: 'Dasbor WKSBM', viewer, access, summaries, categoryLabel, csrf: reply.generateCsrf() });
  });
}
