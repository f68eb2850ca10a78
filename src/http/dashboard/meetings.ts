import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from './deps.js';
import { page, shell } from './render.js';
import { guard } from './session.js';

const SHOWN = 20;

export function registerMeetingPage(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm/rapat', { preHandler: guard(deps, 'pengurus') }, async (request, reply) => {
    const layout = shell(request, reply, '/rapat');
    const now = deps.clock.now();
    const [upcoming, past] = await Promise.all([
      deps.meetings.upcoming(layout.wksbm.id, now, SHOWN),
      deps.reads.pastMeetings(layout.wksbm.id, now, SHOWN),
    ]);
    return page(reply, 'rapat', { ...layout, title: `Rapat · ${layout.wksbm.name}`, upcoming: upcoming.occurrences, past, timeZone: upcoming.timeZone });
  });
}
