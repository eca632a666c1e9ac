import type { Queryable } from '../../server/db/index.js';

export interface FreeSpot {
  lng: number;
  lat: number;
  subdistrictCode: string;
}

/**
 * Places inside a sub-district with no estate within 100 m and at least 250 m from each other,
 * where a test can draw a new estate without overlapping anything. `seed` picks the random points.
 */
export async function findFreeSpots(db: Queryable, seed: number): Promise<FreeSpot[]> {
  const candidates = await db.query<{ lng: number; lat: number; code: string }>(
    `SELECT ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, s.code
     FROM subdistricts s, LATERAL (SELECT (ST_Dump(ST_GeneratePoints(s.geom, 500, $1))).geom) AS p
     WHERE NOT EXISTS (SELECT 1 FROM estates e WHERE ST_DWithin(e.geom::geography, p.geom::geography, 100))
       AND ST_Contains(s.geom, ST_Buffer(p.geom::geography, 100)::geometry)
     ORDER BY s.code, lng`,
    [seed],
  );
  const spots: FreeSpot[] = [];
  for (const c of candidates) {
    // equirectangular metres at 24° N: good enough to keep test polygons apart
    if (spots.every((s) => Math.hypot((s.lng - c.lng) * 0.9, s.lat - c.lat) * 111_320 > 250)) {
      spots.push({ lng: c.lng, lat: c.lat, subdistrictCode: c.code });
    }
  }
  return spots;
}
