import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { deleteVersionQuery, idParam } from '../../http/query-schemas.js';
import { createEstate, deleteEstate, updateEstate } from './estate-writes.service.js';

const propertiesObject = z.record(z.string(), z.unknown());

/** A GeoJSON Feature; foreign members (bbox, id, …) are allowed, but a `crs` must be WGS84; the geometry is checked by geometry-checks.ts. */
const createBody = z.looseObject({
  type: z.literal('Feature', { error: 'body must be a GeoJSON Feature ("type": "Feature")' }),
  geometry: z.unknown(),
  properties: propertiesObject.nullable().default({}),
});

const createQuery = z.object({ allowOverlap: z.enum(['true', 'false']).optional() }).strict();

const patchBody = z
  .object({
    version: z.number({ error: 'version (the version you edited) is required' }).int().min(1),
    properties: propertiesObject.optional(),
    geometry: z.unknown().optional(),
    allowOverlap: z.boolean().optional(),
  })
  .strict();

/** POST/PATCH/DELETE /api/estates (docs/API.md → Writes). */
export function estateWritesRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.post('/estates', 'ledger.write', async (req, res, ctx) => {
    const query = createQuery.parse(req.query);
    const body = createBody.parse(req.body);
    const feature = await createEstate(ctx, body, { allowOverlap: query.allowOverlap === 'true' });
    res.status(201).json(feature);
  });

  routes.patch('/estates/:id', 'ledger.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const body = patchBody.parse(req.body);
    const feature = await updateEstate(
      ctx,
      id,
      { version: body.version, properties: body.properties, geometry: body.geometry },
      { allowOverlap: body.allowOverlap === true },
    );
    res.json(feature);
  });

  routes.delete('/estates/:id', 'ledger.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const { version } = deleteVersionQuery.parse(req.query);
    await deleteEstate(ctx, id, version);
    res.status(204).end();
  });

  return routes;
}
