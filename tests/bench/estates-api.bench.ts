/**
 * `npm run bench`: speed of the foundation's hot paths, as ratios against a baseline measured
 * in the same run (absolute milliseconds depend on the machine; ratios don't, much).
 *
 * - start-up: warm start (reopen an existing embedded database) vs cold start (create, migrate, seed)
 * - listing estates as GeoJSON: per-estate cost for a 10 000-estate city vs the 117-estate demo city
 * - bbox query on the 10 000-estate city: a 1 % window vs the whole city (the GiST index at work)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { serviceContext } from '../../server/context.js';
import { listEstates } from '../../server/features/estates/estates.service.js';
import type { Bbox } from '../../core/geometry/bbox.js';

const SCALE_ESTATES = Number(process.env.BENCH_ESTATES ?? 10_000);
const quiet = (): void => undefined;

async function timeMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Median of `runs` timings after one warm-up run. */
async function medianMs(work: () => Promise<unknown>, runs = 5): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timeMs(work)).ms);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

async function listAsJson(db: Db, bbox?: Bbox): Promise<number> {
  const features = await listEstates(serviceContext(db, loadConfig({})), { bbox });
  return JSON.stringify({ type: 'FeatureCollection', features }).length;
}

async function cityExtent(db: Db): Promise<Bbox> {
  const [row] = await db.query<{ x0: number; y0: number; x1: number; y1: number }>(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) AS e FROM estates) s',
  );
  if (!row) throw new Error('no extent');
  return [row.x0, row.y0, row.x1, row.y1];
}

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
try {
  const lines: string[] = [];
  const report = (line: string): void => {
    lines.push(line);
    console.log(line);
  };

  // Start-up
  const demoDir = join(work, 'demo');
  const cold = await timeMs(() => bootstrapDb(loadConfig({ PGLITE_DATA_DIR: demoDir }), quiet));
  await cold.value.close();
  const warm = await timeMs(() => bootstrapDb(loadConfig({ PGLITE_DATA_DIR: demoDir }), quiet));
  const demoDb = warm.value;
  report(
    `start-up: cold ${(cold.ms / 1000).toFixed(1)} s, warm ${(warm.ms / 1000).toFixed(1)} s → warm/cold ${(warm.ms / cold.ms).toFixed(2)}`,
  );

  // Scale city
  const cityDir = join(work, `city-${SCALE_ESTATES}`);
  const generated = await timeMs(async () =>
    execFileSync('npx', ['tsx', 'data/generate-city.ts', '--estates', String(SCALE_ESTATES), '--out', cityDir], {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    }),
  );
  const scaleDb = await bootstrapDb(loadConfig({ PGLITE_DATA_DIR: join(work, 'scale'), SEED_DEMO: 'false' }), quiet);
  const seeded = await timeMs(() => loadDemoCity(scaleDb, cityDir));
  report(`${SCALE_ESTATES} estates: generated in ${(generated.ms / 1000).toFixed(1)} s, loaded in ${(seeded.ms / 1000).toFixed(1)} s`);

  const demoListMs = await medianMs(() => listAsJson(demoDb));
  const scaleListMs = await medianMs(() => listAsJson(scaleDb), 3);
  const perEstateRatio = scaleListMs / SCALE_ESTATES / (demoListMs / 117);
  report(
    `GET /api/estates as GeoJSON: 117 estates ${demoListMs.toFixed(1)} ms, ${SCALE_ESTATES} estates ${scaleListMs.toFixed(0)} ms → per-estate cost ratio ${perEstateRatio.toFixed(2)} (≈1 means linear)`,
  );

  const [x0, y0, x1, y1] = await cityExtent(scaleDb);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const half = 0.05; // 10 % of each side → 1 % of the area
  const window: Bbox = [cx - (x1 - x0) * half, cy - (y1 - y0) * half, cx + (x1 - x0) * half, cy + (y1 - y0) * half];
  const windowMs = await medianMs(() => listAsJson(scaleDb, window));
  report(
    `bbox window (1 % of the city) vs whole city on ${SCALE_ESTATES} estates: ${windowMs.toFixed(1)} ms vs ${scaleListMs.toFixed(0)} ms → ratio ${(windowMs / scaleListMs).toFixed(3)}`,
  );

  await demoDb.close();
  await scaleDb.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
