/**
 * Coverage answers checked against PostGIS: `ST_Distance` on geography from the same origins
 * (an estate's gates when it has any, else its polygon — 0 inside) to every facility of a type.
 */
import { expect } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { MAX_SEARCH_M } from '../../core/coverage/facility-index.js';
import type { Queryable } from '../../server/db/index.js';

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
