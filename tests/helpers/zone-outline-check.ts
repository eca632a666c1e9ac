/**
 * Checks suggested zone outlines (computed in JS by core/zones/zone-outline.ts) with PostGIS: each
 * against zone_outline() of the same estates and bridges — GEOS instead of Clipper — and for
 * validity, parts, slivers and whether it holds its estates.
 */
import type { ZoneSuggestAnswer } from '../../core/contract/index.js';
import { zoneBridges } from '../../core/zones/link-bridges.js';
import { shapeFromWkb } from '../../core/zones/packed-shapes.js';
import { neighbourLinks } from '../../core/zones/neighbour-graph.js';
import { holeFillRadiusM } from '../../core/zones/zone-outline.js';
import type { Queryable } from '../../server/db/index.js';

/**
 * How far apart two outlines of the same zone may be: a band 2 mm wide along the boundary (both are
 * on a 1 mm grid, and ours goes to degrees and back through two projection libraries).
 */
export const outlineToleranceM2 = (check: OutlineCheck): number => 0.5 + check.perimeterM * 0.002;

export interface OutlineCheck {
  /** Area of the symmetric difference with PostGIS's outline, m². */
  diffM2: number;
  areaM2: number;
  perimeterM: number;
  valid: boolean;
  parts: number;
  /** Holes and parts under 1 m². */
  slivers: number;
  /** Estates of the suggestion the outline does not hold (within 1 cm). */
  outside: number;
}

export async function checkSuggestionOutlines(db: Queryable, answer: ZoneSuggestAnswer, gapM: number): Promise<OutlineCheck[]> {
  const { suggestions, srid } = answer;
  const ids = suggestions.flatMap((s) => s.estateIds);
  const keys = suggestions.flatMap((s, k) => s.estateIds.map(() => k + 1));
  const rows = await db.query<{ id: number; shape: Uint8Array }>(
    'SELECT id, ST_AsBinary(ST_Transform(geom, $2::int)) AS shape FROM estates WHERE id = ANY($1::int[])',
    [ids, srid],
  );
  const shapeOf = new Map(rows.map((row) => [row.id, shapeFromWkb(row.shape)]));
  const bridges: string[] = [];
  const bridgeKeys: number[] = [];
  suggestions.forEach((s, k) => {
    const shapes = s.estateIds.map((id) => {
      const shape = shapeOf.get(id);
      if (!shape) throw new Error(`no estate ${id}`);
      return shape;
    });
    for (const ring of zoneBridges(shapes, neighbourLinks(shapes, gapM), gapM)) {
      bridges.push(JSON.stringify({ type: 'Polygon', coordinates: [ring] }));
      bridgeKeys.push(k + 1);
    }
  });
  return db.query<OutlineCheck>(
    `WITH ours AS (
       SELECT k, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(o), 4326), $6::int) AS g FROM unnest($1::text[]) WITH ORDINALITY AS s(o, k)
     ), members AS (
       SELECT m.k, array_agg(ST_Transform(e.geom, $6::int) ORDER BY e.id) AS g
       FROM unnest($2::int[], $3::int[]) AS m(id, k) JOIN estates e ON e.id = m.id GROUP BY m.k
     ), bridges AS (
       SELECT b.k, array_agg(ST_SetSRID(ST_GeomFromGeoJSON(b.g), $6::int)) AS g FROM unnest($4::text[], $5::int[]) AS b(g, k) GROUP BY b.k
     )
     SELECT ST_Area(ST_SymDifference(ours.g, zone_outline(members.g, COALESCE(bridges.g, ARRAY[]::geometry[]), $7::float8), 0.001)) AS "diffM2",
            ST_Area(ours.g) AS "areaM2",
            ST_Perimeter(ours.g) AS "perimeterM",
            ST_IsValid(ours.g) AS valid,
            ST_NumGeometries(ours.g) AS parts,
            (SELECT count(*)::int FROM ST_Dump(ours.g) AS p, ST_DumpRings(p.geom) AS r WHERE ST_Area(r.geom) < 1) AS slivers,
            (SELECT count(*)::int FROM unnest(members.g) AS m WHERE NOT ST_Covers(ST_Buffer(ours.g, 0.01), m)) AS outside
     FROM ours JOIN members USING (k) LEFT JOIN bridges USING (k)
     ORDER BY ours.k`,
    [suggestions.map((s) => JSON.stringify(s.outline)), ids, keys, bridges, bridgeKeys, srid, holeFillRadiusM(gapM)],
  );
}
