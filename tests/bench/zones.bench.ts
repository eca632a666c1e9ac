/**
 * `npm run bench` (zones): suggested zones with outlines for a generated city, on the PostGIS
 * server, against ../shared/baselines/zone_e2e.sql (ST_ClusterDBSCAN + ST_Union in one statement)
 * in the same run on the same data — run as given (the server's default settings) and with JIT off
 * (its fastest: JIT compilation alone costs it 0.1–0.2 s) — and against a chain of turf.union per
 * cluster, the plain JavaScript way.
 *
 * Ours and the baselines run in turn, several rounds after warming up, so that a noisy machine
 * slows all of them alike; medians are reported.
 *
 * Needs a PostgreSQL server with PostGIS: BENCH_DATABASE_URL names a server database the bench
 * may drop and create (default postgres://postgres@127.0.0.1:5432/atlas_bench_zones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { loadConfig } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import { suggestZones } from '../../server/features/zones/zone-suggest.service.js';
import { closeZoneWorkers, zoneWorkersFailure } from '../../server/features/zones/zone-workers.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { recordBench } from './bench-results.js';
import { freshBenchDb } from './bench-db.js';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { median } from './median.js';

const SCALE_ESTATES = Number(process.env.BENCH_ESTATES ?? 10_000);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_zones';
const WARM_UP_ROUNDS = 3;
const ROUNDS = 7;

// The baseline as ../shared/baselines/zone_e2e.sql writes it: UTM 49N suits this city.
const E2E_SQL = `SELECT count(*) AS zones, sum(ST_NPoints(geom)) AS vertices FROM (
  SELECT cid, ST_Union(g) AS geom FROM (
    SELECT ST_ClusterDBSCAN(g, eps := 50, minpoints := 1) OVER () AS cid, g
    FROM (SELECT ST_Transform(geom, 32649) AS g FROM estates) s) c
  GROUP BY cid) z`;
const DBSCAN_SQL = `SELECT count(DISTINCT cid) FROM (SELECT ST_ClusterDBSCAN(ST_Transform(geom, 32649), eps := 50, minpoints := 1) OVER () AS cid FROM estates) s`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-zones-'));
const config = loadConfig({ DATABASE_URL: URL, SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
const db = await freshBenchDb(URL);
try {
  await loadDemoCity(db, ensureGeneratedCity(SCALE_ESTATES, work));
  await db.exec('ANALYZE');
  const ctx = serviceContext(db, config);
  const rules = { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false, eligibleOnly: false };

  const samples = { ours: [] as number[], e2eDefault: [] as number[], e2eNoJit: [] as number[], dbscan: [] as number[] };
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    const ours = await timed(() => suggestZones(ctx, rules));
    // The app's connections run with JIT off (server/db/postgres-db.ts); the server's default is on.
    const e2eDefault = await timed(() =>
      db.transaction(async (tx) => {
        await tx.exec('SET LOCAL jit = on');
        await tx.query(E2E_SQL);
      }),
    );
    const e2eNoJit = await timed(() => db.query(E2E_SQL));
    const dbscan = await timed(() => db.query(DBSCAN_SQL));
    if (round < WARM_UP_ROUNDS) continue;
    samples.ours.push(ours);
    samples.e2eDefault.push(e2eDefault);
    samples.e2eNoJit.push(e2eNoJit);
    samples.dbscan.push(dbscan);
  }
  if (zoneWorkersFailure() !== null) throw new Error(`the outline workers failed: ${String(zoneWorkersFailure())}`);
  const ours = median(samples.ours);
  const e2eDefault = median(samples.e2eDefault);
  const e2eNoJit = median(samples.e2eNoJit);

  // A chain of turf.union over each cluster's estates (the clusters the suggestions found).
  const answer = await suggestZones(ctx, rules);
  const rows = await db.query<{ id: number; geometry: string }>('SELECT id, ST_AsGeoJSON(geom) AS geometry FROM estates');
  const byId = new Map(
    rows.map((row) => [row.id, { type: 'Feature', properties: {}, geometry: JSON.parse(row.geometry) } as Feature<Polygon | MultiPolygon>]),
  );
  const turf = await timed(async () => {
    for (const suggestion of answer.suggestions) {
      let outline: Feature<Polygon | MultiPolygon> | null = null;
      for (const id of suggestion.estateIds) {
        const estate = byId.get(id);
        if (!estate) continue;
        outline = outline ? union(featureCollection([outline, estate])) : estate;
      }
    }
  });

  const f = (ms: number): string => `${ms.toFixed(0)} ms`;
  console.log(
    [
      `zone suggestions with outlines, ${SCALE_ESTATES} estates, PostGIS server (medians of ${ROUNDS} rounds):`,
      `  ours ${f(ours)} (${answer.suggestions.length} zones)`,
      `  ST_ClusterDBSCAN + ST_Union, JIT off: ${f(e2eNoJit)} → ratio ${(ours / e2eNoJit).toFixed(2)} (target ≤ 1)`,
      `  ST_ClusterDBSCAN + ST_Union, server defaults: ${f(e2eDefault)} → ratio ${(ours / e2eDefault).toFixed(2)}`,
      `  ST_ClusterDBSCAN alone: ${f(median(samples.dbscan))}`,
      `  turf.union chain per cluster: ${f(turf)} → ours is ${(turf / ours).toFixed(1)}× faster (target ≥ 20×)`,
    ].join('\n'),
  );
  recordBench({
    name: `zone suggestions with outlines, ${SCALE_ESTATES} estates (PostGIS)`,
    ours,
    baseline: e2eNoJit,
    unit: 'ms',
    baselineName: 'zone_e2e.sql (ST_ClusterDBSCAN + ST_Union), JIT off',
    target: 1,
    note: `server defaults ${f(e2eDefault)}; turf.union chain ${f(turf)}`,
  });
  recordBench({
    name: `zone suggestions with outlines vs a turf.union chain, ${SCALE_ESTATES} estates`,
    ours,
    baseline: turf,
    unit: 'ms',
    baselineName: 'turf.union chain per cluster',
    target: 1 / 20,
  });
} finally {
  await closeZoneWorkers();
  await db.close();
  rmSync(work, { recursive: true, force: true });
}
