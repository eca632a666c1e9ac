import type { AppConfig } from '../../config.js';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { estateSource, postgisVersion } from '../layers/layers.service.js';

/** Health (public, for load balancers) and client configuration. */
export function systemRoutes(base: ServiceContext, config: AppConfig): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/health', 'public', async (_req, res, { db }) => {
    // A lost or refused connection is a DbUnavailableError (503 without the driver's words, which name hosts and ports).
    const postgis = await postgisVersion(db);
    res.json({ status: 'ok', db: { backend: db.backend, postgis } });
  });
  routes.get('/config', 'ledger.read', async (_req, res, ctx) => {
    res.json({
      eligibilityCutoffYear: config.eligibilityCutoffYear,
      basemap: config.basemap,
      zoneRules: config.zoneRules,
      estateSource: await estateSource(reading(ctx).db, config.mapTilesFromEstates),
    });
  });
  return routes;
}
