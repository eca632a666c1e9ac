-- Issue 8: renovation zones (片区, design.md §7). A zone is a named group of neighbouring estates
-- with an outline: closed by zone_outline() around its members, or drawn by a planner.

-- The local metric planes of core/zones/local-metric.ts over China, one per whole degree:
-- a transverse Mercator with scale 1 on its meridian. By SRID, PostGIS caches the transform.
INSERT INTO spatial_ref_sys (srid, proj4text)
SELECT 900000 + (lon + 180) * 181 + (lat + 90),
       format('+proj=tmerc +lon_0=%s +lat_0=%s +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs', lon, lat)
FROM generate_series(73, 136) AS lon, generate_series(3, 54) AS lat
ON CONFLICT (srid) DO NOTHING;

-- Polygons of `g` (metres) without parts or holes smaller than `min_area_m2`: the slivers and
-- zero-area holes that unions of estates drawn without shared vertices leave behind.
CREATE FUNCTION drop_small_rings(g geometry, min_area_m2 double precision)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Collect(
    ST_MakePolygon(
      ST_ExteriorRing(d.geom),
      ARRAY(
        SELECT ST_InteriorRingN(d.geom, n)
        FROM generate_series(1, ST_NumInteriorRings(d.geom)) AS n
        WHERE ST_Area(ST_MakePolygon(ST_InteriorRingN(d.geom, n))) >= min_area_m2
      )
    )
  )
  FROM ST_Dump(g) AS d
  WHERE ST_Area(d.geom) >= min_area_m2
$$;

-- The outline of a zone: its members, given in a local metric plane (core/zones/local-metric.ts),
-- closed by half the neighbour gap — buffer out, union, buffer in — so the
-- roads between neighbours are taken in and land farther than the gap is not; neighbours that
-- meet only corner to corner are joined by a bridge a half-gap wide along their shortest line. Every member lies
-- inside it (the closing is unioned with the members, since buffer arcs are only approximated),
-- the members' own holes stay open unless another member fills them, and slivers and holes under
-- 1 m² are dropped. Answers a MultiPolygon in the members' plane. The callers transform in and
-- out in their own statement: inside a function every call would build the PROJ transform anew
-- (65 ms for each small zone, measured), while one statement builds it once.
-- Every overlay snaps to a 1 mm grid (OverlayNG snap-rounding, PostGIS 3.1+): the closing gives
-- back edges that coincide with the members' to within rounding, which floating-point overlay
-- can only resolve by its exception-driven fallback — and that fallback does not work in
-- PGlite's WebAssembly GEOS (the function stops without a result). Snap-rounding never needs it.
CREATE FUNCTION zone_outline(metric geometry[], gap_m double precision)
RETURNS geometry LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  grid constant double precision := 0.001;
  whole geometry;
  closed geometry;
  own_holes geometry;
  bridges geometry;
  outline geometry;
BEGIN
  -- Out with round joins, back in with mitred ones: a round erosion would fill every concave
  -- corner (the inside of an L) with a fillet of the buffer's radius; a mitred one gives it back.
  SELECT ST_Buffer(ST_CollectionExtract(ST_Union(ST_Buffer(g, gap_m / 2, 'quad_segs=4'), grid), 3), -gap_m / 2, 'join=mitre mitre_limit=5') INTO closed FROM unnest(metric) AS g;
  -- The closing and the members in one unary union (members may touch or overlap a little).
  -- Snap-rounded overlays may leave stray lines or points; each result keeps only its polygons,
  -- since the next overlay refuses mixed dimensions.
  outline := ST_CollectionExtract(ST_UnaryUnion(ST_Collect(array_append(metric, closed)), grid), 3);
  -- The closing joins facing edges; neighbours that only come near at a corner get a bridge along
  -- their shortest line, within the pair's convex hull so it never reaches past the road between
  -- them. Only needed (and only computed) when the closing left the zone in pieces.
  IF ST_NumGeometries(outline) > 1 THEN
    SELECT ST_Union(ST_CollectionExtract(ST_Intersection(ST_Buffer(ST_ShortestLine(a.g, b.g), gap_m / 4, 'quad_segs=2'), ST_ConvexHull(ST_Collect(a.g, b.g)), grid), 3), grid) INTO bridges
    FROM unnest(metric) WITH ORDINALITY AS a(g, i) JOIN unnest(metric) WITH ORDINALITY AS b(g, j) ON a.i < b.j AND ST_DWithin(a.g, b.g, gap_m);
    IF bridges IS NOT NULL THEN
      outline := ST_CollectionExtract(ST_Union(outline, bridges, grid), 3);
    END IF;
  END IF;
  -- Most estates have no holes; the query that lists them costs milliseconds even when it finds none.
  IF EXISTS (SELECT 1 FROM unnest(metric) AS g WHERE ST_NRings(g) > ST_NumGeometries(g)) THEN
    SELECT ST_CollectionExtract(ST_Union(ST_MakePolygon(ST_InteriorRingN(p.geom, n)), grid), 3) INTO own_holes
    FROM unnest(metric) AS g, ST_Dump(g) AS p, generate_series(1, ST_NumInteriorRings(p.geom)) AS n;
    SELECT ST_CollectionExtract(ST_Union(g, grid), 3) INTO whole FROM unnest(metric) AS g;
    outline := ST_CollectionExtract(ST_Difference(outline, ST_CollectionExtract(ST_Difference(own_holes, whole, grid), 3), grid), 3);
  END IF;
  outline := ST_SimplifyPreserveTopology(outline, grid);
  IF ST_NRings(outline) > ST_NumGeometries(outline) OR ST_NumGeometries(outline) > 1 THEN
    outline := drop_small_rings(outline, 1);
  END IF;
  RETURN ST_Multi(ST_CollectionExtract(ST_MakeValid(outline), 3));
END
$$;

CREATE TABLE zones (
  id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (btrim(name) <> ''),
  subdistrict_code text REFERENCES subdistricts (code),
  note text,
  boundary_source text NOT NULL DEFAULT 'computed' CHECK (boundary_source IN ('computed', 'drawn')),
  split_reason text,
  outline geometry(MultiPolygon, 4326) NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX zones_name_key ON zones (lower(btrim(name)));
CREATE INDEX zones_outline_gix ON zones USING gist (outline);

-- An estate belongs to at most one zone (the UNIQUE on estate_id). No cascade from estates: the
-- estate writes update the zone (outline, connectivity) or refuse, never drop a member silently.
CREATE TABLE zone_estates (
  zone_id integer NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  estate_id integer NOT NULL UNIQUE REFERENCES estates (id),
  PRIMARY KEY (zone_id, estate_id)
);

CREATE FUNCTION zone_audit_record(z zones) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT (to_jsonb(z) - 'outline')
    || jsonb_build_object(
      'estateIds', (SELECT coalesce(jsonb_agg(estate_id ORDER BY estate_id), '[]'::jsonb) FROM zone_estates WHERE zone_id = z.id),
      'geometry', ST_AsGeoJSON(z.outline, 15)::jsonb
    )
$$;
