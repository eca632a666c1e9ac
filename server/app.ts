import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { PROJECT_ROOT, type AppConfig } from './config.js';
import type { Db } from './db/index.js';
import { errorHandler, NotFoundError } from './errors.js';
import { estateWritesRouter } from './routes/estate-writes.routes.js';
import { estatesRouter } from './routes/estates.routes.js';
import { exportRouter } from './routes/export.routes.js';
import { importsRouter } from './routes/imports.routes.js';
import { geoRouter } from './routes/geo.routes.js';
import { systemRouter } from './routes/system.routes.js';

export const CLIENT_DIST_DIR = join(PROJECT_ROOT, 'dist', 'client');

/** The HTTP application: the JSON geo-API under /api and the built client everywhere else. */
export function createApp(db: Db, config: AppConfig, clientDir: string = CLIENT_DIST_DIR): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '50mb' }));

  const api = express.Router();
  api.use(systemRouter(db, config));
  api.use(estatesRouter(db, config.eligibilityCutoffYear));
  api.use(estateWritesRouter(db, config.eligibilityCutoffYear));
  api.use(importsRouter(db));
  api.use(geoRouter(db));
  api.use(exportRouter(db, config.eligibilityCutoffYear));
  api.use((req) => {
    throw new NotFoundError(`no API route ${req.method} ${req.originalUrl}`);
  });
  app.use('/api', api);

  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
