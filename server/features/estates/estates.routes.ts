import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { estateFilterQuery, estateListQuery, idParam } from '../../http/query-schemas.js';
import { getEstate, listEstates, matchingEstates, summarizeEstates } from './estates.service.js';

/** GET /api/estates, /api/estates/matching, /api/estates/:id, /api/summary (docs/API.md). */
export function estatesRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.get('/estates', 'ledger.read', async (req, res, ctx) => {
    const query = estateListQuery.parse(req.query);
    res.json({ type: 'FeatureCollection', features: await listEstates(reading(ctx), query) });
  });

  // Before /estates/:id, which would read "matching" as an id.
  routes.get('/estates/matching', 'ledger.read', async (req, res, ctx) => {
    res.json(await matchingEstates(reading(ctx), estateFilterQuery.parse(req.query)));
  });

  routes.get('/estates/:id', 'ledger.read', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    res.json(await getEstate(ctx, id));
  });

  routes.get('/summary', 'ledger.read', async (req, res, ctx) => {
    res.json(await summarizeEstates(reading(ctx), estateFilterQuery.parse(req.query)));
  });

  return routes;
}
