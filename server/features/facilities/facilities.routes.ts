import { z } from 'zod';
import { facilityFeatureChangeSchema, facilityFeatureSchema } from '../../../core/facilities/facility-record.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { deleteVersionQuery, idParam } from '../../http/query-schemas.js';
import { createFacility, deleteFacility, importFacilities, updateFacility } from './facilities.service.js';

/** One import's facilities at most: a city's POIs of the catalogue's types, with room to spare. */
export const MAX_IMPORT_FACILITIES = 50_000;

const patchBody = z
  .object({
    version: z.number({ error: 'version (the version you edited) is required' }).int().min(1),
    properties: z.unknown().optional(),
    geometry: z.unknown().optional(),
  })
  .strict();

/** A FeatureCollection of facility Points, with the file they came from (kept on each row). */
const importBody = z
  .object({
    type: z.literal('FeatureCollection', { error: 'an import is a GeoJSON FeatureCollection' }).optional(),
    source: safeTextSchema(200).default(''),
    features: z
      .array(facilityFeatureSchema, { error: 'features must be a list of GeoJSON Point Features' })
      .min(1, 'the import holds no facility')
      .max(MAX_IMPORT_FACILITIES, `an import holds at most ${MAX_IMPORT_FACILITIES} facilities`),
  })
  .strict();

/** Facility writes (docs/API.md → Facilities); GET /api/facilities is a reference layer (layers.routes.ts). */
export function facilitiesRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.post('/facilities', 'facilities.write', async (req, res, ctx) => {
    res.status(201).json(await createFacility(ctx, facilityFeatureSchema.parse(req.body)));
  });
  routes.post('/facilities/import', 'facilities.write', async (req, res, ctx) => {
    const body = importBody.parse(req.body);
    res.status(201).json(await importFacilities(ctx, body.features, body.source));
  });
  routes.patch('/facilities/:id', 'facilities.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const { version, ...change } = patchBody.parse(req.body);
    res.json(await updateFacility(ctx, id, { ...facilityFeatureChangeSchema.parse(change), version }));
  });
  routes.delete('/facilities/:id', 'facilities.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const { version } = deleteVersionQuery.parse(req.query);
    await deleteFacility(ctx, id, version);
    res.status(204).end();
  });
  return routes;
}
