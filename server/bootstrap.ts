import type { AppConfig } from './config.js';
import { migrate, openDb, type Db } from './db/index.js';
import { serviceContext } from './context.js';
import { ensureAdministrator } from './features/users/users.service.js';
import { loadDemoCity, needsDemoCity } from './seed/demo-city.js';

/**
 * Opens the configured database, brings its schema up to date and, on first start,
 * loads the demo city. Later starts only open and check (seconds).
 */
export async function bootstrapDb(config: AppConfig, log: (message: string) => void = console.log): Promise<Db> {
  const target = config.databaseUrl ? 'PostGIS server (DATABASE_URL)' : `embedded PGlite at ${config.pgliteDataDir}`;
  log(`[db] opening ${target}…`);
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log(`[db] applied migrations: ${applied.join(', ')}`);
    if (config.seedDemo && (await needsDemoCity(db))) {
      log('[db] first start: loading the demo city (this takes a moment)…');
      const report = await loadDemoCity(db, undefined, (message) => log(`[db]   ${message}`));
      log(`[db] demo city loaded: ${report.counts.estates} estates`);
    }
    await ensureAdministrator(serviceContext(db, config), config.adminPassword, log);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
