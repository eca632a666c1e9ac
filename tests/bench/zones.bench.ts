/**
 * `npm run bench` (zones): suggested zones with outlines for a generated city, on the PostGIS
 * server, against the baseline of ../shared/baselines/zone_e2e.sql (ST_ClusterDBSCAN + ST_Union
 * in one statement) and the DBSCAN step alone, in the same run on the same data.
 *
 * Needs a PostgreSQL server with PostGIS: BENCH_DATABASE_URL names a server database the bench
 * may drop and create (default postgres://postgres@127.0.0.1:5432/atlas_bench_zones).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapDb } from '../../server/bootstrap.js';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { suggestZones } from '../../server/features/zones/zone-suggest.service.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';

const SCALE_ESTATES = Number(process.env.BENCH_ESTATES ?? 10_000);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_zones';
const NAME = new globalThis.URL(URL).pathname.slice(1);

async function medianMs(work: () => Promise<unknown>, runs = 3): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

const admin = await openPostgresDb(URL.replace(/\/[^/]*$/, '/postgres'));
await admin.exec(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.exec(`CREATE DATABASE ${NAME}`);
await admin.close();
const setup = await openPostgresDb(URL);
await setup.exec('CREATE EXTENSION IF NOT EXISTS postgis');
await setup.close();

const work = mkdtempSync(join(tmpdir(), 'atlas-bench-zones-'));
const config = loadConfig({ DATABASE_URL: URL, SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
const db = await bootstrapDb(config, () => undefined);
try {
  execFileSync('npx', ['tsx', 'data/generate-city.ts', '--estates', String(SCALE_ESTATES), '--out', work], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
  });
  await loadDemoCity(db, work);
  await db.exec('ANALYZE');
  const ctx = serviceContext(db, config);
  const rules = { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false, eligibleOnly: false };
  const ours = await medianMs(() => suggestZones(ctx, rules));
  // The baseline as ../shared/baselines/zone_e2e.sql writes it: UTM 49N suits this city.
  const e2e = await medianMs(() =>
    db.query(`SELECT count(*) AS zones, sum(ST_NPoints(geom)) AS vertices FROM (
      SELECT cid, ST_Union(g) AS geom FROM (
        SELECT ST_ClusterDBSCAN(g, eps := 50, minpoints := 1) OVER () AS cid, g
        FROM (SELECT ST_Transform(geom, 32649) AS g FROM estates) s) c
      GROUP BY cid) z`),
  );
  const dbscan = await medianMs(() =>
    db.query(
      `SELECT count(DISTINCT cid) FROM (SELECT ST_ClusterDBSCAN(ST_Transform(geom, 32649), eps := 50, minpoints := 1) OVER () AS cid FROM estates) s`,
    ),
  );
  console.log(
    `zone suggestions with outlines, ${SCALE_ESTATES} estates (PostGIS server): ours ${ours.toFixed(0)} ms, ST_ClusterDBSCAN + ST_Union ${e2e.toFixed(0)} ms → ratio ${(ours / e2e).toFixed(2)} (target ≤ 1); DBSCAN alone ${dbscan.toFixed(0)} ms`,
  );
} finally {
  await db.close();
  rmSync(work, { recursive: true, force: true });
}
