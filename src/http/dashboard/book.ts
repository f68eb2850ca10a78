import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { BOOK_KINDS, BOOK_STATUSES, createVersionedCache, type BookFilter } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { page, renderForKeeping, sendRendered, shell, type RenderedPage } from './render.js';
import { guard } from './session.js';

/** Rows per page: a phone scrolls it comfortably, a page costs one indexed range read per table. */
export const BOOK_PAGE_SIZE = 50;

/** An empty form field means "any". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const bookQuery = z.object({
  dana: optional(z.coerce.number().int().positive()),
  dari: optional(day),
  sampai: optional(day),
  jenis: optional(z.enum(BOOK_KINDS)),
  status: optional(z.enum(BOOK_STATUSES)),
  cari: optional(z.string().trim().max(100)),
  sebelum: optional(z.coerce.number().int().positive()),
});
type BookQuery = z.infer<typeof bookQuery>;

/** The filter as instants: days start at midnight in the WKSBM's zone, `sampai` includes its day. */
function toFilter(query: BookQuery, timeZone: string): BookFilter | null {
  const start = (text: string) => DateTime.fromISO(text, { zone: timeZone }).startOf('day');
  const from = query.dari ? start(query.dari) : null;
  const to = query.sampai ? start(query.sampai).plus({ days: 1 }) : null;
  if (from?.isValid === false || to?.isValid === false) return null;
  return {
    fundId: query.dana,
    from: from?.toJSDate(),
    to: to?.toJSDate(),
    kind: query.jenis,
    status: query.status,
    text: query.cari || undefined,
  };
}

/** The page's query string keeping the filters, from the newest row or from below `before`. */
function pageLink(query: BookQuery, before: number | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, sebelum: before })) if (value !== undefined && value !== '') params.set(key, String(value));
  return `?${params}`;
}

/** Rendered pages kept while nothing is committed: a few per pengurus, the filters they are using. */
const PAGES_KEPT = 500;
/** No longer than the fund names and chat titles a page shows are kept by the stores (15 s). */
const PAGE_MAX_AGE_MS = 15_000;

export function registerBookPage(app: FastifyInstance, deps: DashboardDeps): void {
  // The guard still checks the session and the role on every request; only the list is kept, and only
  // until the next commit anywhere in the database (a setoran, an approval, a chat message, a demotion).
  const pages = createVersionedCache<RenderedPage>(PAGES_KEPT, PAGE_MAX_AGE_MS);

  app.get('/dasbor/:wksbm/buku-kas', { preHandler: guard(deps, 'pengurus') }, async (request, reply) => {
    const layout = shell(request, reply, '/buku-kas');
    const parsed = bookQuery.safeParse(request.query);
    const filter = parsed.success ? toFilter(parsed.data, layout.wksbm.timeZone) : null;
    if (!parsed.success || !filter) {
      return page(reply.code(400), 'galat', { ...layout, title: 'Filter tidak dapat dibaca', message: 'Periksa tanggal dan pilihan filter, lalu coba lagi.' });
    }
    // The page is the filter's rows, read below at `version`, and what the guard read before it (the
    // viewer, the WKSBM): those go into the key, so a commit between the guard and here cannot hide.
    const version = deps.reads.version();
    const { viewer, wksbm } = layout;
    const key = JSON.stringify([viewer.id, viewer.name, wksbm.id, wksbm.name, wksbm.timeZone, parsed.data]);
    const kept = pages.get(version, key);
    if (kept) return sendRendered(reply, kept, layout.csrf);
    const [funds, book] = await Promise.all([
      deps.community.funds(layout.wksbm.id),
      deps.reads.book(layout.wksbm.id, filter, parsed.data.sebelum ?? null, BOOK_PAGE_SIZE),
    ]);
    const rendered = await renderForKeeping(reply, 'buku-kas', {
      ...layout,
      title: `Buku kas · ${layout.wksbm.name}`,
      funds,
      rows: book.rows,
      query: parsed.data,
      next: book.next === null ? null : pageLink(parsed.data, book.next),
      first: parsed.data.sebelum === undefined ? null : pageLink(parsed.data, undefined),
      kinds: BOOK_KINDS,
      statuses: BOOK_STATUSES,
    });
    pages.set(version, key, rendered);
    return sendRendered(reply, rendered, layout.csrf);
  });
}
