-- Issue 8: zone outlines as the union of the members and the bridges between neighbours
-- (core/zones/link-bridges.ts), the same definition core/zones/zone-outline.ts computes for the
-- city-wide suggestions. It replaces migration 007's closing (buffer out, union, buffer in, then
-- bridges, then sliver removal), which cost 17 times a plain union for a whole city.

DROP FUNCTION zone_outline(geometry[], double precision);
DROP FUNCTION drop_small_rings(geometry, double precision);

-- The outline of a zone: its members and the bridges between them, in the caller's local metric
-- plane (core/zones/local-metric.ts), unioned on a 1 mm grid (snap-rounding never needs the
-- floating-point fallback that PGlite's WebAssembly GEOS lacks). Parts and holes under 1 m² are
-- slivers and go; a hole clearly narrower than the gap — the widest circle in it no wider than
-- fill_radius_m (core/zones/zone-outline.ts: 0.45 of the gap) — is filled, as a closing would fill
-- it (the middle of a crossroads between four estates), unless it is an estate's own courtyard.
-- Answers a MultiPolygon in the same plane.
CREATE FUNCTION zone_outline(members geometry[], bridges geometry[], fill_radius_m double precision)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH whole AS (
    SELECT ST_CollectionExtract(ST_UnaryUnion(ST_Collect(members || bridges), 0.001), 3) AS g
  ),
  own_holes AS (
    SELECT ST_MakePolygon(ST_InteriorRingN(p.geom, n)) AS hole
    FROM unnest(members) AS m, ST_Dump(m) AS p, generate_series(1, ST_NumInteriorRings(p.geom)) AS n
  ),
  parts AS (
    SELECT ST_MakePolygon(
      ST_ExteriorRing(d.geom),
      ARRAY(
        SELECT ST_InteriorRingN(d.geom, n)
        FROM generate_series(1, ST_NumInteriorRings(d.geom)) AS n,
             ST_MakePolygon(ST_InteriorRingN(d.geom, n)) AS h,
             ST_MaximumInscribedCircle(h) AS c
        WHERE ST_Area(h) >= 1
          AND (c.radius > fill_radius_m OR EXISTS (SELECT 1 FROM own_holes o WHERE ST_Intersects(o.hole, c.center)))
      )
    ) AS g
    FROM whole, ST_Dump(whole.g) AS d
    WHERE ST_Area(d.geom) >= 1
  )
  -- An island in a hole that was filled now lies inside its part: one more union merges it.
  SELECT ST_Multi(CASE WHEN count(*) > 1 THEN ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g), 0.001), 3) ELSE ST_Collect(g) END)
  FROM parts
$$;
