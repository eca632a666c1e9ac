import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { bboxOnlyQuery, facilityQuery, outlineQuery, noQuery } from '../../http/query-schemas.js';
import { countFacilities, listCommunities, listFacilities, listRoads, listSubdistricts, listWaterAreas } from './layers.service.js';

/** Reference layers: facilities, roads, administrative units and water. */
export function layersRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/facilities', 'ledger.read', async (req, res, ctx) => {
    res.json(await listFacilities(ctx.db, facilityQuery.parse(req.query)));
  });
  routes.get('/facilities/counts', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await countFacilities(ctx.db));
  });
  routes.get('/roads', 'ledger.read', async (req, res, ctx) => {
    res.json(await listRoads(ctx.db, bboxOnlyQuery.parse(req.query)));
  });
  routes.get('/subdistricts', 'ledger.read', async (req, res, ctx) => {
    res.json(await listSubdistricts(ctx.db, outlineQuery.parse(req.query)));
  });
  routes.get('/communities', 'ledger.read', async (req, res, ctx) => {
    res.json(await listCommunities(ctx.db, outlineQuery.parse(req.query)));
  });
  routes.get('/water', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listWaterAreas(ctx.db));
  });
  return routes;
}
