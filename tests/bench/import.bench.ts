/**
 * `npm run bench:import`: importing a 10 000-estate ledger through the real Express app over HTTP
 * (POST /api/imports/validate, then POST /api/imports), against importing the 117-estate demo city
 * in the same run. Each import goes into a fresh embedded database that holds the city's
 * administrative units, roads and facilities but no estates, so every row is new and valid;
 * a three-row validation warms each database up first, as a running server would be.
 * Target (issue 3): 10 000 estates validated and committed within 60 s.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { createApp } from '../../server/app.js';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { DEMO_CITY_DIR, loadDemoCity } from '../../server/seed/demo-city.js';
import { signIn } from '../helpers/sign-in.js';

const SCALE_ESTATES = Number(process.env.BENCH_ESTATES ?? 10_000);
const TARGET_S = 60;
const quiet = (): void => undefined;

interface ImportTiming {
  estates: number;
  bodyMb: number;
  validateMs: number;
  commitMs: number;
}

/** A copy of a city folder whose estates layer is empty: units and basemap layers only. */
function cityWithoutEstates(cityDir: string, outDir: string): FeatureCollection {
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(cityDir)) copyFileSync(join(cityDir, file), join(outDir, file));
  writeFileSync(join(outDir, 'estates.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
  return JSON.parse(readFileSync(join(cityDir, 'estates.geojson'), 'utf8')) as FeatureCollection;
}

async function post(base: string, path: string, body: string, auth: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(base + path, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

async function timeImport(cityDir: string, workDir: string): Promise<ImportTiming> {
  const estates = cityWithoutEstates(cityDir, join(workDir, 'city'));
  const db = await bootstrapDb(loadConfig({ PGLITE_DATA_DIR: join(workDir, 'db'), SEED_DEMO: 'false' }), quiet);
  await loadDemoCity(db, join(workDir, 'city'));
  const server: Server = createApp(db, loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'warn' })).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // The demo planner account comes with the city's units (server/seed/demo-accounts.ts).
    const auth = await signIn(base, 'planner');
    const features = estates.features;
    const validateBody = JSON.stringify({ features });
    const commitBody = JSON.stringify({
      layer: { name: 'bench', fileName: 'estates.geojson', format: 'geojson', sourceCrs: 'wgs84' },
      features,
    });

    // A long-running server has loaded PostGIS's code paths long before; a fresh database has not.
    const warmUp = await post(base, '/api/imports/validate', JSON.stringify({ features: features.slice(0, 3) }), auth);
    if (warmUp.status !== 200) throw new Error(`warm-up answered ${warmUp.status}: ${warmUp.text.slice(0, 500)}`);

    let started = performance.now();
    const validated = await post(base, '/api/imports/validate', validateBody, auth);
    const validateMs = performance.now() - started;
    if (validated.status !== 200) throw new Error(`validate answered ${validated.status}: ${validated.text.slice(0, 500)}`);
    const { rows } = JSON.parse(validated.text) as { rows: { problems: unknown[] }[] };
    const bad = rows.filter((row) => row.problems.length > 0).length;
    if (bad > 0) throw new Error(`${bad} generated rows have problems: ${validated.text.slice(0, 500)}`);

    started = performance.now();
    const committed = await post(base, '/api/imports', commitBody, auth);
    const commitMs = performance.now() - started;
    if (committed.status !== 201) throw new Error(`commit answered ${committed.status}: ${committed.text.slice(0, 500)}`);
    const { inserted } = JSON.parse(committed.text) as { inserted: number };
    if (inserted !== features.length) throw new Error(`inserted ${inserted} of ${features.length}`);
    return { estates: features.length, bodyMb: commitBody.length / 1e6, validateMs, commitMs };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}

function describeTiming(t: ImportTiming): string {
  const totalS = (t.validateMs + t.commitMs) / 1000;
  return `${t.estates} estates (${t.bodyMb.toFixed(1)} MB): validate ${(t.validateMs / 1000).toFixed(2)} s, commit ${(t.commitMs / 1000).toFixed(2)} s, total ${totalS.toFixed(2)} s`;
}

const work = mkdtempSync(join(tmpdir(), 'atlas-import-bench-'));
try {
  const scaleCityDir = join(work, `generated-${SCALE_ESTATES}`);
  execFileSync('npx', ['tsx', 'data/generate-city.ts', '--estates', String(SCALE_ESTATES), '--out', scaleCityDir], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
  });

  const demo = await timeImport(DEMO_CITY_DIR, join(work, 'demo'));
  console.log(`import demo city: ${describeTiming(demo)}`);
  const scale = await timeImport(scaleCityDir, join(work, 'scale'));
  console.log(`import scale city: ${describeTiming(scale)}`);

  const demoPerEstate = (demo.validateMs + demo.commitMs) / demo.estates;
  const scalePerEstate = (scale.validateMs + scale.commitMs) / scale.estates;
  const totalS = (scale.validateMs + scale.commitMs) / 1000;
  console.log(
    `per-estate cost ${scale.estates} vs ${demo.estates} estates: ${scalePerEstate.toFixed(2)} ms vs ${demoPerEstate.toFixed(2)} ms → ratio ${(scalePerEstate / demoPerEstate).toFixed(2)} (≈1 means linear; < 1: fixed costs amortised)`,
  );
  console.log(
    `${scale.estates} estates validated + committed in ${totalS.toFixed(1)} s — target ${TARGET_S} s: ${totalS <= TARGET_S ? 'met' : 'MISSED'}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
