import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { PROJECT_ROOT, type AppConfig } from './config.js';
import { serviceContext } from './context.js';
import type { Db } from './db/index.js';
import { NotFoundError } from './domain-errors.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { coverageRoutes } from './features/coverage/coverage.routes.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { estateWritesRoutes } from './features/estates/estate-writes.routes.js';
import { zonesRoutes } from './features/zones/zones.routes.js';
import { ogcRoutes } from './features/ogc/ogc.routes.js';
import { programmeRoutes } from './features/programme/programme.routes.js';
import { facilitiesRoutes } from './features/facilities/facilities.routes.js';
import { estatesRoutes } from './features/estates/estates.routes.js';
import { exportRoutes } from './features/export/export.routes.js';
import { importsRoutes } from './features/imports/imports.routes.js';
import { layersRoutes } from './features/layers/layers.routes.js';
import { tilesRoutes } from './features/tiles/tiles.routes.js';
import { tokensRoutes } from './features/tokens/tokens.routes.js';
import { systemRoutes } from './features/system/system.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
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

/** TRUST_PROXY as Express takes it: a hop count, true/false, or addresses/names such as loopback. */
function trustProxyValue(setting: string): number | boolean | string {
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting;
}

/** The HTTP application: the JSON geo-API under /api and the built client everywhere else. */
export function createApp(db: Db, config: AppConfig, options: AppOptions = {}): Express {
  const clientDir = options.clientDir ?? CLIENT_DIST_DIR;
  const ctx = serviceContext(db, config, options.now);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.trustProxy !== undefined) app.set('trust proxy', trustProxyValue(config.trustProxy));
  app.use(requestLog(options.logger ?? createLogger(config.logLevel)));
  app.use(securityHeaders(config));
  app.use(acceptedBodyEncoding);
  app.use(express.json({ limit: '50mb' }));

  // Every route family declares each route's access (http/access.ts); tests/api/permissions.api.test.ts
  // walks this router and fails on a route without one.
  const api = express.Router();
  for (const routes of [
    systemRoutes(ctx, config),
    authRoutes(ctx),
    usersRoutes(ctx),
    auditRoutes(ctx),
    estatesRoutes(ctx),
    estateWritesRoutes(ctx),
    zonesRoutes(ctx),
    importsRoutes(ctx),
    layersRoutes(ctx),
    exportRoutes(ctx),
    coverageRoutes(ctx),
    facilitiesRoutes(ctx),
    programmeRoutes(ctx),
    tilesRoutes(ctx),
    tokensRoutes(ctx),
  ]) {
    api.use(routes.router);
  }
  api.use((req) => {
    throw new NotFoundError(`API route ${req.method} ${req.originalUrl}`);
  });
  app.use('/api', api);

  // OGC API – Features for desktop GIS: its own mount, the same guards.
  const ogc = express.Router();
  // Desktop GIS and browsers ask for credentials when a 401 says how to give them.
  ogc.use((_req, res, next) => {
    res.set('WWW-Authenticate', 'Basic realm="Renewal Atlas", charset="UTF-8"');
    next();
  });
  ogc.use(ogcRoutes(ctx).router);
  ogc.use((req) => {
    throw new NotFoundError(`OGC route ${req.method} ${req.originalUrl}`);
  });
  app.use('/ogc', ogc);

  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/(api|ogc)(\/|$)).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
