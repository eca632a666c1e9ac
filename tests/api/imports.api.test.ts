import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareAround } from '../helpers/test-polygons.js';
import type { EstateApiFeature } from '../../core/contract/index.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type Reply, type TestServer } from '../helpers/test-server.js';
import { HELSINKI_RESIDENTIAL } from '../helpers/realdata.js';
import { findFreeSpots, type FreeSpot } from '../helpers/free-spots.js';

/** Real OpenStreetMap residential land use (© OpenStreetMap contributors, ODbL). */
const HELSINKI_FILE = HELSINKI_RESIDENTIAL;

type Problem = { code: string; message: string; params: Record<string, unknown>; details?: unknown };
type RowReport = { index: number; landAreaM2: number | null; problems: Problem[] };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type ImportLayer = {
  id: number;
  name: string;
  fileName: string;
  format: string;
  sourceCrs: string;
  featureCount: number;
  createdAt: string;
};

const square = squareAround;

function row(geometry: unknown, properties: Record<string, unknown>): unknown {
  return { type: 'Feature', geometry, properties };
}

const LAYER = { name: '2024年台账', fileName: 'taizhang.shp.zip', format: 'shapefile', sourceCrs: 'gcj02' } as const;

describe.each(testBackends())('imports API on %s', (backend) => {
  let api: TestServer;
  const spots: FreeSpot[] = [];
  let demo: { id: number; name: string; lng: number; lat: number };
  /** Another demo estate, far from `demo`. */
  let other: { id: number; name: string; lng: number; lat: number };

  function call<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return api.request<T>(method, path, body);
  }

  async function fingerprint(): Promise<{ estates: number; layers: number; checksum: string }> {
    const [result] = await api.db.query<{ estates: number; layers: number; checksum: string }>(
      `SELECT count(*)::int AS estates, (SELECT count(*)::int FROM import_layers) AS layers,
              md5(COALESCE(string_agg(id || ':' || version || ':' || name || ':' || ST_AsText(geom), ',' ORDER BY id), '')) AS checksum
       FROM estates`,
    );
    if (!result) throw new Error('no fingerprint');
    return result;
  }

  function spot(k: number): FreeSpot {
    const found = spots[k];
    if (!found) throw new Error(`need free spot ${k}; found only ${spots.length}`);
    return found;
  }

  beforeAll(async () => {
    api = await startTestServer({ backend });
    spots.push(...(await findFreeSpots(api.db, 11)));
    const [first, last] = await api.db.query<{ id: number; name: string; lng: number; lat: number }>(
      `SELECT id, name, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM estates
       WHERE id IN ((SELECT min(id) FROM estates), (SELECT max(id) FROM estates)) ORDER BY id`,
    );
    if (!first || !last) throw new Error('no demo estates');
    demo = first;
    other = last;
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A batch with one clean row and one row for each problem code. */
  function craftedBatch(): { features: unknown[]; expected: string[][] } {
    const a = spot(0);
    const b = spot(1);
    const c = spot(2);
    const d = 0.0004;
    const ring: [number, number][] = [];
    for (let k = 0; k < 10_001; k++) ring.push([c.lng + d * Math.cos(k / 1600), c.lat + d * Math.sin(k / 1600)]);
    ring.push(ring[0] ?? [0, 0]);
    const features = [
      row(square(a.lng, a.lat, 30), { name: '干净小区', code: 'IMP-1', yearBuilt: 1990, households: 80 }),
      row(square(c.lng, c.lat, 10), { households: 10 }),
      row(square(c.lng + 0.0004, c.lat, 10), { name: '年代错误', yearBuilt: 1800 }),
      row(
        {
          type: 'Polygon',
          coordinates: [
            [
              [c.lng - d, c.lat - d],
              [c.lng + d, c.lat + d],
              [c.lng + d, c.lat - d],
              [c.lng - d, c.lat + d],
              [c.lng - d, c.lat - d],
            ],
          ],
        },
        { name: '蝴蝶结' },
      ),
      row({ type: 'MultiPolygon', coordinates: [] }, { name: '空的' }),
      row({ type: 'Point', coordinates: [c.lng, c.lat] }, { name: '一个点' }),
      row(square(c.lng, 95, 10), { name: '北极以北' }),
      row({ type: 'Polygon', coordinates: [ring] }, { name: '太多顶点' }),
      row(square(other.lng, other.lat, 5), { name: '压线小区' }),
      row(square(b.lng, b.lat, 20), { name: '文件内甲' }),
      row(square(b.lng + 0.0001, b.lat, 20), { name: '文件内乙' }),
      row(square(demo.lng, demo.lat, 3), { name: demo.name }),
      row({ type: 'Polygon', coordinates: 'x' }, { name: '读不懂' }),
      row(square(c.lng - 0.0004, c.lat, 10), { name: '未知街道', subdistrictCode: 'nowhere' }),
      row(square(c.lng, c.lat + 0.0004, 10), { name: '重复编码', code: 'IMP-1' }),
      'not a feature',
    ];
    const expected = [
      [],
      ['missing_name'],
      ['invalid_field'],
      ['invalid_geometry'],
      ['empty_geometry'],
      ['wrong_geometry_type'],
      ['coordinates_out_of_range'],
      ['too_many_vertices'],
      ['overlap_existing'],
      ['overlap_in_file'],
      ['overlap_in_file'],
      ['duplicate', 'overlap_existing'],
      ['invalid_geometry'],
      ['invalid_field'],
      ['invalid_field'],
      ['empty_geometry', 'missing_name'],
    ];
    return { features, expected };
  }

  it('validates a crafted batch: each row reports exactly its problem codes, and nothing is written', async () => {
    const { features, expected } = craftedBatch();
    const before = await fingerprint();
    const reply = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { rows } = reply.body;
    expect(rows.map((r) => r.index)).toEqual(features.map((_, k) => k));
    expect(rows.map((r) => r.problems.map((p) => p.code).sort())).toEqual(expected);
    expect(await fingerprint()).toEqual(before);
  });

  it('explains each problem: field names, the ST_IsValidReason, the overlapped estate and the other row', async () => {
    const { features } = craftedBatch();
    const { rows } = (await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features })).body;
    const problem = (index: number): Problem => {
      const found = rows[index]?.problems[0];
      if (!found) throw new Error(`row ${index} has no problem`);
      return found;
    };
    expect(problem(2).message).toContain('yearBuilt');
    expect(problem(2).details).toEqual({ field: 'yearBuilt' });
    expect(problem(3).message).toContain('Self-intersection');
    // The crossing is given to the user in 6 decimals (0.1 m), not PostGIS's 15 digits.
    expect(problem(3).params.reason).toMatch(/^Self-intersection\[\d+(\.\d{1,6})? \d+(\.\d{1,6})?\]$/u);
    expect(problem(8).details).toMatchObject({ overlaps: [{ id: other.id, name: other.name }] });
    expect(problem(9).details).toMatchObject({ otherIndex: 10 });
    expect(problem(10).details).toMatchObject({ otherIndex: 9 });
    expect(rows[11]?.problems.find((p) => p.code === 'duplicate')?.details).toEqual({ id: demo.id, name: demo.name });
    expect(problem(12).message).toContain('not an array');
    expect(problem(13).details).toEqual({ field: 'subdistrictCode' });
    expect(problem(14).details).toMatchObject({ field: 'code', otherIndex: 0 });
  });

  it('reports the land area PostGIS computes for a valid row and null for a broken one', async () => {
    const { features } = craftedBatch();
    const { rows } = (await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features })).body;
    const first = features[0] as Feature<Geometry>;
    const [expected] = await api.db.query<{ area: number }>('SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) AS area', [
      JSON.stringify(first.geometry),
    ]);
    expect(rows[0]?.landAreaM2).toBeCloseTo(expected?.area ?? Number.NaN, 1);
    expect(rows[3]?.landAreaM2).toBeNull();
  });

  it('refuses to commit a batch with a bad row: 422 with the row report, and nothing written', async () => {
    const { features, expected } = craftedBatch();
    const before = await fingerprint();
    const reply = await call<ErrorBody>('POST', '/api/imports', { layer: LAYER, features });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('import_rejected');
    const { rows } = reply.body.error.details as { rows: RowReport[] };
    expect(rows.map((r) => r.problems.map((p) => p.code).sort())).toEqual(expected);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a commit whose only problem is one bad row among good ones', async () => {
    const a = spot(3);
    const before = await fingerprint();
    const reply = await call<ErrorBody>('POST', '/api/imports', {
      layer: LAYER,
      features: [
        row(square(a.lng, a.lat, 20), { name: '好的' }),
        row(square(a.lng + 0.001, a.lat, 20), { name: '坏的', willingnessPct: 120 }),
      ],
    });
    expect(reply.status).toBe(422);
    expect(await fingerprint()).toEqual(before);
  });

  it('commits a clean batch in one go: every row inserted in order, units filled, the layer recorded with its source CRS', async () => {
    const a = spot(4);
    const b = spot(5);
    const features = [
      row(square(a.lng, a.lat, 25), { name: '导入一号', code: 'IMP-A', yearBuilt: 1988, households: 60 }),
      row(square(b.lng, b.lat, 25), {
        name: '导入二号',
        yearBuilt: 2005,
        eligibilityOverride: true,
        eligibilityOverrideReason: '市里特批',
      }),
      row(square(a.lng + 0.001, a.lat, 15), { name: '导入三号', subdistrictCode: a.subdistrictCode }),
    ];
    const before = await fingerprint();
    const reply = await call<{ layerId: number; inserted: number; ids: number[] }>('POST', '/api/imports', { layer: LAYER, features });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.inserted).toBe(3);
    expect(reply.body.ids).toHaveLength(3);
    expect((await fingerprint()).estates).toBe(before.estates + 3);

    const stored = await Promise.all(reply.body.ids.map(async (id) => (await call<EstateApiFeature>('GET', `/api/estates/${id}`)).body));
    expect(stored.map((f) => f.properties.name)).toEqual(['导入一号', '导入二号', '导入三号']);
    for (const estate of stored) {
      expect(estate.properties.importLayerId).toBe(reply.body.layerId);
      expect(estate.properties.version).toBe(1);
      expect(estate.properties.landAreaM2).toBeGreaterThan(0);
    }
    expect(stored[0]?.properties.subdistrictCode).toBe(a.subdistrictCode);
    expect(stored[0]?.properties.code).toBe('IMP-A');
    expect(stored[1]?.properties.subdistrictCode).toBe(b.subdistrictCode);
    expect(stored[1]?.properties.eligible).toBe(true);
    expect(stored[2]?.properties.subdistrictCode).toBe(a.subdistrictCode);

    const layers = (await call<ImportLayer[]>('GET', '/api/import-layers')).body;
    const layer = layers.find((l) => l.id === reply.body.layerId);
    expect(layer).toMatchObject({ name: LAYER.name, fileName: LAYER.fileName, format: 'shapefile', sourceCrs: 'gcj02', featureCount: 3 });
    expect(Number.isNaN(Date.parse(layer?.createdAt ?? ''))).toBe(false);

    // The same file again is now a duplicate of what was just imported.
    const again = (await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features })).body.rows;
    for (const report of again) expect(report.problems.map((p) => p.code)).toContain('duplicate');
  });

  it('commits rows that overlap each other when the request allows overlaps', async () => {
    const b = spot(6);
    const features = [row(square(b.lng, b.lat, 20), { name: '允许甲' }), row(square(b.lng + 0.0001, b.lat, 20), { name: '允许乙' })];
    const refused = await call<ErrorBody>('POST', '/api/imports', { layer: LAYER, features });
    expect(refused.status).toBe(422);
    const allowed = await call<{ inserted: number }>('POST', '/api/imports', { layer: LAYER, features, allowOverlap: true });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(allowed.body.inserted).toBe(2);
  });

  it('refuses a malformed import body with 400 (no features array, unknown format, empty file)', async () => {
    const before = await fingerprint();
    expect((await call<ErrorBody>('POST', '/api/imports/validate', { features: 'x' })).status).toBe(400);
    expect((await call<ErrorBody>('POST', '/api/imports', { layer: { ...LAYER, format: 'kml' }, features: [] })).status).toBe(400);
    const empty = await call<ErrorBody>('POST', '/api/imports', { layer: LAYER, features: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('features');
    expect(await fingerprint()).toEqual(before);
  });

  it('reports the degenerate polygons of the real Helsinki OSM file as invalid_geometry, the slivers as area_too_small, and finds the rest valid', async () => {
    const collection = JSON.parse(readFileSync(HELSINKI_FILE, 'utf8')) as FeatureCollection;
    const features = collection.features.map((f) => {
      const properties = f.properties ?? {};
      const name = typeof properties.name === 'string' ? properties.name : `OSM ${String(properties.osm_id)}`;
      return row(f.geometry, { name, code: `OSM-${String(properties.osm_id)}` });
    });
    // The reference: which geometries PostGIS itself finds invalid.
    const invalid = await api.db.query<{ idx: number }>(
      `SELECT (n - 1)::int AS idx FROM json_array_elements($1::json) WITH ORDINALITY AS g(f, n)
       WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(f->>'geometry')) ORDER BY 1`,
      [JSON.stringify(features)],
    );
    expect(invalid).toHaveLength(4);
    // …and which valid ones PostGIS measures below the default minimum estate area (20 m²).
    const slivers = await api.db.query<{ idx: number }>(
      `SELECT (n - 1)::int AS idx FROM json_array_elements($1::json) WITH ORDINALITY AS g(f, n)
       WHERE ST_IsValid(ST_GeomFromGeoJSON(f->>'geometry')) AND ST_Area(ST_GeomFromGeoJSON(f->>'geometry')::geography) < 20 ORDER BY 1`,
      [JSON.stringify(features)],
    );

    const before = await fingerprint();
    const reply = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const bad = reply.body.rows.filter((r) => r.problems.length > 0);
    expect(bad.map((r) => r.index)).toEqual([...invalid, ...slivers].map((r) => r.idx).sort((a, b) => a - b));
    for (const report of bad) {
      const expected = invalid.some((r) => r.idx === report.index) ? 'invalid_geometry' : 'area_too_small';
      expect(report.problems.map((p) => p.code)).toEqual([expected]);
      expect(report.landAreaM2).toBeNull();
    }

    const committed = await call<ErrorBody>('POST', '/api/imports', {
      layer: { ...LAYER, format: 'geojson', sourceCrs: 'wgs84' },
      features,
    });
    expect(committed.status).toBe(422);
    expect(await fingerprint()).toEqual(before);

    // Skipping the bad rows, as the import dialog does, imports the rest.
    const badIndexes = new Set(bad.map((r) => r.index));
    const good = features.filter((_, k) => !badIndexes.has(k));
    const imported = await call<{ inserted: number }>('POST', '/api/imports', {
      layer: { name: 'Helsinki OSM', fileName: 'helsinki_residential_landuse.geojson', format: 'geojson', sourceCrs: 'wgs84' },
      features: good,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.inserted).toBe(features.length - invalid.length - slivers.length);
  });
});
