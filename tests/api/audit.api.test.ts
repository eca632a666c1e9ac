/**
 * The audit trail on both back-ends: every write leaves who, when, what and before/after in the
 * same transaction; a refused request leaves nothing; the database refuses to change the trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, EstateApiFeature } from '../../core/contract/index.js';
import { testBackends } from '../helpers/test-db.js';
import { squareAround } from '../helpers/test-polygons.js';
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js';

async function trailLength(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  return row?.n ?? -1;
}

describe.each(testBackends())('audit trail (%s)', (backend) => {
  let server: TestServer;
  let planner: TestClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    planner = await server.as('planner');
  });
  afterAll(async () => {
    await server.close();
  });

  it('records create, update and delete of an estate with the planner, the values before and after, and the request id', async () => {
    const created = await planner.request<EstateApiFeature>('POST', '/api/estates', {
      type: 'Feature',
      geometry: squareAround(120.9, 30.9, 60),
      properties: { name: '审计测试小区', households: 120 },
    });
    expect(created.status).toBe(201);
    const id = created.body.properties.id;
    const updated = await planner.request<EstateApiFeature>('PATCH', `/api/estates/${id}`, { version: 1, properties: { households: 130 } });
    expect(updated.status).toBe(200);

    const history = await planner.get<AuditEntry[]>(`/api/estates/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((entry) => entry.action)).toEqual(['update', 'create']);
    const [update, create] = history.body;
    expect(update).toMatchObject({ actorUsername: 'demo-planner', actorRole: 'planner', entity: 'estate', entityId: String(id) });
    expect(update?.before).toMatchObject({ households: 120, version: 1, name: '审计测试小区' });
    expect(update?.after).toMatchObject({ households: 130, version: 2 });
    // The entry names the request, as the request log and the X-Request-Id answer header do.
    expect(update?.requestId).toBe(updated.headers.get('x-request-id'));
    expect(update?.requestId).toMatch(/\S{8,}/);
    expect(create?.before).toBeNull();
    expect((create?.after as { geometry: { type: string } }).geometry.type).toBe('MultiPolygon');

    // The stored geometry and the trail's copy are the same shape in PostGIS.
    const [same] = await server.db.query<{ equal: boolean }>(
      `SELECT ST_Equals(e.geom, ST_SetSRID(ST_GeomFromGeoJSON(a.after->>'geometry'), 4326)) AS equal
         FROM estates e, audit_log a WHERE e.id = $1 AND a.entity = 'estate' AND a.entity_id = $1::text AND a.action = 'update'`,
      [id],
    );
    expect(same?.equal).toBe(true);

    const deleted = await planner.request('DELETE', `/api/estates/${id}?version=2`);
    expect(deleted.status).toBe(204);
    const afterDelete = await planner.get<AuditEntry[]>(`/api/estates/${id}/history`);
    expect(afterDelete.body[0]).toMatchObject({ action: 'delete', after: null, before: { households: 130 } });
  });

  it('writes nothing to the data or the trail for a refused request', async () => {
    const before = await trailLength(server);
    const [estate] = await server.db.query<{ id: number; version: number }>('SELECT id, version FROM estates ORDER BY id LIMIT 1');
    if (!estate) throw new Error('no estate');
    const refused = [
      await planner.request('PATCH', `/api/estates/${estate.id}`, { version: estate.version + 5, properties: { households: 1 } }),
      await planner.request('PATCH', `/api/estates/${estate.id}`, { version: estate.version, properties: { households: -1 } }),
      await planner.request('POST', '/api/estates', { type: 'Feature', geometry: null, properties: { name: 'x' } }),
      await (await server.as('leader')).request('DELETE', `/api/estates/${estate.id}?version=${estate.version}`),
    ];
    expect(refused.map((reply) => reply.status)).toEqual([409, 400, 422, 403]);
    expect(await trailLength(server)).toBe(before);
    const [still] = await server.db.query<{ version: number }>('SELECT version FROM estates WHERE id = $1', [estate.id]);
    expect(still?.version).toBe(estate.version);
  });

  it('records an import as one layer entry and one create per estate, in the import transaction', async () => {
    const before = await trailLength(server);
    const features = [0, 1, 2].map((k) => ({
      type: 'Feature',
      geometry: squareAround(121.2 + k * 0.01, 31.2, 40),
      properties: { name: `导入审计${k}` },
    }));
    const committed = await planner.request<{ layerId: number; ids: number[] }>('POST', '/api/imports', {
      layer: { name: '审计导入', fileName: 'audit.geojson', format: 'geojson', sourceCrs: 'wgs84' },
      features,
    });
    expect(committed.status).toBe(201);
    expect(await trailLength(server)).toBe(before + 4);
    const entries = await server.get<AuditEntry[]>('/api/audit?actor=demo-planner&limit=4');
    expect(entries.body.map((e) => `${e.action} ${e.entity}`).sort()).toEqual(
      ['create estate', 'create estate', 'create estate', 'import import_layer'].sort(),
    );
    expect(
      entries.body
        .filter((e) => e.entity === 'estate')
        .map((e) => Number(e.entityId))
        .sort(),
    ).toEqual([...committed.body.ids].sort());
  });

  it('lets administrators filter and export the trail, and nobody else', async () => {
    const updates = await server.get<AuditEntry[]>('/api/audit?action=update&entity=estate');
    expect(updates.status).toBe(200);
    expect(updates.body.length).toBeGreaterThan(0);
    expect(updates.body.every((e) => e.action === 'update' && e.entity === 'estate')).toBe(true);
    const csv = await server.raw('/api/audit/export.csv?entity=estate');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n').filter((line) => line !== '').length).toBeGreaterThan(updates.body.length);
    expect((await planner.get('/api/audit')).status).toBe(403);
    expect((await server.get('/api/audit?from=yesterday')).status).toBe(400);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE of the trail', async () => {
    const before = await trailLength(server);
    await expect(server.db.query(`UPDATE audit_log SET actor_username = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(server.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await trailLength(server)).toBe(before);
  });
});
