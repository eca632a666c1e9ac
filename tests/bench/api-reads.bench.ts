/**
 * `npm run bench` (API reads): the leaders' dashboard and the estates of a map window at 50
 * concurrent connections (autocannon) on a generated city of BENCH_ESTATES (default 200 000) on the
 * PostGIS server, each against the plain PostGIS query for the same job behind a bare HTTP server
 * with its own pool:
 *
 * - GET /api/dashboard?estates=none (today's figures, per-stage, per-sub-district, as a tiled map asks
 *   for them: a map of 200 000 estates lists only the estates it holds, and a whole list is 30 MiB)
 *   against one aggregate statement over the kept current states;
 * - GET /api/estates?bbox= for 16 windows of a z14 tile around the centre against PostGIS building
 *   the same FeatureCollection text itself (`json_agg` of `ST_AsGeoJSON`).
 *
 * BENCH_DATABASE_URL (default …/atlas_bench_reads) is dropped and loaded again unless BENCH_REUSE=1
 * finds it loaded with as many estates.
 */
import { tileBoundsLngLat, tileContaining } from '../../core/tiles/tile-grid.js';
import { DEFAULT_STAGE } from '../../core/programme/stages.js';
import { benchCityDb } from './bench-db.js';
import { bareServer, CONNECTIONS, load, startBenchApp } from './bench-http.js';
import { recordBench } from './bench-results.js';

const ESTATES = Number(process.env.BENCH_ESTATES ?? 200_000);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_reads';

// The dashboard's figures as one plain statement: estates and households per stage and per sub-district.
const BASELINE_DASHBOARD_SQL = `
  WITH s AS (
    SELECT e.subdistrict_code, e.households, coalesce(cs.stage, '${DEFAULT_STAGE}') AS stage
      FROM estates e LEFT JOIN estate_current_state cs ON cs.estate_id = e.id)
  SELECT json_build_object(
    'byStage', (SELECT json_agg(t) FROM (SELECT stage, count(*) AS estates, sum(households) AS households FROM s GROUP BY stage) t),
    'bySubdistrict', (SELECT json_agg(t) FROM (SELECT subdistrict_code AS code, count(*) AS estates, sum(households) AS households FROM s GROUP BY subdistrict_code) t)
  )::text AS body`;

// A generic feature server's window: PostGIS writes the whole FeatureCollection.
const BASELINE_BBOX_SQL = `
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom, 7)::json,
    'properties', to_jsonb(e) - 'geom')), '[]'::json))::text AS body
  FROM estates e WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`;

function baselineServer(): Promise<{ url: string; close(): Promise<void> }> {
  return bareServer(URL_, async (url, db) => {
    const bbox = url.searchParams.get('bbox')?.split(',').map(Number);
    const sql =
      url.pathname === '/dashboard' ? BASELINE_DASHBOARD_SQL : url.pathname === '/estates' && bbox?.length === 4 ? BASELINE_BBOX_SQL : null;
    if (!sql) return { status: 404 };
    const [row] = await db.query<{ body: string }>(sql, sql === BASELINE_BBOX_SQL ? bbox : []);
    return { status: 200, type: 'application/json', body: row?.body ?? 'null' };
  });
}

const { db, centre } = await benchCityDb(URL_, ESTATES);
try {
  const mid = tileContaining(centre[0], centre[1], 14);
  const windows: string[] = [];
  for (let dx = -2; dx < 2; dx++)
    for (let dy = -2; dy < 2; dy++) windows.push(tileBoundsLngLat({ z: 14, x: mid.x + dx, y: mid.y + dy }).join(','));

  // A load run ends with its slowest statements still running; the next starts on a quiet database.
  const quiet = async (): Promise<void> => {
    for (let i = 0; i < 600; i++) {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if ((row?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // A fixed number of requests, each allowed two minutes: at 50 connections on two cores one answer takes seconds.
  const runs = { amount: 4 * windows.length, timeoutS: 120 };
  const app = await startBenchApp(db);
  const oursBbox = await load(
    app.url,
    windows.map((w) => `/api/estates?bbox=${w}`),
    app.headers,
    runs,
  );
  await quiet();
  const oursDashboard = await load(app.url, ['/api/dashboard?estates=none'], app.headers, runs);
  await app.close();
  await quiet();
  const baseline = await baselineServer();
  const baseBbox = await load(
    baseline.url,
    windows.map((w) => `/estates?bbox=${w}`),
    {},
    runs,
  );
  await quiet();
  const baseDashboard = await load(baseline.url, ['/dashboard'], {}, runs);
  await baseline.close();

  const note = (ours: typeof oursDashboard, base: typeof baseDashboard) =>
    `${runs.amount} requests each; ours ${ours.requestsPerS.toFixed(1)} req/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms, non-2xx ${ours.non2xx}, timeouts ${ours.timeouts}; baseline ${base.requestsPerS.toFixed(1)} req/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms`;
  recordBench({
    name: `GET /api/dashboard?estates=none at ${CONNECTIONS} connections, ${ESTATES} estates (PostGIS): mean latency`,
    ours: oursDashboard.meanMs,
    baseline: baseDashboard.meanMs,
    unit: 'ms',
    baselineName: 'one aggregate statement per stage and sub-district behind a bare server',
    // As the map window's: ours answers much more (see the note), so up to half as slow again as two plain aggregates.
    target: 1.5,
    note: `${note(oursDashboard, baseDashboard)}; ours also answers targets, investment, funding, items, the over-time series and this period's changes`,
  });
  recordBench({
    name: `GET /api/estates?bbox (z14 windows) at ${CONNECTIONS} connections, ${ESTATES} estates (PostGIS): mean latency`,
    ours: oursBbox.meanMs,
    baseline: baseBbox.meanMs,
    unit: 'ms',
    baselineName: 'PostGIS json_agg of ST_AsGeoJSON for the window behind a bare server',
    target: 1.5,
    note: note(oursBbox, baseBbox),
  });
} finally {
  await db.close();
}
