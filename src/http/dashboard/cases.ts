import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CASE_ACTIONS, type Reply } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { categoryLabel, page, shell } from './render.js';
import { guard, notFound } from './session.js';

const caseParams = z.object({ nomor: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const moveForm = z.object({
  nonce: z.uuid(),
  aksi: z.enum(Object.keys(CASE_ACTIONS) as [string, ...string[]]),
  catatan: z.preprocess((value) => (typeof value === 'string' ? value.trim().slice(0, 500) : ''), z.string()),
});

/** Cases are the pengurus' only: a pendamping gets 403 on every one of these pages. */
export function registerCasePages(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm/kasus', { preHandler: guard(deps, 'pengurus') }, async (request, reply) => {
    const layout = shell(request, reply, '/kasus');
    const open = await deps.cases.openCases([layout.wksbm.id]);
    return page(reply, 'kasus', { ...layout, title: `Kasus · ${layout.wksbm.name}`, open, categoryLabel });
  });

  async function showCase(request: FastifyRequest, reply: FastifyReply, outcome: readonly Reply[]) {
    const layout = shell(request, reply, '/kasus');
    const params = caseParams.safeParse(request.params);
    const found = params.success ? await deps.cases.view([layout.wksbm.id], params.data.nomor) : null;
    if (!found) return notFound(reply);
    return page(reply, 'kasus-satu', {
      ...layout,
      title: `Kasus #${found.number} · ${layout.wksbm.name}`,
      found,
      categoryLabel,
      actions: Object.entries(CASE_ACTIONS),
      outcome,
      nonce: randomUUID(),
    });
  }

  app.get('/dasbor/:wksbm/kasus/:nomor', { preHandler: guard(deps, 'pengurus') }, (request, reply) => showCase(request, reply, []));

  app.post('/dasbor/:wksbm/kasus/:nomor', { preHandler: [app.csrfProtection, guard(deps, 'pengurus')] }, async (request, reply) => {
    const params = caseParams.safeParse(request.params);
    const form = moveForm.safeParse(request.body);
    if (!params.success) return notFound(reply);
    if (!form.success) return showCase(request, reply.code(400), [{ text: 'Pilih tindakan untuk kasus ini.', refused: true }]);
    const { nonce, aksi, catatan } = form.data;
    const done = await deps.dashboard.moveCase(
      { person: request.viewer!, nonce },
      { wksbmId: request.access!.wksbm.id, number: params.data.nomor, to: CASE_ACTIONS[aksi]!, note: catatan || null },
    );
    if (!done.ok) return notFound(reply);
    return showCase(request, reply, done.replies);
  });
}
