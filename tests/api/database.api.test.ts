import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../server/db/index.js';
import { listMigrations } from '../../server/db/migrate.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { DEMO_CITY_DIR, loadDemoCity } from '../../server/seed/demo-city.js';
import { freePort } from '../helpers/server-process.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

async function countEstates(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
  return row?.n ?? -1;
}

describe.each(testBackends())('database on %s', (backend) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(backend);
  });
  afterAll(async () => {
    await testDb?.dispose();
  });

  it('records every migration once and re-running them changes nothing', async () => {
    const recorded = await testDb.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(testDb.db)).toEqual([]);
  });

  it('indexes estate geometry with GiST', async () => {
    const rows = await testDb.db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'estates' AND indexdef ILIKE '%gist%'`,
    );
    expect(rows.length).toBe(1);
  });

  it('copies tabs, newlines, backslashes, NULL, booleans, numbers and geometry through COPY unchanged, in a transaction', async () => {
    const rows = [
      ['tab\there', 1.5, true, 'SRID=4326;POINT(109.4 24.3)'],
      ['line\nbreak\r\\N and \\', -2.25, false, null],
      [null, 1e-7, null, 'SRID=4326;POINT(0 0)'],
      ["中文 “quotes” 'single'", 123456789, true, null],
    ] as const;
    await testDb.db.transaction(async (tx) => {
      await tx.exec('CREATE TEMP TABLE copy_probe (label text, amount float8, flag boolean, geom geometry(Point, 4326)) ON COMMIT DROP');
      await tx.copyRows('copy_probe', ['label', 'amount', 'flag', 'geom'], rows);
      const back = await tx.query<{ label: string | null; amount: number; flag: boolean | null; wkt: string | null }>(
        'SELECT label, amount, flag, ST_AsEWKT(geom) AS wkt FROM copy_probe',
      );
      expect(back.map((r) => [r.label, r.amount, r.flag, r.wkt])).toEqual(
        rows.map(([label, amount, flag, geom]) => [label, amount, flag, geom]),
      );
    });
  });

  it('refuses a COPY into a name that is not a plain identifier, before reaching the database', async () => {
    await expect(testDb.db.copyRows('estates; DROP TABLE estates', ['name'], [])).rejects.toThrow(/not a plain identifier/);
    expect(await countEstates(testDb.db)).toBeGreaterThan(0);
  });

  it('stores every demo layer geometry exactly as its file has it (the loader writes its own WKT)', async () => {
    for (const [layer, table, column] of [
      ['estates', 'estates', 'code'],
      ['facilities', 'facilities', 'name'],
      ['roads', 'roads', 'name'],
      ['districts', 'districts', 'code'],
    ] as const) {
      const features = (JSON.parse(readFileSync(join(DEMO_CITY_DIR, `${layer}.geojson`), 'utf8')) as FeatureCollection).features;
      // The n-th feature is the n-th row (ids follow the file's order after the loader's RESTART IDENTITY).
      const [row] = await testDb.db.query<{ differing: number; rows: number }>(
        `WITH file AS (
           SELECT n, ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326) AS geom
           FROM json_array_elements($1::json) WITH ORDINALITY AS t(f, n))
         SELECT count(*) FILTER (WHERE NOT ST_OrderingEquals(ST_Multi(file.geom), ST_Multi(t.geom)))::int AS differing, count(t.*)::int AS rows
         FROM file LEFT JOIN (SELECT row_number() OVER (ORDER BY ${table === 'districts' ? column : 'id'}) AS n, geom FROM ${table}) t USING (n)`,
        [
          JSON.stringify(
            layer === 'districts'
              ? [...features].sort((a, b) => String(a.properties?.code).localeCompare(String(b.properties?.code)))
              : features,
          ),
        ],
      );
      expect({ layer, ...row }).toEqual({ layer, differing: 0, rows: features.length });
    }
  });

  it('rolls a failed demo reload back completely, leaving the previous data', async () => {
    const before = await countEstates(testDb.db);
    const brokenDir = mkdtempSync(join(tmpdir(), 'atlas-broken-city-'));
    try {
      cpSync(DEMO_CITY_DIR, brokenDir, { recursive: true });
      const estates = JSON.parse(readFileSync(join(brokenDir, 'estates.geojson'), 'utf8')) as {
        features: { properties: Record<string, unknown> }[];
      };
      const last = estates.features.at(-1);
      if (!last) throw new Error('demo city has no estates');
      last.properties.households = -5; // violates the CHECK constraint after everything else was inserted
      writeFileSync(join(brokenDir, 'estates.geojson'), JSON.stringify(estates));
      await expect(loadDemoCity(testDb.db, brokenDir)).rejects.toThrow(/households/);
    } finally {
      rmSync(brokenDir, { recursive: true, force: true });
    }
    expect(await countEstates(testDb.db)).toBe(before);
    const [facilities] = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities');
    expect(facilities?.n).toBeGreaterThan(0);
  });
});

describe('health when the database is unreachable', () => {
  it('answers 503 with Retry-After and a JSON error body that does not repeat the driver (no host, no port)', async () => {
    const closedPort = await freePort();
    // pg connects lazily: opening succeeds, every query is refused.
    const deadDb = await openPostgresDb(`postgres://postgres@127.0.0.1:${closedPort}/atlas`);
    const server = await startTestServer({ db: deadDb, env: { LOG_LEVEL: 'silent' }, as: null });
    try {
      const { status, headers, body } = await server.get<{ error: { code: string; message: string; params: { reason: string } } }>(
        '/api/health',
      );
      expect(status).toBe(503);
      expect(headers.get('retry-after')).toMatch(/^\d+$/);
      expect(body.error).toMatchObject({ code: 'unavailable', params: { reason: 'connection refused' } });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{2,5}/);
    } finally {
      await server.close();
      await deadDb.close();
    }
  });
});
