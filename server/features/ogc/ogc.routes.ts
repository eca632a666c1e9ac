/** OGC API – Features under /ogc (docs/API.md → OGC API – Features): read-only, behind the same sign-in and roles. */
import type { Request, Response } from 'express';
import type { Bilingual } from '../../../core/ledger-fields.js';
import { z } from 'zod';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { bboxParam, limitParamUpTo } from '../../http/query-schemas.js';
import { ogcHtml, type OgcAnswer } from './ogc-html.js';
import { collection, collections, CONFORMANCE, DEFAULT_LIMIT, item, items, landingPage, MAX_LIMIT, type OgcBase } from './ogc.service.js';

/** `f=json` or `f=html`; without it the Accept header decides (browsers get HTML, GIS clients JSON). */
const format = z.enum(['json', 'html'], { error: 'f takes json or html' }).optional();
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

type Format = 'json' | 'html';
const JSON_TYPE = 'application/json';
const GEOJSON_TYPE = 'application/geo+json';

function formatOf(req: Request, f: Format | undefined): Format {
  if (f) return f;
  return req.accepts(['application/json', 'application/geo+json', 'text/html']) === 'text/html' ? 'html' : 'json';
}

/**
 * Sends an answer as JSON (`type`) with a link to its HTML, or as the HTML page, which links back.
 * `title` names a page whose answer has no title of its own.
 */
function send(req: Request, res: Response, answer: OgcAnswer, f: Format | undefined, type: string, title: Bilingual): void {
  const at = baseOf(req);
  const here = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`;
  const other = new URL(here);
  const format = formatOf(req, f);
  other.searchParams.set('f', format === 'html' ? 'json' : 'html');
  const links = [...(answer.links ?? []), { href: other.toString(), rel: 'alternate', type: format === 'html' ? type : 'text/html' }];
  if (format === 'html') {
    res.type('text/html').send(ogcHtml({ ...answer, links }, title[at.language], at.language));
    return;
  }
  res.type(type).send(JSON.stringify({ ...answer, links }));
}

function baseOf(req: Request): OgcBase {
  const language = (req.get('Accept-Language') ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return { base: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`, language };
}

export function ogcRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/', 'ledger.read', (req, res) => {
    const { f } = plainQuery.parse(req.query);
    send(req, res, landingPage(baseOf(req)), f, JSON_TYPE, { zh: 'OGC API – Features', en: 'OGC API – Features' });
  });
  routes.get('/conformance', 'ledger.read', (req, res) => {
    const { f } = plainQuery.parse(req.query);
    send(req, res, { conformsTo: CONFORMANCE }, f, JSON_TYPE, { zh: '符合的标准', en: 'Conformance' });
  });
  routes.get('/collections', 'ledger.read', async (req, res, ctx) => {
    const { f } = plainQuery.parse(req.query);
    send(req, res, await collections(reading(ctx), baseOf(req)), f, JSON_TYPE, { zh: '图层', en: 'Collections' });
  });
  routes.get('/collections/:collectionId', 'ledger.read', async (req, res, ctx) => {
    const { f } = plainQuery.parse(req.query);
    send(req, res, await collection(reading(ctx), collectionParam.parse(req.params).collectionId, baseOf(req)), f, JSON_TYPE, {
      zh: '图层',
      en: 'Collection',
    });
  });
  routes.get('/collections/:collectionId/items', 'ledger.read', async (req, res, ctx) => {
    const q = itemsQuery.parse(req.query);
    const answer = await items(
      reading(ctx),
      collectionParam.parse(req.params).collectionId,
      { bbox: q.bbox, limit: q.limit ?? DEFAULT_LIMIT, offset: q.offset ?? 0 },
      baseOf(req),
    );
    send(req, res, answer, q.f, GEOJSON_TYPE, { zh: '要素列表', en: 'Items' });
  });
  routes.get('/collections/:collectionId/items/:featureId', 'ledger.read', async (req, res, ctx) => {
    const { f } = plainQuery.parse(req.query);
    const { collectionId, featureId } = itemParam.parse(req.params);
    send(req, res, await item(reading(ctx), collectionId, featureId, baseOf(req)), f, GEOJSON_TYPE, {
      zh: `${collectionId} ${featureId}`,
      en: `${collectionId} ${featureId}`,
    });
  });
  return routes;
}
