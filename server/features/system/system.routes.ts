import type { AppConfig } from '../../config.js';
import type { ServiceContext } from '../../context.js';
import { UnavailableError } from '../../domain-errors.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { postgisVersion } from '../layers/layers.service.js';

/** Health (public, for load balancers) and client configuration. */
export function systemRoutes(base: ServiceContext, config: AppConfig): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/health', 'public', async (_req, res, { db }) => {
    let postgis: string;
    try {
      postgis = await postgisVersion(db);
    } catch (error) {
      throw new UnavailableError(error instanceof Error ? error.message : String(error));
    }
    res.json({ status: 'ok', db: { backend: db.backend, postgis } });
  });
  routes.get('/config', 'ledger.read', (_req, res) => {
    res.json({ eligibilityCutoffYear: config.eligibilityCutoffYear, basemap: config.basemap });
  });
  return routes;
}
