import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TREASURY, type Reply } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { page, shell } from './render.js';
import { guard } from './session.js';

const numbers = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.coerce.number().int().positive().max(2 ** 31 - 1)).max(200),
);

const decisionForm = z.object({
  nonce: z.uuid(),
  aksi: z.enum(['sahkan', 'tolak']),
  nomor: numbers,
  alasan: z.preprocess((value) => (typeof value === 'string' ? value.trim().slice(0, 200) : ''), z.string()),
});

export function registerPendingPage(app: FastifyInstance, deps: DashboardDeps): void {
  async function show(request: FastifyRequest, reply: FastifyReply, outcome: readonly Reply[]) {
    const layout = shell(request, reply, '/setoran');
    const pending = await deps.reads.pending(layout.wksbm.id);
    const access = layout.access;
    const canDecide = access.as === 'pengurus' && TREASURY.includes(access.role);
    // A fresh nonce per page: this form, sent again, is the same request and is applied once.
    return page(reply, 'setoran', { ...layout, title: `Setoran menunggu · ${layout.wksbm.name}`, pending, canDecide, outcome, nonce: randomUUID() });
  }

  app.get('/dasbor/:wksbm/setoran', { preHandler: guard(deps, 'pengurus') }, (request, reply) => show(request, reply, []));

  app.post('/dasbor/:wksbm/setoran', { preHandler: [app.csrfProtection, guard(deps, 'pengurus')] }, async (request, reply) => {
    const form = decisionForm.safeParse(request.body);
    if (!form.success) return show(request, reply.code(400), [{ text: 'Formulir tidak lengkap. Centang setoran yang dipilih, lalu coba lagi.', refused: true }]);
    const { nonce, aksi, nomor, alasan } = form.data;
    if (nomor.length === 0) return show(request, reply.code(400), [{ text: 'Belum ada setoran yang dicentang.', refused: true }]);
    const done = await deps.dashboard.decide(
      { person: request.viewer!, nonce },
      { wksbmId: request.access!.wksbm.id, numbers: nomor, approve: aksi === 'sahkan', reason: alasan || null },
    );
    if (!done.ok) {
      return page(reply.code(403), 'galat', { title: 'Khusus ketua dan bendahara', message: 'Hanya ketua atau bendahara yang bisa mengesahkan atau menolak setoran.' });
    }
    return show(request, reply, done.replies);
  });
}
