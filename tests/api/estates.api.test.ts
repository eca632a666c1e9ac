import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiProperties, EstateSummary } from '../../core/api-contract.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

type EstateCollection = FeatureCollection<MultiPolygon, EstateApiProperties>;
type ErrorBody = { error: { code: string; message: string } };

describe.each(testBackends())('estates API on %s', (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ backend });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reports health with the back-end and the PostGIS version', async () => {
    const { status, body } = await api.get<{ status: string; db: { backend: string; postgis: string } }>('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.db.backend).toBe(backend);
    expect(body.db.postgis).toMatch(/^3\.\d+/);
  });

  it('totals the demo city exactly as the published survey (117 / 435 000 m² / 8 593 / 70 / 18)', async () => {
    const { status, body } = await api.get<EstateSummary>('/api/summary');
    expect(status).toBe(200);
    expect(body).toMatchObject({ estates: 117, floorAreaM2: 435_000, households: 8_593, eligible: 70, urgent: 18 });
    expect(body.buildings).toBeGreaterThan(117);
  });

  it('returns every estate as a MultiPolygon feature with its ledger fields', async () => {
    const { status, body } = await api.get<EstateCollection>('/api/estates');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(117);
    for (const feature of body.features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      expect(typeof feature.id).toBe('number');
      expect(feature.properties.name.length).toBeGreaterThan(0);
      expect(feature.properties.subdistrict.length).toBeGreaterThan(0);
      expect(feature.properties.eligible).toBe((feature.properties.yearBuilt ?? 9999) <= 2000);
      if (feature.properties.urgent) expect(feature.properties.eligible).toBe(true);
    }
  });

  it('computes plausible land areas in PostGIS (500 m² to 20 ha) that agree with a spherical estimate', async () => {
    const { body } = await api.get<EstateCollection>('/api/estates');
    for (const feature of body.features) {
      const { landAreaM2, name } = feature.properties;
      expect(landAreaM2, name).toBeGreaterThanOrEqual(500);
      expect(landAreaM2, name).toBeLessThanOrEqual(200_000);
      // Turf's spherical area and PostGIS's spheroidal area differ by well under 1 % at this latitude.
      expect(Math.abs(turfArea(feature) - landAreaM2) / landAreaM2, name).toBeLessThan(0.01);
    }
  });

  it('has no two estates overlapping (every pairwise ST_Intersection has zero area)', async () => {
    const rows = await api.db.query<{ a: number; b: number; overlap_m2: number }>(
      `SELECT a.id AS a, b.id AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS overlap_m2
       FROM estates a JOIN estates b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
       WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0`,
    );
    expect(rows).toEqual([]);
    const [valid] = await api.db.query<{ invalid: number }>(
      'SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid FROM estates',
    );
    expect(valid?.invalid).toBe(0);
  });

  it('filters by bounding box', async () => {
    const all = (await api.get<EstateCollection>('/api/estates')).body.features;
    const first = all[0];
    if (!first) throw new Error('no estates');
    const ring = first.geometry.coordinates[0]?.[0] ?? [];
    const lngs = ring.map((p) => p[0] ?? 0);
    const lats = ring.map((p) => p[1] ?? 0);
    const bbox = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)].join(',');
    const { status, body } = await api.get<EstateCollection>(`/api/estates?bbox=${bbox}`);
    expect(status).toBe(200);
    expect(body.features.map((f) => f.id)).toContain(first.id);
    expect(body.features.length).toBeLessThan(all.length);
  });

  it('filters estates and totals by sub-district, by code or by name', async () => {
    const subdistricts = (await api.get<FeatureCollection>('/api/subdistricts')).body.features;
    const sub = subdistricts[0]?.properties as { code: string; name: string; estates: number; households: number };
    const byCode = await api.get<EstateCollection>(`/api/estates?subdistrict=${sub.code}`);
    const byName = await api.get<EstateCollection>(`/api/estates?subdistrict=${encodeURIComponent(sub.name)}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.features.length).toBe(sub.estates);
    expect(byName.body.features.map((f) => f.id)).toEqual(byCode.body.features.map((f) => f.id));
    for (const f of byCode.body.features) expect(f.properties.subdistrictCode).toBe(sub.code);
    const summary = await api.get<EstateSummary>(`/api/summary?subdistrict=${sub.code}`);
    expect(summary.body.estates).toBe(sub.estates);
    expect(summary.body.households).toBe(byCode.body.features.reduce((sum, f) => sum + f.properties.households, 0));
  });

  it('honours limit', async () => {
    const { body } = await api.get<EstateCollection>('/api/estates?limit=5');
    expect(body.features).toHaveLength(5);
  });

  it('returns one estate by id and 404 with a JSON error for an absent one', async () => {
    const list = await api.get<EstateCollection>('/api/estates?limit=1');
    const id = list.body.features[0]?.id;
    const one = await api.get<{ id: number; properties: EstateApiProperties }>(`/api/estates/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(id);
    const missing = await api.get<ErrorBody>('/api/estates/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(missing.body.error.message).toContain('999999');
  });

  it.each([
    ['/api/estates?bbox=1,2,3', 'bbox', '4 comma-separated'],
    ['/api/estates?bbox=109,95,110,96', 'bbox', 'latitude 95'],
    ['/api/estates?bbox=a,b,c,d', 'bbox', 'not a number'],
    ['/api/estates?bbox=110,24,109,25', 'bbox', 'greater than maxLng'],
    ['/api/estates?limit=abc', 'limit', 'whole number'],
    ['/api/estates?limit=0', 'limit', 'at least 1'],
    ['/api/estates?subdistrict=不存在街道', 'subdistrict', 'unknown subdistrict'],
    ['/api/summary?district=nowhere', 'district', 'unknown district'],
    ['/api/estates?subdistrct=x', 'subdistrct', 'Unrecognized key'],
    ['/api/estates/abc', 'id', 'positive whole number'],
    ['/api/facilities?type=casino', 'type', 'unknown facility type'],
  ])('rejects %s with 400 saying what is wrong', async (path, field, phrase) => {
    const { status, body } = await api.get<ErrorBody>(encodeURI(path));
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain(field);
    expect(body.error.message).toContain(phrase);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { status, body } = await api.get<ErrorBody>('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
