/**
 * `npm run bench` (tiles): vector tiles of a generated city under 50 concurrent connections
 * (autocannon), replaying a fixed list of tiles at z10–z16 around the city centre:
 *
 * - ours, cold (a new instance: every tile computed once) and warm (cached under the data version),
 *   against the plain query a generic PostGIS tile server runs for each request
 *   (../shared/baselines/tile_mvt.sql, behind the same kind of HTTP server and pool, no cache);
 * - ours against serving the same bboxes as one GeoJSON answer each (GET /api/estates?bbox);
 * - in the database alone: our tile statement against tile_mvt.sql at z12, z14 and z16 (medians of turns taken in alternation);
 * - the embedded back-end (PGlite + the JS tiler) against the same replay over GeoJSON.
 * (Loading the city is load.bench.ts.)
 *
 * BENCH_ESTATES (default 200 000) sets the city; BENCH_EMBEDDED_ESTATES (default 20 000) the
 * embedded one (PGlite loads a 200 000-estate city in minutes). BENCH_DATABASE_URL names a server
 * database the bench drops and recreates (default …/atlas_bench_tiles).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import type { Db } from '../../server/db/index.js';
import { renderTile } from '../../server/features/tiles/tiles.service.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { tileBoundsLngLat, type TileCoord } from '../../core/tiles/tile-grid.js';
import { TILE_LAYERS } from '../../core/tiles/tile-layers.js';
import { freshBenchDb } from './bench-db.js';
import { bareServer, CONNECTIONS, countEstates, load, startBenchApp, WARM_SECONDS } from './bench-http.js';
import { recordBench } from './bench-results.js';
import { replayTiles, tilePaths } from './tile-replay.js';
import { median } from './median.js';

const ESTATES = Number(process.env.BENCH_ESTATES ?? 200_000);
const EMBEDDED_ESTATES = Number(process.env.BENCH_EMBEDDED_ESTATES ?? 20_000);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_tiles';
const quiet = (): void => undefined;

// ../shared/baselines/tile_mvt.sql as given.
const BASELINE_TILE_SQL = `SELECT ST_AsMVT(q, 'estates') AS tile FROM (
  SELECT id, households, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3)) AS geom
  FROM estates
  WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)) q`;

/** A generic tile server: the baseline query for every request, through a pool like ours, no cache. */
function baselineTileServer(): Promise<{ url: string; close(): Promise<void> }> {
  return bareServer(URL_, async (url, db) => {
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.mvt/.exec(url.pathname);
    if (!match) return { status: 404 };
    const [row] = await db.query<{ tile: Uint8Array }>(BASELINE_TILE_SQL, [Number(match[1]), Number(match[2]), Number(match[3])]);
    const bytes = row?.tile ?? new Uint8Array(0);
    if (bytes.byteLength === 0) return { status: 204 };
    return { status: 200, type: 'application/vnd.mapbox-vector-tile', body: Buffer.from(bytes) };
  });
}

const geojsonPaths = (tiles: readonly TileCoord[]) => tiles.map((t) => `/api/estates?bbox=${tileBoundsLngLat(t).join(',')}`);

/**
 * Medians of `ours` and `baseline`, run in turns so that both see the same machine: a statement of a
 * few milliseconds moves by a third between moments on a shared 2-core machine, more than the
 * difference measured. Six turns first: PostgreSQL plans a prepared statement (ours) afresh five
 * times before it keeps a generic plan.
 */
async function dbMediansMs(ours: () => Promise<unknown>, baseline: () => Promise<unknown>, runs: number): Promise<[number, number]> {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs + 6; i++) {
    for (const [k, work] of [ours, baseline].entries()) {
      const started = performance.now();
      await work();
      if (i >= 6) samples[k]!.push(performance.now() - started);
    }
  }
  return [median(samples[0]), median(samples[1])];
}

/** A fresh bench database with the city loaded. */
async function loadPostgres(cityDir: string): Promise<Db> {
  const db = await freshBenchDb(URL_);
  await loadDemoCity(db, cityDir);
  return db;
}

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-tiles-'));
try {
  // ---- PostGIS server ----
  const cityDir = process.env.BENCH_CITY_DIR ?? join(work, `city-${ESTATES}`);
  ensureGeneratedCity(ESTATES, cityDir);
  // BENCH_REUSE=1 keeps a database an earlier run loaded with the same number of estates (the load takes minutes).
  const reusable = process.env.BENCH_REUSE === '1' && (await countEstates(URL_)) === ESTATES;
  const db = reusable
    ? await bootstrapDb(loadConfig({ DATABASE_URL: URL_, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), quiet)
    : await loadPostgres(cityDir);

  const tiles = await replayTiles(db);
  const ctx = serviceContext(db, loadConfig({}));
  for (const z of [12, 14, 16]) {
    const tile = tiles.find((t) => t.z === z)!;
    const [oursMs, baseMs] = await dbMediansMs(
      () => renderTile(ctx, 'estates', tile, 'postgis'),
      () => db.query(BASELINE_TILE_SQL, [tile.z, tile.x, tile.y]),
      // About two seconds a zoom.
      z <= 12 ? 31 : 101,
    );
    recordBench({
      name: `tile statement z${z}, ${ESTATES} estates (PostGIS)`,
      ours: oursMs,
      baseline: baseMs,
      unit: 'ms',
      baselineName: 'tile_mvt.sql',
      target: 1.5,
      note: 'ours also simplifies, carries the current stage, the colouring attributes and (from z14) the hover card’s; prepared, as the app runs it',
    });
  }

  const baseline = await baselineTileServer();
  const baselineLoad = await load(
    baseline.url,
    tiles.map(({ z, x, y }) => `/${z}/${x}/${y}.mvt`),
    {},
    { seconds: WARM_SECONDS },
  );
  await baseline.close();

  // Like for like: only the zooms where ours draws estates (below z12 it answers 204 and the map shows aggregates).
  const drawn = tiles.filter((t) => t.z >= TILE_LAYERS.estates.minZoom);
  const baselineDrawn = await baselineTileServer();
  const baselineDrawnLoad = await load(
    baselineDrawn.url,
    drawn.map(({ z, x, y }) => `/${z}/${x}/${y}.mvt`),
    {},
    { seconds: WARM_SECONDS },
  );
  await baselineDrawn.close();

  const app = await startBenchApp(db);
  const cold = await load(app.url, tilePaths(tiles), app.headers, { amount: tiles.length });
  const warm = await load(app.url, tilePaths(tiles), app.headers, { seconds: WARM_SECONDS });
  const geojson = await load(app.url, geojsonPaths(tiles), app.headers, { seconds: WARM_SECONDS });
  await app.close();
  const freshApp = await startBenchApp(db);
  const drawnCold = await load(freshApp.url, tilePaths(drawn), freshApp.headers, { amount: drawn.length });
  const drawnWarm = await load(freshApp.url, tilePaths(drawn), freshApp.headers, { seconds: WARM_SECONDS });
  await freshApp.close();
  for (const [label, result] of [
    ['cold', drawnCold],
    ['warm', drawnWarm],
  ] as const) {
    recordBench({
      name: `tiles z12–z16 at ${CONNECTIONS} connections, ${label}, ${ESTATES} estates (PostGIS): mean latency`,
      ours: result.meanMs,
      baseline: baselineDrawnLoad.meanMs,
      unit: 'ms',
      baselineName: 'generic tile server running tile_mvt.sql on the same tiles',
      target: label === 'warm' ? 1 : 2,
      note: `ours ${result.requestsPerS.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; baseline ${baselineDrawnLoad.requestsPerS.toFixed(0)} req/s, p50 ${baselineDrawnLoad.p50Ms} ms, p99 ${baselineDrawnLoad.p99Ms} ms`,
    });
  }
  for (const [label, result] of [
    ['cold', cold],
    ['warm', warm],
  ] as const) {
    recordBench({
      name: `tiles z10–z16 at ${CONNECTIONS} connections, ${label}, ${ESTATES} estates (PostGIS): mean latency`,
      // z10–z11 answer 204 in ours (aggregates there); the generic server cuts them in full.
      ours: result.meanMs,
      baseline: baselineLoad.meanMs,
      unit: 'ms',
      baselineName: 'generic tile server running tile_mvt.sql',
      target: label === 'warm' ? 1 : 2,
      note: `ours ${result.requestsPerS.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; baseline ${baselineLoad.requestsPerS.toFixed(0)} req/s, p50 ${baselineLoad.p50Ms} ms, p99 ${baselineLoad.p99Ms} ms; non-2xx ${result.non2xx}`,
    });
  }
  recordBench({
    name: `tiles vs one GeoJSON per tile bbox at ${CONNECTIONS} connections, ${ESTATES} estates (PostGIS): mean latency`,
    ours: warm.meanMs,
    baseline: geojson.meanMs,
    unit: 'ms',
    baselineName: 'GET /api/estates?bbox=<tile bounds>',
    target: 1,
    note: `tiles ${warm.requestsPerS.toFixed(0)} req/s, GeoJSON ${geojson.requestsPerS.toFixed(0)} req/s`,
  });
  await db.close();

  // ---- Embedded ----
  const smallDir = join(work, `city-${EMBEDDED_ESTATES}`);
  ensureGeneratedCity(EMBEDDED_ESTATES, smallDir);
  const embedded = await bootstrapDb(loadConfig({ PGLITE_DATA_DIR: join(work, 'pglite'), SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), quiet);
  await loadDemoCity(embedded, smallDir);
  const embeddedTiles = await replayTiles(embedded);
  const embeddedApp = await startBenchApp(embedded);
  const embeddedCold = await load(embeddedApp.url, tilePaths(embeddedTiles), embeddedApp.headers, { amount: embeddedTiles.length });
  const embeddedWarm = await load(embeddedApp.url, tilePaths(embeddedTiles), embeddedApp.headers, { seconds: WARM_SECONDS });
  const embeddedGeojson = await load(embeddedApp.url, geojsonPaths(embeddedTiles), embeddedApp.headers, { seconds: WARM_SECONDS });
  await embeddedApp.close();
  await embedded.close();
  recordBench({
    name: `tiles vs one GeoJSON per tile bbox at ${CONNECTIONS} connections, ${EMBEDDED_ESTATES} estates (embedded): mean latency`,
    ours: embeddedWarm.meanMs,
    baseline: embeddedGeojson.meanMs,
    unit: 'ms',
    baselineName: 'GET /api/estates?bbox=<tile bounds>',
    target: 1,
    note: `cold mean ${embeddedCold.meanMs.toFixed(1)} ms; warm ${embeddedWarm.requestsPerS.toFixed(0)} req/s; GeoJSON ${embeddedGeojson.requestsPerS.toFixed(0)} req/s`,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
