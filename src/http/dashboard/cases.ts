import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATUSES, canMove, OPEN_STATUSES, type CaseStatus, type Reply } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { categoryLabel, page, shell } from './render.js';
import { guard, notFound } from './session.js';

const caseParams = z.object({ nomor: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const moveForm = z.object({
  nonce: z.uuid(),
  aksi: z.enum(Object.keys(CASE_ACTIONS) as [string, ...string[]]),
  catatan: z.preprocess((value) => (typeof value === 'string' ? value.trim().slice(0, 500) : ''), z.string()),
});

/** Cases per page of the history; the open ones are few and shown all at once, most urgent first. */
export const CASE_PAGE_SIZE = 50;
const CLOSED_STATUSES = CASE_STATUSES.filter((status) => !OPEN_STATUSES.includes(status));
/** What the list shows: the open cases (default), the closed ones, all, or one status. */
const SHOWN = ['terbuka', 'ditutup', 'semua', ...CASE_STATUSES] as const;
const listQuery = z.object({
  tampil: z.preprocess((value) => (value === '' || value === undefined ? 'terbuka' : value), z.enum(SHOWN)),
  sebelum: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().positive().max(2 ** 31 - 1).optional()),
});

const statusesOf = (shown: (typeof SHOWN)[number]): readonly CaseStatus[] =>
  shown === 'ditutup' ? CLOSED_STATUSES : shown === 'semua' ? CASE_STATUSES : shown === 'terbuka' ? OPEN_STATUSES : [shown];

/** Cases are the pengurus' only: a pendamping gets 403 on every one of these pages. */
export function registerCasePages(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm/kasus', { preHandler: guard(deps, 'pengurus') }, async (request, reply) => {
    const layout = shell(request, reply, '/kasus');
    const query = listQuery.safeParse(request.query);
    if (!query.success) {
      return page(reply.code(400), 'galat', { ...layout, title: 'Pilihan tidak dapat dibaca', message: 'Pilih kasus yang ingin ditampilkan dari daftar, lalu coba lagi.' });
    }
    const { tampil, sebelum } = query.data;
    const scope = [layout.wksbm.id];
    // Open cases keep the chat's order (most urgent first); a history reads newest first, page by page.
    const list =
      tampil === 'terbuka'
        ? { rows: await deps.cases.openCases(scope), next: null }
        : await deps.cases.casePage(scope, { statuses: statusesOf(tampil), before: sebelum ?? null, limit: CASE_PAGE_SIZE });
    const link = (before: number | undefined) => `?${new URLSearchParams({ tampil, ...(before === undefined ? {} : { sebelum: String(before) }) })}`;
    return page(reply, 'kasus', {
      ...layout,
      title: `Kasus · ${layout.wksbm.name}`,
      cases: list.rows,
      shown: tampil,
      choices: SHOWN,
      next: list.next === null ? null : link(list.next),
      first: sebelum === undefined ? null : link(undefined),
      categoryLabel,
    });
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
      // Only the moves the case's status allows: a closed case shows its history and no buttons.
      actions: Object.entries(CASE_ACTIONS).filter(([, to]) => canMove(found.status, to)),
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
