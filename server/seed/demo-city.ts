import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { PROJECT_ROOT } from '../config.js';
import type { Db, Executor } from '../db/index.js';
import { INPUT_COLUMNS, inputFromJsonSql } from '../features/estates/estates.sql.js';
import { demoAccountRows, insertDemoAccounts } from './demo-accounts.js';
import { insertDemoProgramme } from './demo-programme.js';

export const DEMO_CITY_DIR = join(PROJECT_ROOT, 'data', 'demo-city');

/** Rows per INSERT … SELECT FROM json_array_elements($1): big enough to be fast, small enough for one message. */
const BATCH_SIZE = 2000;

const LAYERS = ['districts', 'subdistricts', 'communities', 'water', 'roads', 'facilities', 'estates'] as const;
type Layer = (typeof LAYERS)[number];

// Each statement reads one batch of features `f` from $1; property names are those of data/demo-city.
const INSERT_SQL: Readonly<Record<Layer, string>> = {
  districts: `INSERT INTO districts (code, name, geom)
    SELECT f->'properties'->>'code', f->'properties'->>'name', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))
    FROM json_array_elements($1::json) AS f`,
  subdistricts: `INSERT INTO subdistricts (code, name, district_code, geom)
    SELECT f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'districtCode',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))
    FROM json_array_elements($1::json) AS f`,
  communities: `INSERT INTO communities (code, name, subdistrict_code, geom)
    SELECT f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'subdistrictCode',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))
    FROM json_array_elements($1::json) AS f`,
  water: `INSERT INTO water_areas (name, kind, geom)
    SELECT f->'properties'->>'name', COALESCE(f->'properties'->>'kind', 'river'),
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))
    FROM json_array_elements($1::json) AS f`,
  roads: `INSERT INTO roads (name, road_class, geom)
    SELECT COALESCE(f->'properties'->>'name', ''), f->'properties'->>'roadClass', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
    FROM json_array_elements($1::json) AS f`,
  facilities: `INSERT INTO facilities (type, name, geom)
    SELECT f->'properties'->>'type', COALESCE(f->'properties'->>'name', ''), ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
    FROM json_array_elements($1::json) AS f`,
  // The ledger fields come from the registry (core/ledger-fields.ts); a value the file lacks is unknown (NULL).
  estates: `INSERT INTO estates (district_code, subdistrict_code, community_code, geom, ${INPUT_COLUMNS.join(', ')})
    SELECT p->>'districtCode', p->>'subdistrictCode', p->>'communityCode',
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)), ${inputFromJsonSql('p')}
    FROM json_array_elements($1::json) AS f, LATERAL (SELECT f->'properties' AS p) AS props`,
};

/** The generator's seed, from the city's manifest (the programme is drawn from the same seed). */
function manifestSeed(dir: string): number {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return 0;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { options?: { seed?: unknown } };
  return typeof manifest.options?.seed === 'number' ? manifest.options.seed : 0;
}

function readLayer(dir: string, layer: Layer): Feature[] {
  const path = join(dir, `${layer}.geojson`);
  if (!existsSync(path)) throw new Error(`Demo city file ${path} is missing — run \`npm run generate:demo\`.`);
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  return collection.features;
}

async function insertLayer(tx: Executor, layer: Layer, features: Feature[]): Promise<void> {
  for (let start = 0; start < features.length; start += BATCH_SIZE) {
    await tx.query(INSERT_SQL[layer], [JSON.stringify(features.slice(start, start + BATCH_SIZE))]);
  }
}

export interface SeedReport {
  counts: Record<Layer, number>;
}

/**
 * Replaces every layer with the demo city in one transaction: a failure leaves the old data.
 * `onProgress` hears each layer as it loads (first start shows it in the console).
 */
export async function loadDemoCity(
  db: Db,
  dir: string = DEMO_CITY_DIR,
  onProgress: (message: string) => void = () => undefined,
): Promise<SeedReport> {
  const layers = Object.fromEntries(LAYERS.map((layer) => [layer, readLayer(dir, layer)])) as Record<Layer, Feature[]>;
  const accounts = await demoAccountRows();
  await db.transaction(async (tx) => {
    await tx.exec(
      'TRUNCATE annual_plans, estates, facilities, roads, water_areas, communities, subdistricts, districts RESTART IDENTITY CASCADE',
    );
    // The demo history uses the default stages: an administrator's list would not fit it.
    await tx.exec('UPDATE stage_catalogue SET stages = NULL, version = version + 1, updated_at = now()');
    for (const layer of LAYERS) {
      onProgress(`loading ${layers[layer].length} ${layer}`);
      await insertLayer(tx, layer, layers[layer]);
    }
    await insertDemoAccounts(tx, accounts);
    const programme = await insertDemoProgramme(tx, manifestSeed(dir));
    onProgress(`loading the renovation programme: ${programme.plans} annual plans, ${programme.entries} progress entries`);
    await tx.query(
      `INSERT INTO app_meta (key, value) VALUES ('demo_seeded_at', now()::text)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    );
  });
  return { counts: Object.fromEntries(LAYERS.map((layer) => [layer, layers[layer].length])) as Record<Layer, number> };
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
