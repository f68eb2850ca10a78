import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from './deps.js';
import { categoryLabel, page, shell } from './render.js';
import { guard } from './session.js';
import { monthlyChart, summarize } from './summary.js';

export function registerHomePages(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm', { preHandler: guard(deps, 'any') }, async (request, reply) => {
    const layout = shell(request, reply, '');
    const { wksbm } = layout;
    if (layout.access.as === 'pendamping') {
      // What a pendamping reads: totals and counts of the read model, never a person of a case.
      const summary = await summarize(deps, wksbm);
      return page(reply, 'ringkasan', { ...layout, title: wksbm.name, summaries: [summary], summary, categoryLabel });
    }
    const [balances, pending, upcoming, cases, chart] = await Promise.all([
      deps.community.balances(wksbm.id),
      deps.reads.pending(wksbm.id),
      deps.meetings.upcoming(wksbm.id, deps.clock.now(), 3),
      deps.cases.openCases([wksbm.id]),
      monthlyChart(deps, wksbm),
    ]);
    return page(reply, 'beranda', { ...layout, title: wksbm.name, balances, pending: pending.length, upcoming, cases, chart, pengurus: true });
  });
}
