import { Router } from 'express';
import type { ServiceContext } from '../../context.js';
import { bboxOnlyQuery, facilityQuery, noQuery } from '../../http/query-schemas.js';
import { listCommunities, listFacilities, listRoads, listSubdistricts, listWaterAreas } from './layers.service.js';

/** Reference layers: facilities, roads, administrative units and water. */
export function layersRouter({ db }: ServiceContext): Router {
  const router = Router();
  router.get('/facilities', async (req, res) => {
    res.json(await listFacilities(db, facilityQuery.parse(req.query)));
  });
  router.get('/roads', async (req, res) => {
    res.json(await listRoads(db, bboxOnlyQuery.parse(req.query)));
  });
  router.get('/subdistricts', async (req, res) => {
    noQuery.parse(req.query);
    res.json(await listSubdistricts(db));
  });
  router.get('/communities', async (req, res) => {
    noQuery.parse(req.query);
    res.json(await listCommunities(db));
  });
  router.get('/water', async (req, res) => {
    noQuery.parse(req.query);
    res.json(await listWaterAreas(db));
  });
  return router;
}
