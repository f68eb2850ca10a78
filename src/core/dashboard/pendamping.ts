import type { ReportQuery } from '../report/model.js';

/**
 * The LPJ as a pendamping may read it: the group version (help to people shown by category only),
 * and not even the initials of the people helped, in the summary or in the buku kas lines.
 */
export function withoutIdentities(query: ReportQuery): ReportQuery {
  return {
    async report(request) {
      const model = await query.report({ ...request, variant: 'grup' });
      return { ...model, aid: { ...model.aid, lines: model.aid.lines.map((line) => ({ ...line, recipient: '—' })) } };
    },
    async *lines(model, fund) {
      const helped = new Set(model.aid.lines.map((line) => line.entryNumber));
      for await (const line of query.lines(model, fund)) yield helped.has(line.number) ? { ...line, party: null } : line;
    },
  };
}
