/** OGC API – Features under /ogc (docs/API.md → OGC API – Features): read-only, behind the same sign-in and roles. */
import type { Request } from 'express';
import { z } from 'zod';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { bboxParam, limitParamUpTo } from '../../http/query-schemas.js';
import { collection, collections, CONFORMANCE, DEFAULT_LIMIT, item, items, landingPage, MAX_LIMIT, type OgcBase } from './ogc.service.js';

/** `f=json` is what GDAL and browsers may add; only JSON is served. */
const format = z.enum(['json'], { error: 'f takes json' }).optional();
const plainQuery = z.object({ f: format }).strict();
const itemsQuery = z
  .object({
    f: format,
    bbox: bboxParam.optional(),
    limit: limitParamUpTo(MAX_LIMIT).optional(),
    offset: z
      .string()
      .regex(/^\d{1,9}$/, 'offset is a whole number from 0')
      .transform(Number)
      .optional(),
  })
  .strict();
const collectionParam = z.object({ collectionId: z.string().max(40) });
const itemParam = collectionParam.extend({
  featureId: z
    .string()
    .regex(/^\d{1,9}$/, 'a feature id is a whole number')
    .transform(Number),
});

function baseOf(req: Request): OgcBase {
  const language = (req.get('Accept-Language') ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return { base: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`, language };
}

export function ogcRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/', 'ledger.read', (req, res) => {
    plainQuery.parse(req.query);
    res.json(landingPage(baseOf(req)));
  });
  routes.get('/conformance', 'ledger.read', (req, res) => {
    plainQuery.parse(req.query);
    res.json({ conformsTo: CONFORMANCE });
  });
  routes.get('/collections', 'ledger.read', async (req, res, ctx) => {
    plainQuery.parse(req.query);
    res.json(await collections(reading(ctx), baseOf(req)));
  });
  routes.get('/collections/:collectionId', 'ledger.read', async (req, res, ctx) => {
    plainQuery.parse(req.query);
    res.json(await collection(reading(ctx), collectionParam.parse(req.params).collectionId, baseOf(req)));
  });
  routes.get('/collections/:collectionId/items', 'ledger.read', async (req, res, ctx) => {
    const q = itemsQuery.parse(req.query);
    const answer = await items(
      reading(ctx),
      collectionParam.parse(req.params).collectionId,
      { bbox: q.bbox, limit: q.limit ?? DEFAULT_LIMIT, offset: q.offset ?? 0 },
      baseOf(req),
    );
    res.type('application/geo+json').send(JSON.stringify(answer));
  });
  routes.get('/collections/:collectionId/items/:featureId', 'ledger.read', async (req, res, ctx) => {
    plainQuery.parse(req.query);
    const { collectionId, featureId } = itemParam.parse(req.params);
    res.type('application/geo+json').send(JSON.stringify(await item(reading(ctx), collectionId, featureId, baseOf(req))));
  });
  return routes;
}
