/** GET /api/tiles (the layers and the data version) and GET /api/tiles/{layer}/{z}/{x}/{y}.mvt. */
import { z } from 'zod';
import { MAX_TILE_ZOOM, tileCoordRefusal } from '../../../core/tiles/tile-grid.js';
import { TILE_LAYER_IDS, TILE_LAYERS } from '../../../core/tiles/tile-layers.js';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { noQuery } from '../../http/query-schemas.js';
import { isoDateSchema } from '../../../core/programme/progress-history.js';
import { stageCursor, TileCache, tileDataVersion, tileStageOverrides } from './tiles.service.js';

const wholeNumber = z
  .string()
  .regex(/^\d{1,8}$/, 'must be a whole number')
  .transform(Number);

const tileParams = z
  .object({
    layer: z.enum(TILE_LAYER_IDS, { error: `layer must be one of ${TILE_LAYER_IDS.join(', ')}` }),
    z: wholeNumber,
    x: wholeNumber,
    y: wholeNumber,
  })
  .superRefine((coord, ctx) => {
    const refusal = tileCoordRefusal(coord);
    if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
  });

/** `v`: the data version the client last saw; a tile asked for under the current one may be kept for a day. */
const tileQuery = z
  .object({
    v: z
      .string()
      .regex(/^\d{1,19}$/, 'v is a data version number')
      .optional(),
  })
  .strict();

const stagesQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d{1,16}$/, 'since is the stageCursor of GET /api/tiles')
      .transform(Number)
      .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER, 'since is the stageCursor of GET /api/tiles')),
    asOf: isoDateSchema.optional(),
  })
  .strict();

export const MVT_MEDIA_TYPE = 'application/vnd.mapbox-vector-tile';

export function tilesRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  const cache = new TileCache(base.db.backend === 'postgres' ? 'postgis' : 'js');

  routes.get('/tiles', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    // The cursor first: a tile cut later includes every entry of a transaction before it.
    const cursor = await stageCursor(ctx.db.reader);
    const version = await tileDataVersion(ctx.db.reader);
    res.set('Cache-Control', 'private, no-cache');
    res.json({
      version,
      stageCursor: cursor,
      layers: Object.fromEntries(
        TILE_LAYER_IDS.map((layer) => [
          layer,
          { tiles: [`/api/tiles/${layer}/{z}/{x}/{y}.mvt?v=${version}`], minzoom: TILE_LAYERS[layer].minZoom, maxzoom: MAX_TILE_ZOOM },
        ]),
      ),
    });
  });

  routes.get('/tiles/estates/stages', 'ledger.read', async (req, res, ctx) => {
    const { since, asOf } = stagesQuery.parse(req.query);
    res.set('Cache-Control', 'private, no-cache');
    res.json(await tileStageOverrides(reading(ctx), since, asOf));
  });

  routes.get('/tiles/:layer/:z/:x/:y.mvt', 'ledger.read', async (req, res, ctx) => {
    const { layer, ...coord } = tileParams.parse(req.params);
    const { v } = tileQuery.parse(req.query);
    const version = await tileDataVersion(ctx.db.reader);
    const etag = `"t${version}"`;
    res.set('ETag', etag);
    // Behind sign-in, so never in a shared cache. Under a URL naming the current version the tile
    // cannot change; otherwise the browser asks again and gets a 304 while nothing changed.
    res.set('Cache-Control', v === version ? 'private, max-age=86400, immutable' : 'private, no-cache');
    if (req.get('If-None-Match') === etag) {
      res.status(304).end();
      return;
    }
    const answer = await cache.tile(reading(ctx), layer, coord, version);
    if (!answer.bytes) {
      res.status(204).end();
      return;
    }
    res.type(MVT_MEDIA_TYPE).send(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
  });
  return routes;
}
