import { Router } from 'express';
import type { AppConfig } from '../../config.js';
import type { ServiceContext } from '../../context.js';
import { UnavailableError } from '../../domain-errors.js';
import { postgisVersion } from '../layers/layers.service.js';

/** Health and client configuration. */
export function systemRouter({ db }: ServiceContext, config: AppConfig): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    let postgis: string;
    try {
      postgis = await postgisVersion(db);
    } catch (error) {
      throw new UnavailableError(error instanceof Error ? error.message : String(error));
    }
    res.json({ status: 'ok', db: { backend: db.backend, postgis } });
  });
  router.get('/config', (_req, res) => {
    res.json({ eligibilityCutoffYear: config.eligibilityCutoffYear, basemap: config.basemap });
  });
  return router;
}
