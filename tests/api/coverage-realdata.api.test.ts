/**
 * Coverage on real OpenStreetMap data nobody here drew (tests/fixtures/realdata: two Beijing areas
 * and central Helsinki): residential polygons as estates, facilities with their OSM categories
 * mapped onto the catalogue, and the walkable ways as the network. Straight-line distances agree
 * with PostGIS on both back-ends, walking distances with pgRouting on the PostGIS server; the
 * household-weighted coverage per tier is printed for the closing note (households estimated at
 * 100 per hectare of residential land: OSM has none).
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { facilityTypeOfOsmCategory } from '../../core/coverage/osm-facility-types.js';
import type { Db } from '../../server/db/index.js';
import { checkCoverageByBruteForce, checkWalkingCoverageWithPgRouting } from '../helpers/coverage-check.js';
import { REALDATA_AREAS, realdataFile, type RealdataArea } from '../helpers/realdata.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HOUSEHOLDS_PER_M2 = 100 / 10_000;

const read = (area: RealdataArea, layer: Parameters<typeof realdataFile>[1]) =>
  JSON.parse(readFileSync(realdataFile(area, layer), 'utf8')) as FeatureCollection<Geometry, Record<string, unknown>>;

/** Loads one area; answers how many residential polygons PostGIS refused as estates (invalid or under 20 m²). */
async function loadArea(
  db: Db,
  area: RealdataArea,
  districtCode: string,
): Promise<{ estates: number; refused: number; facilities: number }> {
  const residential = read(area, 'residential_landuse').features;
  const [{ n: before = 0 } = {}] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
  await db.query(
    `INSERT INTO districts (code, name, geom) VALUES ($1, $1, ST_Multi(ST_MakeEnvelope(-180, -89, 180, 89, 4326))) ON CONFLICT DO NOTHING`,
    [districtCode],
  );
  await db.query(
    `INSERT INTO estates (name, households, district_code, geom)
     SELECT name, round(ST_Area(g::geography) * $3)::int, $2, ST_Multi(g)
     FROM (SELECT r->>'name' AS name, ST_SetSRID(ST_GeomFromGeoJSON(r->>'geometry'), 4326) AS g FROM json_array_elements($1::json) AS r) s
     WHERE ST_IsValid(g) AND ST_Area(g::geography) >= 20`,
    [
      JSON.stringify(
        residential.map((f: Feature) => ({
          name: (f.properties?.name as string | null) ?? `OSM ${String(f.properties?.osm_id)}`,
          geometry: f.geometry,
        })),
      ),
      districtCode,
      HOUSEHOLDS_PER_M2,
    ],
  );
  const [{ n: after = 0 } = {}] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
  const facilities = read(area, 'facilities').features.flatMap((f) => {
    const type = facilityTypeOfOsmCategory(String(f.properties.category));
    return type && f.geometry.type === 'Point'
      ? [{ type, name: String(f.properties.name ?? ''), coordinates: f.geometry.coordinates }]
      : [];
  });
  await db.query(
    `INSERT INTO facilities (type, name, geom)
     SELECT f->>'type', f->>'name', ST_SetSRID(ST_MakePoint((f->'coordinates'->>0)::float8, (f->'coordinates'->>1)::float8), 4326)
     FROM json_array_elements($1::json) AS f`,
    [JSON.stringify(facilities)],
  );
  const ways = read(area, 'walk_network').features.filter((f) => f.geometry.type === 'LineString');
  await db.query(
    `INSERT INTO roads (name, road_class, geom)
     SELECT coalesce(w->>'name', ''), 'path', ST_SetSRID(ST_GeomFromGeoJSON(w->>'geometry'), 4326)
     FROM json_array_elements($1::json) AS w`,
    [JSON.stringify(ways.map((f) => ({ name: f.properties.name ?? null, geometry: f.geometry })))],
  );
  return { estates: after - before, refused: residential.length - (after - before), facilities: facilities.length };
}

describe.each(testBackends())('coverage on real OpenStreetMap data (%s)', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  const loaded = new Map<RealdataArea, { estates: number; refused: number; facilities: number }>();

  beforeAll(async () => {
    copy = await openTestDb(backend);
    await copy.db.exec('TRUNCATE estates, facilities, roads RESTART IDENTITY CASCADE');
    for (const area of REALDATA_AREAS) loaded.set(area, await loadArea(copy.db, area, `OSM-${area}`));
    server = await startTestServer({ db: copy.db, as: 'designer' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await copy?.dispose();
  });

  it('loads every valid residential polygon and the facilities the catalogue has types for', () => {
    // Helsinki: the 4 degenerate polygons, and one of 6 m² (below the ledger's 20 m²).
    expect(loaded.get('helsinki')?.refused).toBe(5);
    expect(loaded.get('cau')).toMatchObject({ estates: 10, refused: 0 });
    expect(loaded.get('pku')).toMatchObject({ estates: 6, refused: 0 });
    for (const area of REALDATA_AREAS) expect(loaded.get(area)?.facilities).toBeGreaterThan(20);
  });

  it('agrees with PostGIS on every straight-line distance', async () => {
    const reply = await server.get<CoverageResponse>('/api/coverage?scope=city&model=euclidean');
    expect(reply.status).toBe(200);
    expect(await checkCoverageByBruteForce(copy.db, reply.body)).toBe(reply.body.estates.length * 23);
  });

  it.skipIf(backend !== 'postgres')(
    'agrees with pgRouting on every walking distance, and reports household-weighted coverage per tier',
    async () => {
      const walking = await server.get<CoverageResponse>('/api/coverage?scope=city&model=network');
      expect(walking.status).toBe(200);
      expect(await checkWalkingCoverageWithPgRouting(copy.db, walking.body)).toBe(walking.body.estates.length * 23);
      const straight = await server.get<CoverageResponse>('/api/coverage?scope=city&model=euclidean');
      const lines: string[] = [];
      for (const area of REALDATA_AREAS) {
        for (const [model, reply] of [
          ['straight', straight.body],
          ['walking', walking.body],
        ] as const) {
          const ids = new Set(
            (await copy.db.query<{ id: number }>('SELECT id FROM estates WHERE district_code = $1', [`OSM-${area}`])).map((r) => r.id),
          );
          const estates = reply.estates.filter((e) => ids.has(e.id));
          const households = estates.reduce((sum, e) => sum + e.households, 0);
          const tiers = (['15min', '10min', '5min', 'block'] as const).map((tier) => {
            const typesOfTier = reply.types.filter((t) => t.tier === tier && t.counted).map((t) => t.id);
            const covered = estates
              .filter((e) => typesOfTier.every((id) => e.types[id as keyof typeof e.types]?.covered))
              .reduce((sum, e) => sum + e.households, 0);
            return `${tier} ${((100 * covered) / Math.max(1, households)).toFixed(0)} %`;
          });
          const perType = reply.types.map((t) => {
            const covered = estates.filter((e) => e.types[t.id as keyof typeof e.types]?.covered).reduce((sum, e) => sum + e.households, 0);
            return `${t.id} ${((100 * covered) / Math.max(1, households)).toFixed(0)}`;
          });
          lines.push(
            `${area} ${model}: ${estates.length} estates, ${households} households; tiers ${tiers.join(', ')}; types ${perType.join(', ')}`,
          );
        }
      }
      console.log(`household-weighted coverage on real OSM data:\n${lines.join('\n')}`);
    },
    // pgRouting over three real walk networks: 37 s alone, more on a loaded CI machine.
    150_000,
  );
});
