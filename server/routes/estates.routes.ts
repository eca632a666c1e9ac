import { Router } from 'express';
import type { Db } from '../db/index.js';
import { getEstate, listEstates, summarizeEstates } from '../services/estates.service.js';
import { estateFilterQuery, estateListQuery, idParam } from './query-schemas.js';

export function estatesRouter(db: Db, eligibilityCutoffYear: number): Router {
  const router = Router();

  router.get('/estates', async (req, res) => {
    const query = estateListQuery.parse(req.query);
    const features = await listEstates(db, query, eligibilityCutoffYear);
    res.json({ type: 'FeatureCollection', features });
  });

  router.get('/estates/:id', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await getEstate(db, id, eligibilityCutoffYear));
  });

  router.get('/summary', async (req, res) => {
    const query = estateFilterQuery.parse(req.query);
    res.json(await summarizeEstates(db, query, eligibilityCutoffYear));
  });

  return router;
}
