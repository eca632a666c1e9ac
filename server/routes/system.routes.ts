import { Router } from 'express';
import type { AppConfig } from '../config.js';
import type { Db } from '../db/index.js';
import { UnavailableError } from '../errors.js';
import { postgisVersion } from '../services/geo.service.js';

/** Health and client configuration. */
export function systemRouter(db: Db, config: AppConfig): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    let postgis: string;
    try {
      postgis = await postgisVersion(db);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UnavailableError(`database unreachable: ${reason}`);
    }
    res.json({ status: 'ok', db: { backend: db.backend, postgis } });
  });
  router.get('/config', (_req, res) => {
    res.json({ eligibilityCutoffYear: config.eligibilityCutoffYear, basemap: config.basemap });
  });
  return router;
}
