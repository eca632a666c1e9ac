import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { PROJECT_ROOT, type AppConfig } from './config.js';
import { serviceContext } from './context.js';
import type { Db } from './db/index.js';
import { NotFoundError } from './domain-errors.js';
import { estateWritesRouter } from './features/estates/estate-writes.routes.js';
import { estatesRouter } from './features/estates/estates.routes.js';
import { exportRouter } from './features/export/export.routes.js';
import { importsRouter } from './features/imports/imports.routes.js';
import { layersRouter } from './features/layers/layers.routes.js';
import { systemRouter } from './features/system/system.routes.js';
import { acceptedBodyEncoding } from './http/body-encoding.js';
import { errorHandler } from './http/error-handler.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { createLogger, type Logger } from './log.js';

export const CLIENT_DIST_DIR = join(PROJECT_ROOT, 'dist', 'client');

export interface AppOptions {
  clientDir?: string;
  /** Today's date for the services' rules; tests pin it. */
  now?: () => Date;
  /** The server's logger (default: a new one at config.logLevel). */
  logger?: Logger;
}

/** The HTTP application: the JSON geo-API under /api and the built client everywhere else. */
export function createApp(db: Db, config: AppConfig, options: AppOptions = {}): Express {
  const clientDir = options.clientDir ?? CLIENT_DIST_DIR;
  const ctx = serviceContext(db, config, options.now);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(options.logger ?? createLogger(config.logLevel)));
  app.use(securityHeaders(config));
  app.use(acceptedBodyEncoding);
  app.use(express.json({ limit: '50mb' }));

  const api = express.Router();
  api.use(systemRouter(ctx, config));
  api.use(estatesRouter(ctx));
  api.use(estateWritesRouter(ctx));
  api.use(importsRouter(ctx));
  api.use(layersRouter(ctx));
  api.use(exportRouter(ctx));
  api.use((req) => {
    throw new NotFoundError(`API route ${req.method} ${req.originalUrl}`);
  });
  app.use('/api', api);

  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
