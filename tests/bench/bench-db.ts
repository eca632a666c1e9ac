/**
 * The PostGIS database a bench script works in: dropped and created again (with the extensions it
 * asks for), migrated by the app's own start-up, with nothing loaded yet.
 */
import { join } from 'node:path';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { countEstates } from './bench-http.js';
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

/**
 * A bench database holding the generated city of `estates` (BENCH_CITY_DIR, else data/generated/city-N):
 * loaded afresh, or with BENCH_REUSE=1 the one an earlier run loaded with as many estates (the load takes
 * minutes at 200 000). Also answers the city's centre, where the benches look.
 */
export async function benchCityDb(url: string, estates: number): Promise<{ db: Db; centre: [number, number] }> {
  const cityDir = process.env.BENCH_CITY_DIR ?? join(PROJECT_ROOT, 'data', 'generated', `city-${estates}`);
  ensureGeneratedCity(estates, cityDir);
  const reusable = process.env.BENCH_REUSE === '1' && (await countEstates(url)) === estates;
  const db = reusable
    ? await bootstrapDb(loadConfig({ DATABASE_URL: url, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), () => undefined)
    : await freshBenchDb(url);
  if (!reusable) await loadDemoCity(db, cityDir);
  const [row] = await db.query<{ lng: number; lat: number }>(
    'SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Extent(geom)::geometry) AS c FROM estates) s',
  );
  return { db, centre: [row?.lng ?? 0, row?.lat ?? 0] };
}
