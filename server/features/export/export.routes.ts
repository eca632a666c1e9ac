import type { Response } from 'express';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { INT4_MAX } from '../../../core/ledger-fields.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { bboxParam, estateFilterQuery, unitParam } from '../../http/query-schemas.js';
import { buildExport, EXPORT_FORMATS, selectEstatesForExport, selectZonesForExport, type ExportSelection } from './export.service.js';
import { sendFile } from '../../http/send-file.js';

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

/**
 * POST /api/export takes the same choice as a JSON body, so a selection of any size fits
 * (a GET URL with thousands of ids would pass the 16 KiB request-head limit).
 */
export const exportBody = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
    ids: z
      // Ids are int4: a larger number would make PostgreSQL throw instead of matching nothing.
      .array(z.number().int().positive('ids must be estate ids').max(INT4_MAX, 'ids must be estate ids'))
      .min(1, 'ids must name at least one estate')
      .max(MAX_EXPORT_IDS, `ids: at most ${MAX_EXPORT_IDS} estates`)
      .transform((ids) => [...new Set(ids)])
      .optional(),
    bbox: bboxParam.optional(),
    district: unitParam.optional(),
    subdistrict: unitParam.optional(),
  })
  .strict()
  .refine((q) => q.ids === undefined || (q.bbox === undefined && q.district === undefined && q.subdistrict === undefined), {
    error: 'give either ids (a selection) or the filters bbox/district/subdistrict, not both',
  });

type ExportRequest = z.output<typeof exportQuery> | z.output<typeof exportBody>;

function describeScope(query: ExportRequest, count: number): string {
  if (query.ids) return `选中 ${count} 个小区`;
  const parts = [query.district, query.subdistrict].filter((part): part is string => part !== undefined);
  if (query.bbox) parts.push('地图范围内');
  // The atlas filter (GET only): its parts are many, so the title says only that one applies.
  if (
    'search' in query &&
    [query.subdistrictCodes, query.eligible, query.urgent, query.yearFrom, query.yearTo, query.search].some((v) => v !== undefined)
  )
    parts.push('按台账筛选条件');
  return parts.length > 0 ? parts.join('，') : '全部小区';
}

export function exportRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  async function sendExport(ctx: ServiceContext, request: ExportRequest, res: Response): Promise<void> {
    const { format, ids, ...filter } = request;
    const selection: ExportSelection = ids ? { ids } : { filter };
    const estates = await selectEstatesForExport(ctx, selection);
    const zones = await selectZonesForExport(ctx, estates);
    const file = await buildExport(format, estates, { scope: describeScope(request, estates.length), zones });
    sendFile(res, file);
  }

  routes.get('/export', 'ledger.read', async (req, res, ctx) => {
    await sendExport(ctx, exportQuery.parse(req.query), res);
  });
  routes.post('/export', 'ledger.read', async (req, res, ctx) => {
    await sendExport(ctx, exportBody.parse(req.body), res);
  });

  return routes;
}
