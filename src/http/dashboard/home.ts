import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from './deps.js';
import { page, shell } from './render.js';
import { guard } from './session.js';

export function registerHomePages(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm', { preHandler: guard(deps, 'any') }, async (request, reply) => {
    const layout = shell(request, reply, '');
    const { wksbm } = layout;
    const pengurus = layout.access.as === 'pengurus';
    const [balances, pending, upcoming, cases] = await Promise.all([
      deps.community.balances(wksbm.id),
      pengurus ? deps.reads.pending(wksbm.id) : [],
      deps.meetings.upcoming(wksbm.id, deps.clock.now(), 3),
      pengurus ? deps.cases.openCases([wksbm.id]) : [],
    ]);
    return page(reply, 'beranda', { ...layout, title: wksbm.name, balances, pending: pending.length, upcoming, cases, pengurus });
  });
}
