import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY_TYPE_IDS } from '../../core/facility-catalogue.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(testBackends())('reference layers API on %s', (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ backend });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves facilities of every catalogue type and filters by type', async () => {
    const all = await api.get<FeatureCollection<Point, { type: string; name: string }>>('/api/facilities');
    expect(all.status).toBe(200);
    const types = new Set(all.body.features.map((f) => f.properties.type));
    for (const id of FACILITY_TYPE_IDS) expect(types, id).toContain(id);
    const kindergartens = await api.get<FeatureCollection<Point, { type: string }>>('/api/facilities?type=kindergarten');
    expect(kindergartens.body.features.length).toBeGreaterThan(0);
    expect(kindergartens.body.features.every((f) => f.properties.type === 'kindergarten')).toBe(true);
    expect(kindergartens.body.features.length).toBeLessThan(all.body.features.length);
  });

  it('counts facilities by type as the whole list does, for a tiled city legend', async () => {
    const all = await api.get<FeatureCollection<Point, { type: string }>>('/api/facilities');
    const tally: Record<string, number> = {};
    for (const f of all.body.features) tally[f.properties.type] = (tally[f.properties.type] ?? 0) + 1;
    const counts = await api.get<{ byType: Record<string, number> }>('/api/facilities/counts');
    expect(counts.status).toBe(200);
    expect(counts.body.byType).toEqual(tally);
    const unknown = await api.get<{ error: string }>('/api/facilities/counts?type=kindergarten');
    expect(unknown.status).toBe(400);
  });

  it('serves named roads of known classes', async () => {
    const { status, body } = await api.get<FeatureCollection<LineString, { name: string; roadClass: string }>>('/api/roads');
    expect(status).toBe(200);
    expect(body.features.length).toBeGreaterThan(20);
    expect(body.features.every((f) => ['arterial', 'secondary', 'branch', 'path'].includes(f.properties.roadClass))).toBe(true);
    expect(body.features.some((f) => /[\u4e00-\u9fff]/.test(f.properties.name))).toBe(true);
  });

  it('serves 6–8 sub-districts whose estate counts add up to the whole city', async () => {
    const { body } = await api.get<FeatureCollection<never, { estates: number; name: string }>>('/api/subdistricts');
    expect(body.features.length).toBeGreaterThanOrEqual(6);
    expect(body.features.length).toBeLessThanOrEqual(8);
    expect(body.features.reduce((sum, f) => sum + f.properties.estates, 0)).toBe(117);
  });

  it('puts every estate inside the sub-district it names', async () => {
    const rows = await api.db.query<{ id: number }>(
      `SELECT e.id FROM estates e JOIN subdistricts s ON s.code = e.subdistrict_code
       WHERE NOT ST_Contains(s.geom, ST_PointOnSurface(e.geom))`,
    );
    expect(rows).toEqual([]);
  });

  it('serves the river and communities for the offline basemap', async () => {
    const water = await api.get<FeatureCollection>('/api/water');
    expect(water.body.features.length).toBeGreaterThan(0);
    const communities = await api.get<FeatureCollection>('/api/communities');
    expect(communities.body.features.length).toBeGreaterThan(6);
  });

  it('serves the communities without their outlines for a map drawn from tiles, and refuses another geometry value', async () => {
    const whole = (await api.get<FeatureCollection>('/api/communities')).body.features;
    const names = await api.get<FeatureCollection<null>>('/api/communities?geometry=none');
    expect(names.status).toBe(200);
    expect(names.body.features.map((f) => f.geometry)).toEqual(whole.map(() => null));
    expect(names.body.features.map((f) => [f.id, f.properties])).toEqual(whole.map((f) => [f.id, f.properties]));
    const bad = await api.get<{ error: { message: string } }>('/api/communities?geometry=full');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('geometry');
  });

  it('lists the sub-districts without their outlines for a map drawn from tiles, each with the box and a label point PostGIS agrees with', async () => {
    type Listed = FeatureCollection<Polygon | MultiPolygon | null, { code: string; labelPoint: [number, number] }>;
    const whole = (await api.get<Listed>('/api/subdistricts')).body.features;
    const bare = await api.get<Listed>('/api/subdistricts?geometry=none');
    expect(bare.status).toBe(200);
    expect(bare.body.features.map((f) => f.geometry)).toEqual(whole.map(() => null));
    // The same ids, properties and boxes either way: a tiled map names and frames them as the other does.
    expect(bare.body.features.map((f) => [f.id, f.properties, f.bbox])).toEqual(whole.map((f) => [f.id, f.properties, f.bbox]));
    const truth = await api.db.query<{ id: number; code: string; xmin: number; ymin: number; xmax: number; ymax: number }>(
      `SELECT id, code, ST_XMin(geom) AS xmin, ST_YMin(geom) AS ymin, ST_XMax(geom) AS xmax, ST_YMax(geom) AS ymax FROM subdistricts ORDER BY code`,
    );
    expect(bare.body.features.map((f) => [f.id, f.properties.code])).toEqual(truth.map((t) => [t.id, t.code]));
    for (const [i, f] of bare.body.features.entries()) {
      const t = truth[i]!;
      const [west = 0, south = 0, east = 0, north = 0] = f.bbox ?? [];
      for (const [ours, theirs] of [
        [west, t.xmin],
        [south, t.ymin],
        [east, t.xmax],
        [north, t.ymax],
      ] as const)
        expect(Math.abs(ours - theirs), f.properties.code).toBeLessThan(1e-6);
    }
    const outside = await api.db.query<{ code: string }>(
      `SELECT s.code FROM subdistricts s, json_to_recordset($1::json) AS l(code text, lng float8, lat float8)
       WHERE l.code = s.code AND NOT ST_Contains(s.geom, ST_SetSRID(ST_MakePoint(l.lng, l.lat), 4326))`,
      [
        JSON.stringify(
          bare.body.features.map((f) => ({ code: f.properties.code, lng: f.properties.labelPoint[0], lat: f.properties.labelPoint[1] })),
        ),
      ],
    );
    expect(outside).toEqual([]);
    const bad = await api.get<{ error: { message: string } }>('/api/subdistricts?geometry=full');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('geometry');
  });

  it('keeps estates out of the river', async () => {
    const rows = await api.db.query<{ id: number }>(
      `SELECT e.id FROM estates e JOIN water_areas w ON ST_Intersects(e.geom, w.geom)
       WHERE ST_Area(ST_Intersection(e.geom, w.geom)) > 0`,
    );
    expect(rows).toEqual([]);
  });

  it('gives the client its configuration', async () => {
    const { body } = await api.get<{ eligibilityCutoffYear: number; basemap: { styleUrl: string | null } }>('/api/config');
    expect(body.eligibilityCutoffYear).toBe(2000);
    expect(body.basemap.styleUrl).toBeNull();
  });

  it('tells the client to load the estate collection below MAP_TILES_FROM_ESTATES and tiles from it on, with the ledger’s ranges', async () => {
    const estates = (await api.get<FeatureCollection<null, { yearBuilt: number | null; households: number }>>('/api/estates')).body
      .features;
    const years = estates.map((f) => f.properties.yearBuilt).filter((y): y is number => y !== null);
    const households = estates.map((f) => f.properties.households);
    const { body } = await api.get<{ estateSource: unknown }>('/api/config');
    expect(body.estateSource).toEqual({
      kind: 'collection',
      estates: estates.length,
      yearBuilt: [Math.min(...years), Math.max(...years)],
      households: [Math.min(...households), Math.max(...households)],
    });
    for (const [threshold, kind] of [
      [estates.length, 'tiles'],
      [estates.length + 1, 'collection'],
      [0, 'tiles'],
    ] as const) {
      const other = await startTestServer({ db: api.db, env: { MAP_TILES_FROM_ESTATES: String(threshold) } });
      try {
        expect((await other.get<{ estateSource: { kind: string } }>('/api/config')).body.estateSource.kind, `from ${threshold}`).toBe(kind);
      } finally {
        await other.close();
      }
    }
  });
});
