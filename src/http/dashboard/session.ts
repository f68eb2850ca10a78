import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DashboardAccess, PersonInfo } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { page } from './render.js';

export const SESSION_COOKIE = 'wksbm_sesi';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: PersonInfo | null;
    access: DashboardAccess | null;
  }
}

const wksbmParams = z.object({ wksbm: z.coerce.number().int().positive().max(2 ** 31 - 1) });

export type Need = 'any' | 'pengurus';

/**
 * The guard of every dashboard page: a live session, then a role in the WKSBM of the URL, asked on every
 * request (an answer is reused only until the next commit to the database, see store/sql-reader.ts), so
 * a demoted pengurus or removed pendamping is out at once.
 * A WKSBM the viewer has no role in is "not found", the same as one that does not exist.
 */
export function guard(deps: DashboardDeps, need: Need) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = await viewerOf(deps, request);
    if (!viewer) return page(reply.code(401), 'masuk-dulu', { title: 'Silakan masuk' });
    request.viewer = viewer;
    const params = wksbmParams.safeParse(request.params);
    if (!params.success) return notFound(reply);
    const access = await deps.dashboard.access(viewer.id, params.data.wksbm);
    if (!access) return notFound(reply);
    if (need === 'pengurus' && access.as !== 'pengurus') {
      return page(reply.code(403), 'galat', { title: 'Khusus pengurus', message: 'Halaman ini hanya untuk pengurus WKSBM ini.' });
    }
    request.access = access;
  };
}

export async function viewerOf(deps: DashboardDeps, request: FastifyRequest): Promise<PersonInfo | null> {
  const sessionId = request.cookies[SESSION_COOKIE];
  return sessionId ? deps.dashboard.viewer(sessionId) : null;
}

export const notFound = (reply: FastifyReply) =>
  page(reply.code(404), 'galat', { title: 'Tidak ditemukan', message: 'Halaman ini tidak ada, atau Anda tidak memegang peran di WKSBM ini.' });
