/**
 * Coverage answers checked against PostGIS: `ST_Distance` on geography from the same origins
 * (an estate's gates when it has any, else its polygon — 0 inside) to every facility of a type.
 */
import { expect } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { MAX_SEARCH_M } from '../../core/coverage/facility-index.js';
import { originPoints } from '../../core/coverage/estate-origins.js';
import { walkSearchLimitM } from '../../core/coverage/network-coverage.js';
import { buildRoadGraph } from '../../core/network/road-graph.js';
import { snapToGraph, type GraphSnap } from '../../core/network/snap-to-graph.js';
import type { Db, Queryable } from '../../server/db/index.js';
import { loadCoverageEstates, loadCoverageFacilities, loadRoadLines } from '../../server/features/coverage/coverage-inputs.js';

/** The tolerance: the same distance within 0.5 % or 1 m. */
export const distanceToleranceM = (distanceM: number): number => Math.max(1, 0.005 * distanceM);

const ORIGINS_SQL = `SELECT e.id, COALESCE((SELECT ST_Collect(g.geom) FROM estate_gates g WHERE g.estate_id = e.id), e.geom)::geography AS geog,
                            ST_Y(ST_Centroid(e.geom)) AS lat
                     FROM estates e`;

/** Every estate × type of `reply` against the nearest facility PostGIS finds by brute force (small cities). */
export async function checkCoverageByBruteForce(db: Queryable, reply: CoverageResponse): Promise<number> {
  const rows = await db.query<{ id: number; type: string; d: number }>(
    `WITH o AS (${ORIGINS_SQL})
     SELECT o.id, f.type, min(ST_Distance(o.geog, f.geom::geography)) AS d
     FROM o JOIN facilities f ON ST_DWithin(o.geog, f.geom::geography, $1)
     GROUP BY o.id, f.type`,
    [MAX_SEARCH_M],
  );
  const postgis = new Map(rows.map((row) => [`${row.id}/${row.type}`, row.d]));
  let compared = 0;
  for (const estate of reply.estates) {
    for (const [type, ours] of Object.entries(estate.types)) {
      if (!ours) continue;
      const reference = postgis.get(`${estate.id}/${type}`) ?? null;
      if (reference === null || ours.distanceM === null) {
        expect({ estate: estate.id, type, distanceM: ours.distanceM }).toEqual({ estate: estate.id, type, distanceM: reference });
      } else {
        expect(
          Math.abs(ours.distanceM - reference),
          `estate ${estate.id} ${type}: ours ${ours.distanceM}, PostGIS ${reference}`,
        ).toBeLessThanOrEqual(distanceToleranceM(reference));
        expect(ours.covered).toBe(ours.distanceM <= ours.radiusM);
      }
      compared += 1;
    }
  }
  return compared;
}

/**
 * The same check for large cities, one indexed query: for each answer d, PostGIS's nearest among
 * the facilities within d + tolerance (so one nearer than d would be found) must be d within the
 * tolerance; for "none", PostGIS must find none within MAX_SEARCH_M.
 */
export async function checkCoverageByWindows(db: Queryable, reply: CoverageResponse): Promise<number> {
  const ids: number[] = [];
  const types: string[] = [];
  const distances: number[] = [];
  for (const estate of reply.estates) {
    for (const [type, ours] of Object.entries(estate.types)) {
      if (!ours) continue;
      ids.push(estate.id);
      types.push(type);
      distances.push(ours.distanceM ?? -1);
    }
  }
  const rows = await db.query<{ id: number; type: string; ours: number; d: number | null }>(
    `WITH a AS (SELECT * FROM unnest($1::int[], $2::text[], $3::float8[]) AS a(id, type, ours)),
          o AS (${ORIGINS_SQL}),
          w AS (SELECT a.*, o.geog, o.lat, CASE WHEN a.ours < 0 THEN $4 ELSE a.ours + greatest(1, 0.005 * a.ours) END AS reach FROM a JOIN o ON o.id = a.id)
     SELECT w.id, w.type, w.ours,
            (SELECT min(ST_Distance(w.geog, f.geom::geography)) FROM facilities f
             WHERE f.type = w.type
               AND f.geom && ST_Expand(w.geog::geometry, w.reach / (111000 * cos(radians(abs(w.lat) + 1))), w.reach / 110000)
               AND ST_DWithin(w.geog, f.geom::geography, w.reach)) AS d
     FROM w`,
    [ids, types, distances, MAX_SEARCH_M],
  );
  for (const row of rows) {
    if (row.ours < 0) expect({ estate: row.id, type: row.type, postgis: row.d }).toEqual({ estate: row.id, type: row.type, postgis: null });
    else {
      expect(row.d, `estate ${row.id} ${row.type}: ours ${row.ours}, PostGIS found none that near`).not.toBeNull();
      expect(Math.abs(row.ours - (row.d ?? Infinity)), `estate ${row.id} ${row.type}`).toBeLessThanOrEqual(distanceToleranceM(row.d ?? 0));
    }
  }
  return rows.length;
}

/** Edge ids of the SQL graph: a road's id and its 1-based segment number, as ST_DumpSegments numbers them. */
const SEGMENTS_PER_ROAD = 100_000;

/**
 * Walking coverage checked against pgRouting (PostGIS server with pgrouting): the same graph —
 * every road segment an edge, cost its spheroidal length — with every facility and every estate
 * origin point joined where core/network snaps them (each snap checked against PostGIS's nearest
 * road), `pgr_withPointsCost` between them with the snap distances added at both ends, the least
 * per estate and type; a facility inside an estate serves it at 0. Returns the pairs compared.
 */
export async function checkWalkingCoverageWithPgRouting(db: Db, reply: CoverageResponse): Promise<number> {
  await db.exec('CREATE EXTENSION IF NOT EXISTS pgrouting; DROP TABLE IF EXISTS net_points, net_seg, net_vert');
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
        FROM roads r, ST_DumpSegments(r.geom) d
        WHERE NOT ST_Equals(ST_StartPoint(d.geom), ST_EndPoint(d.geom));
      CREATE TABLE net_vert AS SELECT id, in_edges, out_edges FROM pgr_extractVertices('SELECT id, geom FROM net_seg ORDER BY id');
      UPDATE net_seg e SET source = v.id FROM (SELECT id, unnest(out_edges) AS eid FROM net_vert) v WHERE e.id = v.eid;
      UPDATE net_seg e SET target = v.id FROM (SELECT id, unnest(in_edges) AS eid FROM net_vert) v WHERE e.id = v.eid;`);
  const [{ segments = 0 } = {}] = await db.query<{ segments: number }>('SELECT count(*)::int AS segments FROM net_seg');
  expect(segments).toBe(graph.edgeLengthM.length);

  const rows = await db.query<{ estate_id: number; type: string; d: number }>(
    `WITH c AS (
         SELECT abs(start_pid) AS s, abs(end_pid) AS t, agg_cost FROM pgr_withPointsCost(
           'SELECT id, source, target, cost, cost AS reverse_cost FROM net_seg',
           -- pgRouting 3.4 answers no cost for a point exactly at an edge's end (fraction 0 or 1, measured
           -- here: 182 m became 219 m by another point); a nanometre in from the end is the same walk.
           'SELECT pid, edge_id, least(greatest(fraction, 1e-9), 1 - 1e-9) AS fraction FROM net_points',
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
  for (const estate of reply.estates) {
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
  return compared;
}
