import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { PROJECT_ROOT } from '../config.js';
import { type CopyValue, type Db, type DbBackend, type Executor, withIndexesBuiltAfter } from '../db/index.js';
import { CITY_LAYERS, type CityLayer, LAYER_ROWS } from './city-rows.js';
import { demoAccountRows, insertDemoAccounts } from './demo-accounts.js';
import { insertDemoProgramme } from './demo-programme.js';

export const DEMO_CITY_DIR = join(PROJECT_ROOT, 'data', 'demo-city');

/**
 * Rows per COPY. A PostGIS server takes a whole layer in one streamed COPY (the rows are made while
 * the server stores the previous ones); PGlite gets batches, as each COPY is one blob in memory.
 */
const COPY_BATCH_ROWS: Readonly<Record<DbBackend, number>> = { postgres: Number.POSITIVE_INFINITY, pglite: 20_000 };
/** Progress is reported every so many rows. */
const PROGRESS_EVERY_ROWS = 10_000;

/** How far a load has come: the step, and its rows loaded so far out of its total. */
export interface LoadProgress {
  step: CityLayer | 'programme';
  done: number;
  total: number;
}

/** The generator's seed, from the city's manifest (the programme is drawn from the same seed). */
function manifestSeed(dir: string): number {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return 0;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { options?: { seed?: unknown } };
  return typeof manifest.options?.seed === 'number' ? manifest.options.seed : 0;
}

function layerPath(dir: string, layer: CityLayer): string {
  const path = join(dir, `${layer}.geojson`);
  if (!existsSync(path)) throw new Error(`Demo city file ${path} is missing — run \`npm run generate:demo\`.`);
  return path;
}

function readLayer(dir: string, layer: CityLayer): Feature[] {
  const collection = JSON.parse(readFileSync(layerPath(dir, layer), 'utf8')) as FeatureCollection;
  return collection.features;
}

/** Rows of `features`, reporting progress as they are taken (a stream takes them as the server keeps up). */
function* rowsOf(features: readonly Feature[], row: (feature: Feature) => CopyValue[], report: (done: number) => void) {
  let done = 0;
  for (const feature of features) {
    yield row(feature);
    done += 1;
    if (done % PROGRESS_EVERY_ROWS === 0) report(done);
  }
}

async function copyLayer(
  tx: Executor,
  backend: DbBackend,
  layer: CityLayer,
  features: readonly Feature[],
  onProgress: (progress: LoadProgress) => void,
): Promise<void> {
  const { table, columns, row } = LAYER_ROWS[layer];
  const total = features.length;
  onProgress({ step: layer, done: 0, total });
  await withIndexesBuiltAfter(tx, table, async () => {
    const batchRows = COPY_BATCH_ROWS[backend];
    for (let start = 0; start < total; start += batchRows) {
      const batch = features.slice(start, start + batchRows);
      await tx.copyRows(
        table,
        columns,
        rowsOf(batch, row, (done) => onProgress({ step: layer, done: start + done, total })),
      );
    }
  });
  onProgress({ step: layer, done: total, total });
}

export interface SeedReport {
  counts: Record<CityLayer, number>;
}

/**
 * Replaces every layer with the city in `dir` (the demo city unless told) in one transaction, a
 * failure leaving the old data. Rows go in with COPY in batches; `onProgress` hears each batch
 * (first start logs it, `npm run seed` draws a progress bar).
 */
export async function loadDemoCity(
  db: Db,
  dir: string = DEMO_CITY_DIR,
  onProgress: (progress: LoadProgress) => void = () => undefined,
): Promise<SeedReport> {
  // Every file is there before anything is replaced; each is read when its turn comes (a big city's
  // layers are hundreds of megabytes).
  for (const layer of CITY_LAYERS) layerPath(dir, layer);
  const counts = {} as Record<CityLayer, number>;
  const accounts = await demoAccountRows();
  await db.transaction(async (tx) => {
    await tx.exec(
      'TRUNCATE annual_plans, estates, facilities, roads, water_areas, communities, subdistricts, districts RESTART IDENTITY CASCADE',
    );
    // The demo history uses the default stages: an administrator's list would not fit it.
    await tx.exec('UPDATE stage_catalogue SET stages = NULL, version = version + 1, updated_at = now()');
    for (const layer of CITY_LAYERS) {
      const features = readLayer(dir, layer);
      counts[layer] = features.length;
      await copyLayer(tx, db.backend, layer, features, onProgress);
    }
    await insertDemoAccounts(tx, accounts);
    await insertDemoProgramme(tx, manifestSeed(dir), (done, total) => onProgress({ step: 'programme', done, total }));
    await tx.query(
      `INSERT INTO app_meta (key, value) VALUES ('demo_seeded_at', now()::text)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    );
  });
  return { counts };
}

/** True for a database that has never held the demo city and has no estates of its own. */
export async function needsDemoCity(db: Db): Promise<boolean> {
  const rows = await db.query<{ seeded: boolean; has_estates: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = 'demo_seeded_at') AS seeded,
            EXISTS (SELECT 1 FROM estates) AS has_estates`,
  );
  const row = rows[0];
  return row !== undefined && !row.seeded && !row.has_estates;
}
