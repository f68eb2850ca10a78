import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatQuantity, formatShortDateTime, fundLabel, PPKS, type FundInfo, type Quantity } from '../../core/index.js';

/** Helpers every template gets as `it.f`: the same formatting the chat uses. */
export const formatters = {
  amount: (fund: Pick<FundInfo, 'unit'>, value: bigint) => formatQuantity({ unit: fund.unit, value } as Quantity),
  signed: (fund: Pick<FundInfo, 'unit'>, value: bigint) =>
    (value < 0n ? '−' : '+') + formatQuantity({ unit: fund.unit, value: value < 0n ? -value : value } as Quantity),
  when: (date: Date, timeZone: string) => formatShortDateTime(date, timeZone),
  fund: (fund: Pick<FundInfo, 'name'>) => fundLabel(fund),
};

/** A PPKS category as people read it. */
export const categoryLabel = (key: string): string => PPKS.find((category) => category.key === key)?.label ?? key;

/** Renders a template of views/ with the shared helpers; `it.title` names the page. */
export function page(reply: FastifyReply, name: string, data: Record<string, unknown> & { title: string }) {
  return reply.type('text/html; charset=utf-8').view(name, { ...data, f: formatters });
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
