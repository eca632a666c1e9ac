import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from './config.js';
import { serviceContext } from './context.js';
import { DbUnavailableError, migrate, openDb, type Db } from './db/index.js';
import { ensureAdministrator } from './features/users/users.service.js';
import { createLogger, type Logger } from './log.js';
import { loadDemoCity, needsDemoCity } from './seed/demo-city.js';

/** Waits between attempts to reach the database: doubling from the first, never above the last. */
export const RETRY_BACKOFF_S = { first: 1, max: 30 } as const;

/** Seconds to wait before attempt `attempt + 1` (0-based): 1, 2, 4, … 30, 30. */
export function retryDelayS(attempt: number): number {
  return Math.min(RETRY_BACKOFF_S.max, RETRY_BACKOFF_S.first * 2 ** attempt);
}

function describeTarget(config: Pick<AppConfig, 'databaseUrl' | 'pgliteDataDir'>): string {
  if (!config.databaseUrl) return `embedded PGlite at ${config.pgliteDataDir}`;
  // Host and database only: the URL may carry a password.
  const url = new URL(config.databaseUrl);
  return `PostGIS server ${url.host}${url.pathname}`;
}

/** How start-up reports progress; 'warn' for what must reach the operator whatever LOG_LEVEL hides (the generated admin password). */
export type BootLog = (message: string, level?: 'warn') => void;

export function logTo(logger: Pick<Logger, 'info' | 'warn'>): BootLog {
  return (message, level) => (level === 'warn' ? logger.warn(message) : logger.info(message));
}

/**
 * Opens the configured database, brings its schema up to date and, on first start,
 * loads the demo city. Later starts only open and check (seconds).
 */
export async function bootstrapDb(config: AppConfig, log: BootLog = logTo(createLogger())): Promise<Db> {
  log(`[db] opening ${describeTarget(config)}…`);
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log(`[db] applied migrations: ${applied.join(', ')}`);
    if (config.seedDemo && (await needsDemoCity(db))) {
      log('[db] first start: loading the demo city (this takes a moment)…');
      const report = await loadDemoCity(db, undefined, ({ step, done, total }) => {
        if (done === 0) log(`[db]   loading ${total} ${step === 'programme' ? 'programme rows' : step}`);
      });
      log(`[db] demo city loaded: ${report.counts.estates} estates`);
    }
    await ensureAdministrator(serviceContext(db, config), config.adminPassword, log);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/**
 * bootstrapDb, tried again with exponential backoff while the database cannot be reached (a
 * PostGIS server still starting, a network outage); any other failure is thrown at once.
 * Rejects with the signal's reason when `signal` aborts (shutdown while waiting).
 */
export async function bootstrapDbWithRetry(
  config: AppConfig,
  log: Pick<Logger, 'info' | 'warn'>,
  signal: AbortSignal,
  onRetry: (error: DbUnavailableError) => void = () => undefined,
): Promise<Db> {
  for (let attempt = 0; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await bootstrapDb(config, logTo(log));
    } catch (error) {
      if (!(error instanceof DbUnavailableError)) throw error;
      onRetry(error);
      const delayS = retryDelayS(attempt);
      log.warn(`[db] cannot reach ${describeTarget(config)} (${error.reason}); retrying in ${delayS} s`);
      await sleep(delayS * 1000, undefined, { signal });
    }
  }
}
