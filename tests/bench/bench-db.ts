/**
 * The PostGIS database a bench script works in: dropped and created again (with the extensions it
 * asks for), migrated by the app's own start-up, with nothing loaded yet.
 */
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';

export async function freshBenchDb(url: string, extensions: readonly ('postgis' | 'pgrouting')[] = ['postgis']): Promise<Db> {
  const name = new URL(url).pathname.slice(1);
  const admin = await openPostgresDb(url.replace(/\/[^/]*$/, '/postgres'));
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const setup = await openPostgresDb(url);
  try {
    for (const extension of extensions) await setup.exec(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
  } finally {
    await setup.close();
  }
  return bootstrapDb(loadConfig({ DATABASE_URL: url, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), () => undefined);
}
