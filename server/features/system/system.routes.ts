import { Router } from 'express';
import type { AppConfig } from '../../config.js';
import type { ServiceContext } from '../../context.js';
import { postgisVersion } from '../layers/layers.service.js';

/** Health and client configuration. */
export function systemRouter({ db }: ServiceContext, config: AppConfig): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    // A lost or refused connection is a DbUnavailableError (503 without the driver's words, which name hosts and ports).
    const postgis = await postgisVersion(db);
    res.json({ status: 'ok', db: { backend: db.backend, postgis } });
  });
  router.get('/config', (_req, res) => {
    res.json({ eligibilityCutoffYear: config.eligibilityCutoffYear, basemap: config.basemap });
  });
  return router;
}
