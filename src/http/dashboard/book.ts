import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { BOOK_KINDS, BOOK_STATUSES, type BookFilter } from '../../core/index.js';
import type { DashboardDeps } from './deps.js';
import { page, shell } from './render.js';
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

export function registerBookPage(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/dasbor/:wksbm/buku-kas', { preHandler: guard(deps, 'pengurus') }, async (request, reply) => {
    const layout = shell(request, reply, '/buku-kas');
    const parsed = bookQuery.safeParse(request.query);
    const filter = parsed.success ? toFilter(parsed.data, layout.wksbm.timeZone) : null;
    if (!parsed.success || !filter) {
      return page(reply.code(400), 'galat', { ...layout, title: 'Filter tidak dapat dibaca', message: 'Periksa tanggal dan pilihan filter, lalu coba lagi.' });
    }
    const [funds, book] = await Promise.all([
      deps.community.funds(layout.wksbm.id),
      deps.reads.book(layout.wksbm.id, filter, parsed.data.sebelum ?? null, BOOK_PAGE_SIZE),
    ]);
    return page(reply, 'buku-kas', {
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
  });
}
