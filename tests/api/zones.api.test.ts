/**
 * Zones (片区) on both back-ends: the server's rules (one zone per estate, connected within the
 * gap unless a split is accepted with a reason, drawn boundaries hold every member), versioned
 * writes with audit entries, totals and outlines checked against PostGIS, and estate writes that
 * keep their zone consistent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoneApiFeature, ZoneDetail, ZoneSuggestAnswer } from '../../core/contract/index.js';
import { localPlane } from '../../core/zones/local-metric.js';
import { testBackends } from '../helpers/test-db.js';
import { checkSuggestionOutlines, outlineToleranceM2 } from '../helpers/zone-outline-check.js';
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js';
import { openChangeStream } from '../helpers/event-stream.js';

interface ProblemBody {
  error: { code: string; message: string; params: Record<string, unknown> };
}

/** The demo city's local plane, as the server picks it (centre of the estates' extent). */
async function cityProj(server: TestServer): Promise<string> {
  const [row] = await server.db.query<{ lng: number; lat: number }>(
    'SELECT (ST_XMin(x) + ST_XMax(x)) / 2 AS lng, (ST_YMin(x) + ST_YMax(x)) / 2 AS lat FROM (SELECT ST_Extent(geom) AS x FROM estates) s',
  );
  if (!row) throw new Error('no extent');
  return localPlane(row.lng, row.lat).proj;
}

/** Clusters of estates within `gapM` of each other, by PostGIS (ST_ClusterDBSCAN, minpoints 1), largest first. */
async function dbscanClusters(server: TestServer, proj: string, gapM: number, where = 'true'): Promise<number[][]> {
  const rows = await server.db.query<{ ids: number[] }>(
    `SELECT array_agg(id ORDER BY id) AS ids FROM (
       SELECT e.id, ST_ClusterDBSCAN(ST_Transform(e.geom, $1::text), eps := $2, minpoints := 1) OVER () AS cid FROM estates e WHERE ${where}
     ) c GROUP BY cid ORDER BY count(*) DESC, min(id)`,
    [proj, gapM],
  );
  return rows.map((row) => row.ids);
}

describe.each(testBackends())('zones (%s)', (backend) => {
  let server: TestServer;
  let planner: TestClient;
  let proj: string;
  let clusters: number[][];

  beforeAll(async () => {
    server = await startTestServer({ backend });
    planner = await server.as('planner');
    proj = await cityProj(server);
    clusters = await dbscanClusters(server, proj, 50);
  });
  afterAll(async () => {
    await server.close();
  });

  const trail = async (entityId: number): Promise<string[]> =>
    (
      await server.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'zone' AND entity_id = $1::text ORDER BY id`, [
        entityId,
      ])
    ).map((row) => row.action);

  it('creates a zone of neighbouring estates with the totals PostGIS sums and an outline that holds every member', async () => {
    const cluster = clusters.find((ids) => ids.length >= 3);
    if (!cluster) throw new Error('the demo city has no cluster of three estates');
    // Three of a cluster need not be connected among themselves; take a connected triple from PostGIS.
    const connected = await server.db.query<{ ids: number[] }>(
      `SELECT ARRAY[a.id, b.id, c.id] AS ids FROM estates a, estates b, estates c
       WHERE a.id < b.id AND b.id < c.id AND a.id = ANY($2::int[]) AND b.id = ANY($2::int[]) AND c.id = ANY($2::int[])
         AND ST_DWithin(ST_Transform(a.geom, $1::text), ST_Transform(b.geom, $1::text), 50)
         AND (ST_DWithin(ST_Transform(c.geom, $1::text), ST_Transform(a.geom, $1::text), 50) OR ST_DWithin(ST_Transform(c.geom, $1::text), ST_Transform(b.geom, $1::text), 50))
       ORDER BY a.id, b.id, c.id LIMIT 1`,
      [proj, cluster],
    );
    const ids = connected[0]?.ids;
    if (!ids) throw new Error('no connected triple');
    const reply = await planner.request<ZoneApiFeature>('POST', '/api/zones', { name: '测试片区一', estateIds: ids, note: '成街连片' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const zone = reply.body;
    expect(zone.properties.estateIds).toEqual([...ids].sort((a, b) => a - b));
    expect(zone.properties.boundary).toBe('computed');
    expect(zone.properties.version).toBe(1);

    const [sums] = await server.db.query<{ households: number; buildings: number; land: number }>(
      'SELECT sum(households)::int AS households, sum(buildings)::int AS buildings, round(sum(land_area_m2))::int AS land FROM estates WHERE id = ANY($1::int[])',
      [ids],
    );
    expect(zone.properties.totals.estates).toBe(3);
    expect(zone.properties.totals.households).toBe(sums?.households);
    expect(zone.properties.totals.buildings).toBe(sums?.buildings);
    expect(zone.properties.totals.landAreaM2).toBe(sums?.land);

    const [shape] = await server.db.query<{ parts: number; holes: number; covers: boolean; outline_m2: number; members_m2: number }>(
      `SELECT ST_NumGeometries(z.outline) AS parts,
              (SELECT count(*)::int FROM ST_Dump(z.outline) d, generate_series(1, ST_NumInteriorRings(d.geom)) n) AS holes,
              bool_and(ST_Covers(ST_Buffer(ST_Transform(z.outline, $2::text), 0.01), ST_Transform(e.geom, $2::text))) AS covers,
              ST_Area(z.outline::geography) AS outline_m2, sum(ST_Area(e.geom::geography)) AS members_m2
       FROM zones z JOIN zone_estates ze ON ze.zone_id = z.id JOIN estates e ON e.id = ze.estate_id
       WHERE z.id = $1 GROUP BY z.id`,
      [zone.id, proj],
    );
    expect(shape?.parts).toBe(1);
    expect(shape?.holes).toBe(0);
    expect(shape?.covers).toBe(true);
    expect(shape?.outline_m2).toBeGreaterThan(shape?.members_m2 ?? Infinity);
    expect(await trail(zone.id)).toEqual(['create']);

    const detail = await planner.get<ZoneDetail>(`/api/zones/${zone.id}/detail`);
    expect(detail.status).toBe(200);
    expect(detail.body.links.length).toBeGreaterThanOrEqual(2);
    for (const link of detail.body.links) {
      const [d] = await server.db.query<{ d: number }>(
        'SELECT ST_Distance(ST_Transform(a.geom, $3::text), ST_Transform(b.geom, $3::text)) AS d FROM estates a, estates b WHERE a.id = $1 AND b.id = $2',
        [link.properties.a, link.properties.b, proj],
      );
      expect(link.properties.distanceM).toBeCloseTo(d?.d ?? -1, 1);
    }
  });

  it('announces a zone created, edited and deleted with its members before and after, so open dashboards reload', async () => {
    // Two neighbours (within the 50 m gap) in no zone yet.
    const [pair] = await server.db.query<{ a: number; b: number }>(
      `SELECT a.id AS a, b.id AS b FROM estates a, estates b
       WHERE a.id < b.id AND ST_DWithin(ST_Transform(a.geom, $1::text), ST_Transform(b.geom, $1::text), 50)
         AND NOT EXISTS (SELECT 1 FROM zone_estates ze WHERE ze.estate_id IN (a.id, b.id))
       ORDER BY a.id, b.id LIMIT 1`,
      [proj],
    );
    if (!pair) throw new Error('the demo city has no two neighbours outside a zone');
    const { a, b } = pair;
    const stream = await openChangeStream(server.url, planner.headers);
    try {
      const created = await planner.request<ZoneApiFeature>('POST', '/api/zones', { name: '通知测试片区', estateIds: [a, b] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { id, properties } = created.body;
      const edited = await planner.request<ZoneApiFeature>('PATCH', `/api/zones/${id}`, { version: properties.version, estateIds: [a] });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect((await planner.request('DELETE', `/api/zones/${id}?version=${edited.body.properties.version}`)).status).toBe(204);
      expect(await stream.waitFor(3)).toEqual([
        { kind: 'zones', estateIds: [a, b] },
        { kind: 'zones', estateIds: [a, b] },
        { kind: 'zones', estateIds: [a] },
      ]);
    } finally {
      stream.close();
    }
  });

  it('refuses an estate already in a zone with 409 naming the zone, and writes nothing', async () => {
    const list = await planner.get<{ features: ZoneApiFeature[] }>('/api/zones');
    const held = list.body.features[0];
    if (!held) throw new Error('no zone');
    const taken = held.properties.estateIds[0];
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const reply = await planner.request<ProblemBody>('POST', '/api/zones', { name: '重复片区', estateIds: [taken] });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('zone_estate_taken');
    expect(reply.body.error.params.zoneName).toBe(held.properties.name);
    expect(reply.body.error.message).toContain(held.properties.name);
    expect(await server.db.query('SELECT id FROM zones WHERE name = $1', ['重复片区'])).toEqual([]);
    expect(await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
  });

  it('refuses two estates 200 m apart as one zone, and accepts them as a split zone with a reason', async () => {
    const [pair] = await server.db.query<{ a: number; b: number }>(
      `SELECT a.id AS a, b.id AS b FROM estates a, estates b
       WHERE a.id < b.id AND ST_DWithin(a.geom, b.geom, 0.005)
         AND ST_Distance(ST_Transform(a.geom, $1::text), ST_Transform(b.geom, $1::text)) BETWEEN 200 AND 400
         AND NOT EXISTS (SELECT 1 FROM zone_estates WHERE estate_id IN (a.id, b.id))
       ORDER BY a.id, b.id LIMIT 1`,
      [proj],
    );
    if (!pair) throw new Error('no pair 200 m apart');
    const refused = await planner.request<ProblemBody>('POST', '/api/zones', { name: '跨路片区', estateIds: [pair.a, pair.b] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('zone_disconnected');
    expect(refused.body.error.params.parts).toBe(2);

    const accepted = await planner.request<ZoneApiFeature>('POST', '/api/zones', {
      name: '跨路片区',
      estateIds: [pair.a, pair.b],
      splitReason: '同一物业公司统一管理',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.properties.splitReason).toBe('同一物业公司统一管理');
    expect(accepted.body.geometry.coordinates.length).toBe(2);
    const gone = await planner.request('DELETE', `/api/zones/${accepted.body.id}?version=1`);
    expect(gone.status).toBe(204);
    expect(await trail(accepted.body.id)).toEqual(['create', 'delete']);
  });

  it('answers a stale version with 409 and the current zone, and recomputes the outline when members change', async () => {
    const [pair] = await server.db.query<{ a: number; b: number }>(
      `SELECT a.id AS a, b.id AS b FROM estates a, estates b
       WHERE a.id < b.id AND ST_DWithin(a.geom, b.geom, 0.001) AND ST_DWithin(ST_Transform(a.geom, $1::text), ST_Transform(b.geom, $1::text), 50)
         AND NOT EXISTS (SELECT 1 FROM zone_estates WHERE estate_id IN (a.id, b.id))
       ORDER BY a.id DESC LIMIT 1`,
      [proj],
    );
    if (!pair) throw new Error('no free neighbouring pair');
    const created = await planner.request<ZoneApiFeature>('POST', '/api/zones', { name: '版本片区', estateIds: [pair.a] });
    expect(created.status).toBe(201);
    const grown = await planner.request<ZoneApiFeature>('PATCH', `/api/zones/${created.body.id}`, {
      version: 1,
      estateIds: [pair.a, pair.b],
    });
    expect(grown.status, JSON.stringify(grown.body)).toBe(200);
    expect(grown.body.properties.version).toBe(2);
    expect(grown.body.properties.outlineAreaM2).toBeGreaterThan(created.body.properties.outlineAreaM2);
    const stale = await planner.request<ProblemBody & { error: { details: { current: ZoneApiFeature } } }>(
      'PATCH',
      `/api/zones/${created.body.id}`,
      { version: 1, name: '旧版本' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('zone_version_conflict');
    expect(stale.body.error.details.current.properties.version).toBe(2);
    expect(await trail(created.body.id)).toEqual(['create', 'update']);
  });

  it('keeps a drawn boundary only when it holds every member', async () => {
    const [free] = await server.db.query<{ id: number; box: string; small: string }>(
      `SELECT e.id, ST_AsGeoJSON(ST_Expand(ST_Envelope(e.geom), 0.0005)) AS box, ST_AsGeoJSON(ST_Buffer(ST_Centroid(e.geom), 0.0001)) AS small
       FROM estates e WHERE NOT EXISTS (SELECT 1 FROM zone_estates WHERE estate_id = e.id) ORDER BY e.id LIMIT 1`,
    );
    if (!free) throw new Error('no free estate');
    const misses = await planner.request<ProblemBody>('POST', '/api/zones', {
      name: '手绘片区',
      estateIds: [free.id],
      boundary: JSON.parse(free.small),
    });
    expect(misses.status).toBe(422);
    expect(misses.body.error.code).toBe('zone_boundary_misses_estates');
    const drawn = await planner.request<ZoneApiFeature>('POST', '/api/zones', {
      name: '手绘片区',
      estateIds: [free.id],
      boundary: JSON.parse(free.box),
    });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
    expect(drawn.body.properties.boundary).toBe('drawn');
    const back = await planner.request<ZoneApiFeature>('PATCH', `/api/zones/${drawn.body.id}`, { version: 1, boundary: null });
    expect(back.body.properties.boundary).toBe('computed');
  });

  it('suggests exactly the multi-estate clusters of ST_ClusterDBSCAN(eps := 50 m) among eligible estates, and writes nothing', async () => {
    const before = await server.db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM zones)::int + (SELECT count(*) FROM audit_log)::int AS n',
    );
    const reply = await planner.request<ZoneSuggestAnswer>('POST', '/api/zones/suggest', { gapM: 50, eligibleOnly: false });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const free = 'NOT EXISTS (SELECT 1 FROM zone_estates ze WHERE ze.estate_id = e.id)';
    const expected = (await dbscanClusters(server, reply.body.proj, 50, free)).filter((ids) => ids.length > 1);
    const key = (ids: readonly number[]): string => ids.join(',');
    expect(reply.body.suggestions.map((s) => key(s.estateIds)).sort()).toEqual(expected.map(key).sort());
    expect(
      await server.db.query<{ n: number }>('SELECT (SELECT count(*) FROM zones)::int + (SELECT count(*) FROM audit_log)::int AS n'),
    ).toEqual(before);
    // Each outline (Clipper, in JS) is what PostGIS makes of the same estates and bridges, one valid
    // part holding every estate, without slivers.
    for (const check of await checkSuggestionOutlines(server.db, reply.body, 50)) {
      expect(check).toMatchObject({ valid: true, parts: 1, slivers: 0, outside: 0 });
      expect(check.diffM2).toBeLessThan(outlineToleranceM2(check));
    }
  });

  it('keeps a zone consistent when a member estate is reshaped or deleted, and refuses what would break it', async () => {
    const [pair] = await server.db.query<{ a: number; b: number; av: number; bv: number }>(
      `SELECT a.id AS a, b.id AS b, a.version AS av, b.version AS bv FROM estates a, estates b
       WHERE a.id < b.id AND ST_DWithin(a.geom, b.geom, 0.001) AND ST_DWithin(ST_Transform(a.geom, $1::text), ST_Transform(b.geom, $1::text), 50)
         AND NOT EXISTS (SELECT 1 FROM zone_estates WHERE estate_id IN (a.id, b.id))
       ORDER BY a.id LIMIT 1`,
      [proj],
    );
    if (!pair) throw new Error('no free neighbouring pair');
    const zone = await planner.request<ZoneApiFeature>('POST', '/api/zones', { name: '联动片区', estateIds: [pair.a, pair.b] });
    expect(zone.status, JSON.stringify(zone.body)).toBe(201);

    // Moving a member 1 km away would split the zone: refused, nothing changes.
    const [far] = await server.db.query<{ geometry: string }>(
      'SELECT ST_AsGeoJSON(ST_Translate(geom, 0.01, 0.01)) AS geometry FROM estates WHERE id = $1',
      [pair.b],
    );
    const moved = await planner.request<ProblemBody>('PATCH', `/api/estates/${pair.b}`, {
      version: pair.bv,
      geometry: JSON.parse(far?.geometry ?? 'null'),
      allowOverlap: true,
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('zone_member_change_refused');
    expect(moved.body.error.message).toContain('联动片区');
    expect((await planner.get<ZoneApiFeature>(`/api/zones/${zone.body.id}`)).body.properties.version).toBe(1);

    // Deleting one member leaves the other in the zone, with a recomputed outline equal to PostGIS's.
    const deleted = await planner.request('DELETE', `/api/estates/${pair.b}?version=${pair.bv}`);
    expect(deleted.status).toBe(204);
    const after = await planner.get<ZoneApiFeature>(`/api/zones/${zone.body.id}`);
    expect(after.body.properties.estateIds).toEqual([pair.a]);
    expect(after.body.properties.version).toBe(2);
    const [centre] = await server.db.query<{ lng: number; lat: number }>(
      'SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2 AS lng, (ST_YMin(geom) + ST_YMax(geom)) / 2 AS lat FROM estates WHERE id = $1',
      [pair.a],
    );
    const [same] = await server.db.query<{ equal: number }>(
      `SELECT ST_Area(ST_SymDifference(z.outline, ST_Transform(zone_outline(ARRAY[ST_Transform(e.geom, $2::int)], ARRAY[]::geometry[], 22.5), 4326))::geography) AS equal
       FROM zones z, estates e WHERE z.id = $1 AND e.id = $3`,
      [zone.body.id, localPlane(centre?.lng ?? 0, centre?.lat ?? 0).srid, pair.a],
    );
    expect(same?.equal).toBeLessThan(0.01);
    expect(await trail(zone.body.id)).toEqual(['create', 'update']);

    // The last member cannot go while the zone exists.
    const last = await planner.request<ProblemBody>('DELETE', `/api/estates/${pair.a}?version=${pair.av}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('zone_member_change_refused');
    expect(last.body.error.params.why).toBe('last');
  });
});
