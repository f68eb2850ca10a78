import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reportText, withoutIdentities, type ReportQuery } from '../../core/index.js';
import { RENDERERS } from '../../files/index.js';
import type { DashboardDeps } from './deps.js';
import { page, shell } from './render.js';
import { guard } from './session.js';
import { periodOf } from './summary.js';

const FORMATS = ['pdf', 'xlsx', 'csv'] as const;
const QUICK = ['bulan ini', 'bulan lalu', 'tahun ini', 'tahun lalu'] as const;

const reportQuery = z.object({
  periode: z.string().trim().max(60).default('bulan ini'),
  versi: z.enum(['grup', 'rahasia']).default('grup'),
});
const fileParams = z.object({ format: z.enum(FORMATS) });

/**
 * Laporan: the LPJ of any period, shown and downloaded from the same read model as /laporan. A pengurus
 * may take the `rahasia` version (names of people helped); a pendamping gets the group version without
 * even their initials, whatever they ask for.
 */
export function registerReportPages(app: FastifyInstance, deps: DashboardDeps): void {
  const pendampingQuery = withoutIdentities(deps.reports);

  /** The model the viewer may read, or why not. */
  async function modelFor(request: FastifyRequest) {
    const access = request.access!;
    const query = reportQuery.safeParse(request.query);
    if (!query.success) return null;
    const period = periodOf(query.data.periode || 'bulan ini', deps.clock.now(), access.wksbm.timeZone);
    if (!period) return { ...query.data, period: null };
    const pengurus = access.as === 'pengurus';
    const source: ReportQuery = pengurus ? deps.reports : pendampingQuery;
    const variant = pengurus ? query.data.versi : 'grup';
    const model = await source.report({ wksbmId: access.wksbm.id, period, variant, madeAt: deps.clock.now() });
    return { ...query.data, versi: variant, period, model, source };
  }

  app.get('/dasbor/:wksbm/laporan', { preHandler: guard(deps, 'any') }, async (request, reply) => {
    const layout = shell(request, reply, '/laporan');
    const found = await modelFor(request);
    const status = found?.period ? 200 : 400;
    const link = (format: string) =>
      `${layout.base}/laporan/unduh/${format}?${new URLSearchParams({ periode: found?.periode ?? 'bulan ini', versi: found?.versi ?? 'grup' })}`;
    return page(reply.code(status), 'laporan', {
      ...layout,
      title: `Laporan · ${layout.wksbm.name}`,
      found,
      quick: QUICK,
      formats: FORMATS.map((format) => ({ format, href: link(format) })),
      periodRange: found?.period ? reportText.periodRange(found.period, layout.wksbm.timeZone) : null,
    });
  });

  app.get('/dasbor/:wksbm/laporan/unduh/:format', { preHandler: guard(deps, 'any') }, async (request: FastifyRequest, reply: FastifyReply) => {
    const params = fileParams.safeParse(request.params);
    const found = await modelFor(request);
    if (!params.success || !found?.period || !('model' in found)) {
      return page(reply.code(400), 'galat', { title: 'Periode tidak dapat dibaca', message: 'Pilih periode dari halaman Laporan, lalu unduh lagi.' });
    }
    const { format } = params.data;
    const renderer = RENDERERS[format];
    const out = new PassThrough();
    // The file is written as it is sent: a year of entries is never held in memory.
    renderer.write(found.source, found.model, out).catch((error: unknown) => out.destroy(error as Error));
    const name = reportText.fileName(found.model.wksbm, found.period, found.model.variant, format);
    return reply
      .type(renderer.mimeType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(out);
  });
}
