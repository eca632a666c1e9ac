/**
 * Facility writes and estate gates on both back-ends: create, edit with versions, delete, import
 * all-or-nothing, planned facilities counted in coverage only when asked; gates must lie on or
 * near the estate (checked with PostGIS); every refusal is a 4xx that changes nothing, and every
 * write is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID_HEADER, type CoverageResponse, type FacilityFeature } from '../../core/contract/index.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openChangeStream } from '../helpers/event-stream.js';

/** A facility as the API takes it: a GeoJSON Point Feature. */
function facility(lng: unknown, lat: unknown, properties: Record<string, unknown>) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}

interface ErrorBody {
  error: { code: string; message: string; params?: Record<string, unknown> };
}

describe.each(testBackends())('facility and gate writes on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;

  async function facilityCount(): Promise<number> {
    const [row] = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities');
    return row!.n;
  }

  beforeAll(async () => {
    copy = await openTestDb(backend);
    server = await startTestServer({ db: copy.db, as: 'designer' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('announces each stored create, edit, delete and import on the event stream, and a refused write not at all', async () => {
    const stream = await openChangeStream(server.url, server.headers);
    try {
      const created = await server.request<FacilityFeature>('POST', '/api/facilities', facility(109.41, 24.33, { type: 'kindergarten' }));
      expect(created.status).toBe(201);
      const id = Number(created.body.id);
      expect((await server.request('PATCH', `/api/facilities/${id}`, { version: 1, properties: { name: '改名' } })).status).toBe(200);
      expect((await server.request('PATCH', `/api/facilities/${id}`, { version: 1, properties: { name: '过时' } })).status).toBe(409);
      expect((await server.request('DELETE', `/api/facilities/${id}?version=2`)).status).toBe(204);
      const imported = await server.request('POST', '/api/facilities/import', {
        source: 'events.csv',
        type: 'FeatureCollection',
        features: [facility(109.41, 24.34, { type: 'kindergarten' })],
      });
      expect(imported.status).toBe(201);
      // No estate changes with a facility: the dashboard has nothing to reload.
      expect(await stream.waitFor(4)).toEqual([1, 2, 3, 4].map(() => ({ kind: 'facilities', estateIds: [] })));
    } finally {
      stream.close();
    }
  });

  it('names the writing tab as the origin of its announcement, and ignores a malformed tab name', async () => {
    const stream = await openChangeStream(server.url, server.headers);
    try {
      const post = (clientId: string) =>
        fetch(`${server.url}/api/facilities`, {
          method: 'POST',
          headers: { ...server.headers, 'Content-Type': 'application/json', [CLIENT_ID_HEADER]: clientId },
          body: JSON.stringify(facility(109.41, 24.35, { type: 'kindergarten' })),
        });
      expect((await post('tab-0123456789')).status).toBe(201);
      expect((await post('not a tab name')).status).toBe(201);
      expect(await stream.waitFor(2)).toEqual([
        { kind: 'facilities', estateIds: [], origin: 'tab-0123456789' },
        { kind: 'facilities', estateIds: [] },
      ]);
    } finally {
      stream.close();
    }
  });

  it('creates, edits and deletes a facility with versions, audited', async () => {
    const created = await server.request<FacilityFeature>(
      'POST',
      '/api/facilities',
      facility(109.41, 24.32, { type: 'kindergarten', name: '新建幼儿园' }),
    );
    expect(created.status).toBe(201);
    expect(created.body.properties).toMatchObject({ type: 'kindergarten', name: '新建幼儿园', status: 'existing', version: 1 });
    const id = Number(created.body.id);
    const [stored] = await copy.db.query<{ lng: number; lat: number }>(
      'SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE id = $1',
      [id],
    );
    expect(stored).toEqual({ lng: 109.41, lat: 24.32 });

    const moved = await server.request<FacilityFeature>('PATCH', `/api/facilities/${id}`, {
      version: 1,
      properties: { status: 'planned' },
      geometry: { type: 'Point', coordinates: [109.42, 24.32] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.properties).toMatchObject({ version: 2, status: 'planned', name: '新建幼儿园' });
    expect(moved.body.geometry.coordinates).toEqual([109.42, 24.32]);

    const stale = await server.request<ErrorBody>('PATCH', `/api/facilities/${id}`, { version: 1, properties: { name: '旧版本' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('facility_version_conflict');
    const staleDelete = await server.request('DELETE', `/api/facilities/${id}?version=1`);
    expect(staleDelete.status).toBe(409);

    expect((await server.request('DELETE', `/api/facilities/${id}?version=2`)).status).toBe(204);
    expect((await server.request('DELETE', `/api/facilities/${id}?version=2`)).status).toBe(404);
    const audit = await copy.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'facility' AND entity_id = $1 ORDER BY id",
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses bad facilities with a 400 that says what is wrong, and stores nothing', async () => {
    const before = await facilityCount();
    const bad: [unknown, string][] = [
      [facility(109.4, 24.3, { type: 'castle' }), 'unknown facility type'],
      [facility(200, 24.3, { type: 'kindergarten' }), 'lng'],
      [facility(109.4, 89, { type: 'kindergarten' }), 'lat'],
      [facility('109.4', 24.3, { type: 'kindergarten' }), 'lng'],
      [facility(109.4, 24.3, { type: 'kindergarten', name: 'a\u0000b' }), 'NUL'],
      [facility(109.4, 24.3, { type: 'kindergarten', status: 'dreamt' }), 'status'],
      [facility(109.4, 24.3, { type: 'kindergarten', extra: 1 }), 'extra'],
      [{ ...facility(109.4, 24.3, { type: 'kindergarten' }), geometry: { type: 'Polygon', coordinates: [] } }, 'Point'],
      [{ type: 'kindergarten', lng: 109.4, lat: 24.3 }, 'Feature'],
      [[], 'Feature'],
    ];
    for (const [body, says] of bad) {
      const reply = await server.request<ErrorBody>('POST', '/api/facilities', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.message.toLowerCase()).toContain(says.toLowerCase());
    }
    expect(await facilityCount()).toBe(before);
  });

  it('imports all facilities in one transaction, or none when one row is bad', async () => {
    const before = await facilityCount();
    const rows = Array.from({ length: 30 }, (_, i) => facility(109.4 + i * 1e-3, 24.31, { type: 'parcel_point', name: `快递点 ${i}` }));
    const refused = await server.request<ErrorBody>('POST', '/api/facilities/import', {
      type: 'FeatureCollection',
      source: 'pois.csv',
      features: [...rows, facility(109.4, 124, { type: 'parcel_point' })],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('features.30.geometry.coordinates.1');
    expect(await facilityCount()).toBe(before);

    const imported = await server.request<{ created: number; ids: number[] }>('POST', '/api/facilities/import', {
      source: 'pois.csv',
      type: 'FeatureCollection',
      features: rows,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.created).toBe(30);
    expect(await facilityCount()).toBe(before + 30);
    const stored = await copy.db.query<{ name: string; source: string; lng: number }>(
      'SELECT name, source, ST_X(geom) AS lng FROM facilities WHERE id = ANY($1::int[]) ORDER BY id',
      [imported.body.ids],
    );
    expect(stored.map((s) => s.name)).toEqual(rows.map((r) => r.properties.name));
    expect(new Set(stored.map((s) => s.source))).toEqual(new Set(['pois.csv']));
  });

  it('counts planned facilities in coverage only when asked', async () => {
    const [estate] = await copy.db.query<{ id: number; lng: number; lat: number }>(
      'SELECT id, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM estates ORDER BY id LIMIT 1',
    );
    const query = `/api/coverage?model=euclidean&scope=estate&id=${estate!.id}`;
    const without = await server.get<CoverageResponse>(query);
    // A planned waste point inside the estate: distance 0 once planned facilities count.
    const planned = await server.request<FacilityFeature>(
      'POST',
      '/api/facilities',
      facility(estate!.lng, estate!.lat, { type: 'waste_point', status: 'planned' }),
    );
    expect(planned.status).toBe(201);
    const still = await server.get<CoverageResponse>(query);
    expect(still.body.estates[0]?.types.waste_point).toEqual(without.body.estates[0]?.types.waste_point);
    const counted = await server.get<CoverageResponse>(`${query}&planned=include`);
    expect(counted.body.estates[0]?.types.waste_point).toMatchObject({ distanceM: 0, covered: true, facilityId: Number(planned.body.id) });
    expect((await server.get<ErrorBody>(`${query}&planned=maybe`)).status).toBe(400);
  });

  it('takes a gate on or near the estate boundary, refuses one far from it, and coverage measures from it', async () => {
    const planner = await server.as('planner');
    const [estate] = await copy.db.query<{ id: number; lng: number; lat: number; farLng: number; farLat: number }>(
      `SELECT id, ST_X(p) AS lng, ST_Y(p) AS lat, ST_X(f) AS "farLng", ST_Y(f) AS "farLat"
       FROM (SELECT id, ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p,
                    ST_Project(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)::geography, 400, 0)::geometry AS f
             FROM estates WHERE NOT EXISTS (SELECT 1 FROM estate_gates g WHERE g.estate_id = estates.id) ORDER BY id LIMIT 1) s`,
    );
    const [{ distanceM } = { distanceM: 0 }] = await copy.db.query<{ distanceM: number }>(
      'SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS "distanceM" FROM estates WHERE id = $1',
      [estate!.id, estate!.farLng, estate!.farLat],
    );
    const far = await planner.request<ErrorBody>(
      'POST',
      `/api/estates/${estate!.id}/gates`,
      facility(estate!.farLng, estate!.farLat, { name: '远门' }),
    );
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe('gate_too_far');
    expect(far.body.error.params?.distanceM).toBe(Math.round(distanceM));

    const gate = await planner.request<{ id: number; properties: { estateId: number; name: string } }>(
      'POST',
      `/api/estates/${estate!.id}/gates`,
      facility(estate!.lng, estate!.lat, { name: '南门' }),
    );
    expect(gate.status).toBe(201);
    expect(gate.body.properties).toEqual({ estateId: estate!.id, name: '南门' });
    const flat = await planner.request<ErrorBody>('POST', `/api/estates/${estate!.id}/gates`, { lng: estate!.lng, lat: estate!.lat });
    expect(flat.status).toBe(400);
    const coverage = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${estate!.id}`);
    expect(coverage.body.estates[0]?.origin).toBe('gates');

    expect((await planner.request('POST', '/api/estates/999999/gates', facility(1, 1, {}))).status).toBe(404);
    const listed = await planner.get<{ features: { id: number }[] }>(`/api/estates/${estate!.id}/gates`);
    expect(listed.body.features.map((f) => f.id)).toEqual([gate.body.id]);
    const leader = await server.as('leader');
    expect((await leader.request('DELETE', `/api/estates/${estate!.id}/gates/${gate.body.id}`)).status).toBe(403);
    expect((await planner.request('DELETE', `/api/estates/${estate!.id + 1}/gates/${gate.body.id}`)).status).toBe(404);
    expect((await planner.request('DELETE', `/api/estates/${estate!.id}/gates/${gate.body.id}`)).status).toBe(204);
    expect((await planner.request('DELETE', `/api/estates/${estate!.id}/gates/${gate.body.id}`)).status).toBe(404);
    const after = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${estate!.id}`);
    expect(after.body.estates[0]?.origin).toBe('boundary');
  });

  it('lets only roles with facilities.write change facilities', async () => {
    const leader = await server.as('leader');
    const before = await facilityCount();
    const reply = await leader.request<ErrorBody>('POST', '/api/facilities', facility(109.4, 24.3, { type: 'kindergarten' }));
    expect(reply.status).toBe(403);
    expect(await facilityCount()).toBe(before);
  });
});
