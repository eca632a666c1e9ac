import { Router } from 'express';
import type { ServiceContext } from '../../context.js';
import { estateFilterQuery, estateListQuery, idParam } from '../../http/query-schemas.js';
import { getEstate, listEstates, summarizeEstates } from './estates.service.js';

/** GET /api/estates, /api/estates/:id, /api/summary (docs/API.md). */
export function estatesRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/estates', async (req, res) => {
    const query = estateListQuery.parse(req.query);
    res.json({ type: 'FeatureCollection', features: await listEstates(ctx, query) });
  });

  router.get('/estates/:id', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await getEstate(ctx, id));
  });

  router.get('/summary', async (req, res) => {
    res.json(await summarizeEstates(ctx, estateFilterQuery.parse(req.query)));
  });

  return router;
}
