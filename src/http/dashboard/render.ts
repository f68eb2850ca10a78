import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatShortDateTime, fundLabel, PPKS, reportText, type FundInfo } from '../../core/index.js';

/**
 * Helpers every template gets as `it.f`. Amounts as the LPJ prints them ("Rp1.250.000", "2.213,5 kg"): a
 * page is read, not typed back into the chat, so goods get thousands dots like rupiah.
 */
export const formatters = {
  amount: reportText.amount,
  signed: (fund: Pick<FundInfo, 'unit'>, value: bigint) => (value < 0n ? '−' : '+') + reportText.amount(fund, value < 0n ? -value : value),
  when: (date: Date, timeZone: string) => formatShortDateTime(date, timeZone),
  fund: (fund: Pick<FundInfo, 'name'>) => fundLabel(fund),
};

/** A PPKS category as people read it. */
export const categoryLabel = (key: string): string => PPKS.find((category) => category.key === key)?.label ?? key;

/** Renders a template of views/ with the shared helpers; `it.title` names the page. */
export function page(reply: FastifyReply, name: string, data: Record<string, unknown> & { title: string }) {
  return reply.type('text/html; charset=utf-8').view(name, { ...data, f: formatters });
}

/**
 * A page rendered once and sent many times: the HTML as bytes, cut where the request's own CSRF token
 * goes. Sending bytes also spares what a freshly built string costs on every send (flattening it, then
 * encoding it twice: once for Content-Length, once for the socket).
 */
export interface RenderedPage {
  readonly parts: readonly Buffer[];
}

/** Stands for the CSRF token while a page is rendered for keeping; random, so no content can contain it. */
const CSRF_SLOT = `csrf-${randomBytes(16).toString('hex')}`;

export async function renderForKeeping(reply: FastifyReply, name: string, data: Record<string, unknown> & { title: string }): Promise<RenderedPage> {
  const html: string = await reply.viewAsync(name, { ...data, csrf: CSRF_SLOT, f: formatters });
  return { parts: html.split(CSRF_SLOT).map((part) => Buffer.from(part)) };
}

/** Sends a kept page with this request's CSRF token in its place. */
export function sendRendered(reply: FastifyReply, rendered: RenderedPage, csrf: string) {
  const token = Buffer.from(csrf);
  const chunks = rendered.parts.flatMap((part, index) => (index === 0 ? [part] : [token, part]));
  return reply.type('text/html; charset=utf-8').send(Buffer.concat(chunks));
}

/** The sections of a WKSBM's pages; a pendamping sees only the first and the last. */
export const SECTIONS = [
  { path: '', label: 'Beranda', pengurus: false },
  { path: '/buku-kas', label: 'Buku kas', pengurus: true },
  { path: '/setoran', label: 'Setoran menunggu', pengurus: true },
  { path: '/rapat', label: 'Rapat', pengurus: true },
  { path: '/kasus', label: 'Kasus', pengurus: true },
  { path: '/laporan', label: 'Laporan', pengurus: false },
] as const;

/** What the layout of a WKSBM page needs: who looks, at what, and which section is open. */
export function shell(request: FastifyRequest, reply: FastifyReply, section: (typeof SECTIONS)[number]['path']) {
  const access = request.access!;
  return {
    viewer: request.viewer!,
    access,
    wksbm: access.wksbm,
    base: `/dasbor/${access.wksbm.id}`,
    section,
    sections: SECTIONS.filter((s) => access.as === 'pengurus' || !s.pengurus),
    csrf: reply.generateCsrf(),
  };
}
