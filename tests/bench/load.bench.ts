/**
 * `npm run bench:load`: the bulk loader (`npm run seed`, server/seed/demo-city.ts) on a generated
 * city of BENCH_ESTATES (default 200 000):
 *
 * - PostGIS server: the estates step (rows made from the parsed GeoJSON, streamed with COPY into
 *   the real table with its checks, generated land area, keys and indexes) against a raw COPY of
 *   the same rows, as text, into a plain table with a serial key (psql `\copy`). Target ≤ 3×.
 * - the whole city on the server (every layer and the programme history, one transaction);
 * - the whole city into the embedded back-end (PGlite), BENCH_EMBEDDED_ESTATES (default the same).
 *
 * BENCH_DATABASE_URL names a server database the bench drops and recreates (default …/atlas_bench_load);
 * BENCH_CITY_DIR reuses a generated city folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { copyTextChunks } from '../../server/db/copy-text.js';
import { LAYER_ROWS } from '../../server/seed/city-rows.js';
import { loadDemoCity, type LoadProgress } from '../../server/seed/demo-city.js';
import { freshBenchDb } from './bench-db.js';
import { recordBench } from './bench-results.js';

const ESTATES = Number(process.env.BENCH_ESTATES ?? 200_000);
const EMBEDDED_ESTATES = Number(process.env.BENCH_EMBEDDED_ESTATES ?? ESTATES);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_load';
const quiet = (): void => undefined;

interface Timed {
  totalS: number;
  /** Seconds each step took, from its first progress report to its last. */
  stepS: Map<LoadProgress['step'], number>;
}

async function timedLoad(db: Db, dir: string): Promise<Timed> {
  const started = new Map<LoadProgress['step'], number>();
  const stepS = new Map<LoadProgress['step'], number>();
  const t0 = performance.now();
  await loadDemoCity(db, dir, ({ step, done, total }) => {
    if (!started.has(step)) started.set(step, performance.now());
    if (done === total) stepS.set(step, (performance.now() - (started.get(step) ?? 0)) / 1000);
  });
  return { totalS: (performance.now() - t0) / 1000, stepS };
}

/** Seconds for psql to COPY the estate rows, as the loader sends them, into a plain table (median of 3). */
async function rawCopySeconds(db: Db, dir: string, work: string): Promise<number> {
  const { columns, row } = LAYER_ROWS.estates;
  const features = (JSON.parse(readFileSync(join(dir, 'estates.geojson'), 'utf8')) as FeatureCollection).features;
  const file = join(work, 'estates.copy');
  writeFileSync(file, [...copyTextChunks(features.map((f: Feature) => row(f)))].join(''));
  const [types] = await db.query<{ list: string }>(
    `SELECT string_agg(format('%I %s', attname, format_type(atttypid, atttypmod)), ', ' ORDER BY array_position($1::text[], attname::text)) AS list
     FROM pg_attribute WHERE attrelid = 'estates'::regclass AND attname = ANY($1::text[])`,
    [columns],
  );
  const samples: number[] = [];
  for (let k = 0; k < 3; k++) {
    await db.exec(`DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline (id serial PRIMARY KEY, ${types?.list ?? ''})`);
    const started = performance.now();
    execFileSync('psql', [URL_, '-qc', `\\copy copy_baseline (${columns.join(', ')}) FROM '${file}'`]);
    samples.push((performance.now() - started) / 1000);
  }
  await db.exec('DROP TABLE copy_baseline');
  return [...samples].sort((a, b) => a - b)[1] ?? Number.NaN;
}

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-load-'));
try {
  const dir = ensureGeneratedCity(ESTATES, process.env.BENCH_CITY_DIR ?? join(work, `city-${ESTATES}`));
  const db = await freshBenchDb(URL_);
  const server = await timedLoad(db, dir);
  const copyS = await rawCopySeconds(db, dir, work);
  await db.close();
  recordBench({
    name: `bulk load of ${ESTATES} estates into the PostGIS server`,
    ours: server.stepS.get('estates') ?? Number.NaN,
    baseline: copyS,
    unit: 's',
    baselineName: 'raw COPY of the same rows into a plain table',
    target: 3,
    note: `ours: COPY into the estates table with its checks, generated land area, keys and indexes (rebuilt after); whole city incl. programme ${server.totalS.toFixed(1)} s (${[...server.stepS].map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')})`,
  });

  const embeddedDir = EMBEDDED_ESTATES === ESTATES ? dir : ensureGeneratedCity(EMBEDDED_ESTATES, join(work, `city-${EMBEDDED_ESTATES}`));
  const embedded = await bootstrapDb(loadConfig({ PGLITE_DATA_DIR: join(work, 'pglite'), SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), quiet);
  const local = await timedLoad(embedded, embeddedDir);
  await embedded.close();
  recordBench({
    name: `bulk load of a ${EMBEDDED_ESTATES}-estate city into the embedded back-end`,
    ours: local.totalS,
    baseline: server.totalS * (EMBEDDED_ESTATES / ESTATES),
    unit: 's',
    baselineName: 'the same loader on the PostGIS server (scaled to the city size)',
    // "In minutes": PostGIS in WASM on one thread may take up to five times the server's loader,
    // which keeps a 200 000-estate city within about four minutes here (the server's takes about 50 s).
    target: 5,
    note: `steps: ${[...local.stepS].map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
