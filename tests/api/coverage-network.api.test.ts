/**
 * Walking-network coverage agrees with pgRouting on the PostGIS server back-end, for the demo
 * city: the same graph (every road segment an edge, cost its length on the spheroid), every
 * facility and every estate origin point joined to it where core/network snaps them — the snaps
 * themselves checked against PostGIS's nearest road — and `pgr_withPointsCost` between them, the
 * snap distances added at both ends, the least per estate and type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { originPoints } from '../../core/coverage/estate-origins.js';
import { walkSearchLimitM } from '../../core/coverage/network-coverage.js';
import { buildRoadGraph } from '../../core/network/road-graph.js';
import { snapToGraph, type GraphSnap } from '../../core/network/snap-to-graph.js';
import { loadCoverageEstates, loadCoverageFacilities, loadRoadLines } from '../../server/features/coverage/coverage-inputs.js';
import { distanceToleranceM } from '../helpers/coverage-check.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** Edge ids of the SQL graph: a road's id and its 1-based segment number, as ST_DumpSegments numbers them. */
const SEGMENTS_PER_ROAD = 100_000;

describe.skipIf(!testBackends().includes('postgres'))('walking-network coverage agrees with pgRouting', () => {
  let copy: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    copy = await openTestDb('postgres');
    await copy.db.exec('CREATE EXTENSION IF NOT EXISTS pgrouting');
    server = await startTestServer({ db: copy.db, as: 'designer' });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('is the default model when there are roads, and no distance is shorter than the straight line', async () => {
    const walking = await server.get<CoverageResponse>('/api/coverage?scope=city');
    const straight = await server.get<CoverageResponse>('/api/coverage?scope=city&model=euclidean');
    expect(walking.body.model).toBe('network');
    walking.body.estates.forEach((estate, i) => {
      for (const [type, t] of Object.entries(estate.types)) {
        const s = straight.body.estates[i]?.types[type as keyof typeof estate.types];
        if (t?.distanceM != null && s?.distanceM != null)
          expect(t.distanceM).toBeGreaterThanOrEqual(s.distanceM - distanceToleranceM(s.distanceM));
      }
    });
  });

  it('gives every estate and type the walking distance pgRouting gives, within 0.5 % or 1 m', async () => {
    const reply = await server.get<CoverageResponse>('/api/coverage?scope=city&model=network');
    expect(reply.status).toBe(200);
    const db = copy.db;
    const graph = buildRoadGraph(await loadRoadLines(db));
    const facilities = await loadCoverageFacilities(db);
    const estates = await loadCoverageEstates(db, 'true', []);

    // Points as core/network joins them to the graph: facilities (pid 1…) and estates' origin points.
    const points: {
      pid: number;
      lng: number;
      lat: number;
      snap: GraphSnap;
      facilityId: number | null;
      estateId: number | null;
      type: string | null;
    }[] = [];
    facilities.forEach((f) => {
      const snap = snapToGraph(graph, f.lng, f.lat);
      if (snap) points.push({ pid: points.length + 1, lng: f.lng, lat: f.lat, snap, facilityId: f.id, estateId: null, type: f.type });
    });
    for (const estate of estates) {
      for (const [lng, lat] of originPoints(estate.origins)) {
        const snap = snapToGraph(graph, lng, lat);
        if (snap) points.push({ pid: points.length + 1, lng, lat, snap, facilityId: null, estateId: estate.id, type: null });
      }
    }
    const edgeId = (e: number) => graph.edgeRoad[e]! * SEGMENTS_PER_ROAD + graph.edgeSegment[e]!;
    await db.exec(
      `CREATE TABLE net_points (pid bigint PRIMARY KEY, edge_id bigint, fraction float8, snap_m float8, facility_id int, estate_id int, type text, geom geometry(Point, 4326))`,
    );
    await db.query(
      `INSERT INTO net_points
       SELECT pid, edge_id, fraction, snap_m, facility_id, estate_id, type, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
       FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::float8[], $5::int[], $6::int[], $7::text[], $8::float8[], $9::float8[])
         AS p(pid, edge_id, fraction, snap_m, facility_id, estate_id, type, lng, lat)`,
      [
        points.map((p) => p.pid),
        points.map((p) => edgeId(p.snap.edge)),
        points.map((p) => p.snap.fraction),
        points.map((p) => p.snap.snapM),
        points.map((p) => p.facilityId ?? (null as unknown as number)),
        points.map((p) => p.estateId ?? (null as unknown as number)),
        points.map((p) => p.type ?? (null as unknown as string)),
        points.map((p) => p.lng),
        points.map((p) => p.lat),
      ],
    );

    // The snaps: each point's distance to its edge is PostGIS's distance to the nearest road.
    const snapRows = await db.query<{ pid: number; ours: number; nearest: number }>(
      `SELECT p.pid, p.snap_m AS ours, (SELECT min(ST_Distance(p.geom::geography, r.geom::geography)) FROM roads r) AS nearest FROM net_points p`,
    );
    for (const row of snapRows)
      expect(Math.abs(row.ours - row.nearest), `point ${row.pid}`).toBeLessThanOrEqual(distanceToleranceM(row.nearest));

    // The graph: every road segment, cost its spheroidal length; vertices by pgr_extractVertices.
    await db.exec(`
      CREATE TABLE net_seg AS
        SELECT r.id::bigint * ${SEGMENTS_PER_ROAD} + d.path[1] AS id, d.geom, ST_Length(d.geom::geography) AS cost,
               NULL::bigint AS source, NULL::bigint AS target
        FROM roads r, ST_DumpSegments(r.geom) d;
      CREATE TABLE net_vert AS SELECT id, in_edges, out_edges FROM pgr_extractVertices('SELECT id, geom FROM net_seg ORDER BY id');
      UPDATE net_seg e SET source = v.id FROM (SELECT id, unnest(out_edges) AS eid FROM net_vert) v WHERE e.id = v.eid;
      UPDATE net_seg e SET target = v.id FROM (SELECT id, unnest(in_edges) AS eid FROM net_vert) v WHERE e.id = v.eid;`);
    const [{ segments = 0 } = {}] = await db.query<{ segments: number }>('SELECT count(*)::int AS segments FROM net_seg');
    expect(segments).toBe(graph.edgeLengthM.length);

    const rows = await db.query<{ estate_id: number; type: string; d: number }>(
      `WITH c AS (
         SELECT abs(start_pid) AS s, abs(end_pid) AS t, agg_cost FROM pgr_withPointsCost(
           'SELECT id, source, target, cost, cost AS reverse_cost FROM net_seg',
           'SELECT pid, edge_id, fraction FROM net_points',
           (SELECT array_agg(-pid) FROM net_points WHERE facility_id IS NOT NULL),
           (SELECT array_agg(-pid) FROM net_points WHERE estate_id IS NOT NULL),
           directed := false))
       SELECT o.estate_id, f.type, min(f.snap_m + c.agg_cost + o.snap_m) AS d
       FROM c JOIN net_points f ON f.pid = c.s JOIN net_points o ON o.pid = c.t
       GROUP BY o.estate_id, f.type
       UNION ALL
       SELECT e.id, f.type, 0 FROM estates e JOIN facilities f ON ST_Contains(e.geom, f.geom) GROUP BY e.id, f.type`,
    );
    const reference = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.estate_id}/${row.type}`;
      reference.set(key, Math.min(reference.get(key) ?? Infinity, row.d));
    }
    let compared = 0;
    for (const estate of reply.body.estates) {
      for (const [type, ours] of Object.entries(estate.types)) {
        if (!ours) continue;
        const d = reference.get(`${estate.id}/${type}`) ?? Infinity;
        if (d > walkSearchLimitM(ours.radiusM))
          expect({ estate: estate.id, type, ours: ours.distanceM }).toEqual({ estate: estate.id, type, ours: null });
        else {
          expect(ours.distanceM, `estate ${estate.id} ${type}`).not.toBeNull();
          expect(
            Math.abs((ours.distanceM ?? 0) - d),
            `estate ${estate.id} ${type}: ours ${ours.distanceM}, pgRouting ${d}`,
          ).toBeLessThanOrEqual(distanceToleranceM(d));
        }
        compared += 1;
      }
    }
    expect(compared).toBe(reply.body.estates.length * 23);
  }, 240_000);
});
