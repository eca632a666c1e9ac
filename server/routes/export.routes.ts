import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { buildExport, EXPORT_FORMATS, selectEstatesForExport, type ExportSelection } from '../services/export.service.js';
import { estateFilterQuery } from './query-schemas.js';

const MAX_EXPORT_IDS = 100_000;

const idsParam = z
  .string()
  .regex(/^\d{1,9}(,\d{1,9})*$/u, 'ids must be estate ids separated by commas, e.g. ids=1,2,3')
  .transform((text) => [...new Set(text.split(',').map(Number))])
  .pipe(z.array(z.number().int()).max(MAX_EXPORT_IDS, `ids: at most ${MAX_EXPORT_IDS} estates`));

/** format plus either a selection (ids) or the /api/estates filters, never both. */
export const exportQuery = estateFilterQuery
  .extend({
    format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
    ids: idsParam.optional(),
  })
  .strict()
  .refine((q) => q.ids === undefined || (q.bbox === undefined && q.district === undefined && q.subdistrict === undefined), {
    error: 'give either ids (a selection) or the filters bbox/district/subdistrict, not both',
  });

function describeScope(query: z.output<typeof exportQuery>, count: number): string {
  if (query.ids) return `选中 ${count} 个小区`;
  const parts = [query.district, query.subdistrict].filter((part): part is string => part !== undefined);
  if (query.bbox) parts.push('地图范围内');
  return parts.length > 0 ? parts.join('，') : '全部小区';
}

export function exportRouter(db: Db, eligibilityCutoffYear: number): Router {
  const router = Router();

  router.get('/export', async (req, res) => {
    const query = exportQuery.parse(req.query);
    const { format, ids, ...filter } = query;
    const selection: ExportSelection = ids ? { ids } : { filter };
    const estates = await selectEstatesForExport(db, selection, eligibilityCutoffYear);
    const file = await buildExport(format, estates, { scope: describeScope(query, estates.length) });
    res.set('Content-Type', file.contentType);
    res.set('Content-Disposition', file.contentDisposition);
    res.set('Cache-Control', 'no-store');
    res.send(file.body);
  });

  return router;
}
