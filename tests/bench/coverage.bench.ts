/**
 * `npm run bench` (coverage): straight-line life-circle coverage of a generated city of 10 000
 * estates with 50 000 facilities (the generator's, topped up at random places) for all 23 types,
 * against ../shared/baselines/cov_knn_m_typegist.sql (a LATERAL nearest neighbour per type on a
 * metric (type, geometry) GiST index) and cov_dwithin_m.sql in the same run on the same data, and
 * against a naive Turf loop to estate centroids (timed on a sample, scaled up).
 *
 * Ours is timed two ways: the core computation on data in memory (what the browser worker does),
 * and the whole GET /api/coverage service (reading estates and facilities from PostGIS too).
 *
 * Then walking coverage: the city's streets cut into about 200 000 road rows (every piece an edge
 * for us and for pgRouting alike), all 23 types, against ../shared/baselines/net_dd.sql —
 * pgRouting's pgr_drivingDistance from every kindergarten to every node within 1 km, one type —
 * after net_edges.sql, net_topo_extract.sql and net_snap.sql have built its graph (not timed).
 *
 * Where to add a kindergarten (K = 5 sites), straight line and walking, against the same candidates'
 * reach computed in PostGIS (ST_DWithin) and in pgRouting (pgr_drivingDistance from every candidate).
 *
 * Needs a PostgreSQL server with PostGIS: BENCH_DATABASE_URL names a server database the bench
 * may drop and create (default postgres://postgres@127.0.0.1:5432/atlas_bench_coverage).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { centroid, distance } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { estateCoverage } from '../../core/coverage/coverage.js';
import { networkCoverage } from '../../core/coverage/network-coverage.js';
import { buildRoadGraph, type RoadGraph } from '../../core/network/road-graph.js';
import { coverageFor } from '../../core/coverage/coverage-run.js';
import { candidateSites, suggestSitesFor, uncoveredBy } from '../../core/coverage/site-suggestion.js';
import { facilityIndex } from '../../core/coverage/facility-index.js';
import { FACILITY_TYPE_IDS } from '../../core/facility-catalogue.js';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import {
  loadCoverageEstates,
  loadCoverageFacilities,
  loadCoverageTypes,
  loadRoadLines,
} from '../../server/features/coverage/coverage-inputs.js';
import { coverageOf } from '../../server/features/coverage/coverage.service.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { recordBench } from './bench-results.js';
import { freshBenchDb } from './bench-db.js';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { median } from './median.js';

const SCALE_ESTATES = Number(process.env.BENCH_ESTATES ?? 10_000);
const SCALE_FACILITIES = Number(process.env.BENCH_FACILITIES ?? 50_000);
const SCALE_ROAD_EDGES = Number(process.env.BENCH_ROAD_EDGES ?? 200_000);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_coverage';
const BASELINES = join(PROJECT_ROOT, '..', 'shared', 'baselines');
const ROUNDS = 3;
const TURF_SAMPLE_ESTATES = 200;

const f = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A baseline file's statements, with its metric plane as given (UTM 49N suits the generated city). */
const baseline = (file: string): string => readFileSync(join(BASELINES, file), 'utf8');

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-coverage-'));
const config = loadConfig({ DATABASE_URL: URL, SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
const db = await freshBenchDb(URL, ['postgis', 'pgrouting']);
try {
  await loadDemoCity(db, ensureGeneratedCity(SCALE_ESTATES, work));
  // Top the generator's facilities up to SCALE_FACILITIES at seeded random places over the city.
  await db.exec(`SELECT setseed(0.42);
    INSERT INTO facilities (type, name, geom)
    SELECT (ARRAY['${FACILITY_TYPE_IDS.join("','")}'])[1 + i % ${FACILITY_TYPE_IDS.length}], '',
           ST_SetSRID(ST_MakePoint(b.x0 + random() * (b.x1 - b.x0), b.y0 + random() * (b.y1 - b.y0)), 4326)
    FROM (SELECT ST_XMin(e) AS x0, ST_XMax(e) AS x1, ST_YMin(e) AS y0, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) AS e FROM estates) s) b,
         generate_series(1, greatest(0, ${SCALE_FACILITIES} - (SELECT count(*) FROM facilities))) AS i`);
  await db.exec(baseline('prep_metric.sql'));
  await db.exec(baseline('prep_typegist.sql'));
  await db.exec('ANALYZE');
  const [{ facilities = 0 } = {}] = await db.query<{ facilities: number }>('SELECT count(*)::int AS facilities FROM facilities');

  const ctx = serviceContext(db, config);
  const estates = await loadCoverageEstates(db, 'true', []);
  const facilityList = await loadCoverageFacilities(db);
  const types = await loadCoverageTypes(db);
  const computeInMemory = (): number => {
    const index = facilityIndex(facilityList);
    let gaps = 0;
    for (const estate of estates) gaps += estateCoverage(estate, index, types).gaps.length;
    return gaps;
  };

  const samples = { core: [] as number[], service: [] as number[], knn: [] as number[], dwithin: [] as number[] };
  computeInMemory();
  await coverageOf(ctx, { scope: 'city', model: 'euclidean' });
  await db.query(baseline('cov_knn_m_typegist.sql'));
  for (let round = 0; round < ROUNDS; round++) {
    samples.core.push(await timed(computeInMemory));
    samples.service.push(await timed(() => coverageOf(ctx, { scope: 'city', model: 'euclidean' })));
    samples.knn.push(await timed(() => db.query(baseline('cov_knn_m_typegist.sql'))));
    samples.dwithin.push(await timed(() => db.query(baseline('cov_dwithin_m.sql'))));
  }

  // The naive loop: every facility's distance to each estate's centroid, nearest per type.
  const sample = estates.slice(0, TURF_SAMPLE_ESTATES);
  const rows = await db.query<{ id: number; geometry: MultiPolygon }>(
    'SELECT id, ST_AsGeoJSON(geom)::json AS geometry FROM estates WHERE id = ANY($1::int[])',
    [sample.map((e) => e.id)],
  );
  const points = facilityList.map((f) => ({ type: f.type, coordinates: [f.lng, f.lat] }));
  const turfSample = await timed(() => {
    for (const row of rows) {
      const c = centroid(row.geometry);
      const nearest = new Map<string, number>();
      for (const p of points) {
        const d = distance(c, p.coordinates, { units: 'meters' });
        if (d < (nearest.get(p.type) ?? Infinity)) nearest.set(p.type, d);
      }
    }
  });
  const turf = (turfSample * estates.length) / rows.length;

  const core = median(samples.core);
  console.log(
    [
      `straight-line coverage, ${estates.length} estates × ${facilities} facilities × ${types.length} types, PostGIS server (medians of ${ROUNDS} rounds):`,
      `  ours, core on data in memory: ${f(core)} (target < 1 s)`,
      `  ours, whole GET /api/coverage service (reads from PostGIS): ${f(median(samples.service))}`,
      `  cov_knn_m_typegist.sql (LATERAL KNN, (type, geom_m) GiST): ${f(median(samples.knn))} → ours ${(median(samples.knn) / core).toFixed(0)}× faster (target ≥ 8×)`,
      `  cov_dwithin_m.sql (ST_DWithin 1 km): ${f(median(samples.dwithin))} → ours ${(median(samples.dwithin) / core).toFixed(0)}× faster`,
      `  naive Turf loop to centroids (${rows.length} estates timed, scaled): ${f(turf)} → ours ${(turf / core).toFixed(0)}× faster (target ≥ 80×)`,
    ].join('\n'),
  );
  recordBench({
    name: `straight-line coverage, ${estates.length} estates × ${facilities} facilities (PostGIS)`,
    ours: core,
    baseline: median(samples.knn),
    unit: 'ms',
    baselineName: 'cov_knn_m_typegist.sql',
    target: 1 / 8,
    note: `whole service ${f(median(samples.service))}; cov_dwithin_m.sql ${f(median(samples.dwithin))}`,
  });
  recordBench({
    name: `straight-line coverage vs a naive Turf loop, ${estates.length} estates × ${facilities} facilities`,
    ours: core,
    baseline: turf,
    unit: 'ms',
    baselineName: 'naive Turf loop to centroids (scaled)',
    target: 1 / 80,
  });

  // Where to add a kindergarten: K = 5 sites, straight line. The baseline answers the heavy part in
  // PostGIS on the same candidates: which estates lack one within 300 m, and which of them each
  // candidate reaches (ST_DWithin on the metric GiST index); the greedy picking after it is trivial.
  const kindergarten = types.find((t) => t.id === 'kindergarten')!;
  // The candidates are the same places the suggestion weighs (candidateSites), for the baselines.
  const suggest = (graph: RoadGraph | null) => suggestSitesFor(estates, facilityList, kindergarten, graph, 5);
  const placesFor = (graph: RoadGraph | null) => {
    const uncovered = uncoveredBy(coverageFor(estates, facilityList, [{ ...kindergarten, counted: true }], graph), 'kindergarten');
    return candidateSites(estates, uncovered, graph, kindergarten.radiusM);
  };
  const straightSites = { ...suggest(null), places: placesFor(null) };
  await db.exec('DROP TABLE IF EXISTS bench_candidates; CREATE TABLE bench_candidates (id int PRIMARY KEY, geom_m geometry(Point, 32649))');
  await db.query(
    `INSERT INTO bench_candidates SELECT n, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 32649)
     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS c(x, y, n)`,
    [straightSites.places.map((p) => p[0]), straightSites.places.map((p) => p[1])],
  );
  await db.exec('CREATE INDEX ON bench_candidates USING gist (geom_m); ANALYZE bench_candidates');
  const straightReachSql = `WITH uncovered AS (
      SELECT e.id, e.geom_m FROM estates e
      WHERE NOT EXISTS (SELECT 1 FROM facilities f WHERE f.type = 'kindergarten' AND ST_DWithin(f.geom_m, e.geom_m, ${kindergarten.radiusM})))
    SELECT c.id, array_agg(u.id) AS reaches FROM bench_candidates c JOIN uncovered u ON ST_DWithin(c.geom_m, u.geom_m, ${kindergarten.radiusM}) GROUP BY c.id`;
  const siteSamples = { ours: [] as number[], postgis: [] as number[] };
  await db.query(straightReachSql);
  for (let round = 0; round < ROUNDS; round++) {
    siteSamples.ours.push(await timed(() => suggest(null)));
    siteSamples.postgis.push(await timed(() => db.query(straightReachSql)));
  }
  console.log(
    [
      `where to add a kindergarten (K = 5), straight line, ${straightSites.places.length} candidates (medians of ${ROUNDS} rounds):`,
      `  ours, coverage + candidates + reach + greedy in memory: ${f(median(siteSamples.ours))} (target < 1 s); first pick reaches ${straightSites.sites[0]?.households ?? 0} households`,
      `  PostGIS, uncovered estates + each candidate's reach (ST_DWithin, metric GiST): ${f(median(siteSamples.postgis))} → ours ${(median(siteSamples.postgis) / median(siteSamples.ours)).toFixed(1)}× faster`,
    ].join('\n'),
  );

  // Walking: the streets cut into pieces of equal length, one road row each, SCALE_ROAD_EDGES in all.
  await db.exec(`CREATE TABLE road_pieces AS
    SELECT (d).geom FROM (
      SELECT ST_DumpSegments(ST_Segmentize(geom::geography, (SELECT sum(ST_Length(geom::geography)) FROM roads) / ${SCALE_ROAD_EDGES})::geometry) AS d
      FROM roads) s;
    TRUNCATE roads RESTART IDENTITY;
    INSERT INTO roads (road_class, geom) SELECT 'branch', geom FROM road_pieces;
    DROP TABLE road_pieces; ANALYZE roads;`);
  await db.exec(baseline('net_edges.sql'));
  await db.exec(baseline('net_topo_extract.sql'));
  await db.exec(baseline('net_snap.sql'));
  const roads = await loadRoadLines(db);
  const networkSamples = { ours: [] as number[], graph: [] as number[], drivingDistance: [] as number[] };
  const origins = estates.map((e) => ({ id: e.id, households: e.households, origins: e.origins }));
  for (let round = 0; round <= ROUNDS; round++) {
    let graph = buildRoadGraph(roads);
    const graphMs = await timed(() => (graph = buildRoadGraph(roads)));
    const oursMs = await timed(() => networkCoverage(graph, origins, facilityList, types));
    const ddMs = await timed(() => db.query(baseline('net_dd.sql')));
    if (round === 0) continue;
    networkSamples.graph.push(graphMs);
    networkSamples.ours.push(oursMs);
    networkSamples.drivingDistance.push(ddMs);
  }
  // Where to add a kindergarten on foot: our junction candidates, snapped to pgRouting's vertices
  // (not timed), then one pgr_drivingDistance from all of them within the radius, joined to the
  // estates' vertices: the plain pgRouting way to each candidate's reach.
  const walkGraph = buildRoadGraph(roads);
  const walkingSites = { ...suggest(walkGraph), places: placesFor(walkGraph) };
  await db.exec('DROP TABLE IF EXISTS bench_candidates; CREATE TABLE bench_candidates (id int PRIMARY KEY, geom_m geometry(Point, 32649))');
  await db.query(
    `INSERT INTO bench_candidates SELECT n, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 32649)
     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS c(x, y, n)`,
    [walkingSites.places.map((p) => p[0]), walkingSites.places.map((p) => p[1])],
  );
  await db.exec(`DROP TABLE IF EXISTS bench_candidate_v;
    CREATE TABLE bench_candidate_v AS SELECT c.id, v.id AS vid FROM bench_candidates c
      CROSS JOIN LATERAL (SELECT id FROM net_v ORDER BY net_v.geom <-> c.geom_m LIMIT 1) v;`);
  const walkingReachSql = `SELECT d.from_v, array_agg(DISTINCT ev.eid) AS reaches
    FROM pgr_drivingDistance('SELECT id, source, target, cost FROM net_g',
      (SELECT array_agg(DISTINCT vid) FROM bench_candidate_v), ${kindergarten.radiusM}, directed := false) d
    JOIN net_estate_v ev ON ev.vid = d.node GROUP BY d.from_v`;
  const walkSiteSamples = { ours: [] as number[], pgrouting: [] as number[] };
  await db.query(walkingReachSql);
  for (let round = 0; round < ROUNDS; round++) {
    walkSiteSamples.ours.push(await timed(() => suggest(walkGraph)));
    walkSiteSamples.pgrouting.push(await timed(() => db.query(walkingReachSql)));
  }
  console.log(
    [
      `where to add a kindergarten (K = 5), walking, ${walkingSites.places.length} junction candidates (medians of ${ROUNDS} rounds):`,
      `  ours, walking coverage + candidates + local walks + greedy in memory: ${f(median(walkSiteSamples.ours))}; first pick reaches ${walkingSites.sites[0]?.households ?? 0} households`,
      `  pgRouting, pgr_drivingDistance from every candidate within ${kindergarten.radiusM} m joined to estates' vertices: ${f(median(walkSiteSamples.pgrouting))} → ours ${(median(walkSiteSamples.pgrouting) / median(walkSiteSamples.ours)).toFixed(1)}× faster`,
    ].join('\n'),
  );

  const walking = median(networkSamples.ours);
  const dd = median(networkSamples.drivingDistance);
  console.log(
    [
      `walking coverage, ${estates.length} estates, ${roads.length} road edges, ${types.length} types (medians of ${ROUNDS} rounds):`,
      `  ours, core on data in memory, all types: ${f(walking)} (target < 3 s); building the graph ${f(median(networkSamples.graph))} more`,
      `  net_dd.sql (pgr_drivingDistance, kindergartens only, 1 km): ${f(dd)} → ours does 23 types in ${(walking / dd).toFixed(2)} of its time for one`,
    ].join('\n'),
  );
  recordBench({
    name: `walking coverage, ${estates.length} estates, ${roads.length} road edges, all types vs one type in pgRouting`,
    ours: walking,
    baseline: dd,
    unit: 'ms',
    baselineName: 'net_dd.sql (pgr_drivingDistance, kindergartens only)',
    target: 1,
  });
} finally {
  await db.close();
  rmSync(work, { recursive: true, force: true });
}
