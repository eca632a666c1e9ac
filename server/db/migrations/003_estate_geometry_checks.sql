-- The geometry rules every estate write and import row goes through, in PostGIS (the truth).
-- As SQL functions so the single-estate writes and the set-based import share one definition,
-- and so a malformed GeoJSON geometry becomes a row problem instead of aborting a whole batch.

-- Checks one GeoJSON geometry (text). Returns the geometry normalised for storage
-- (2D MultiPolygon, SRID 4326) when it passes, else NULL with the first problem's code and message.
-- Codes: invalid_geometry, wrong_geometry_type, empty_geometry, coordinates_out_of_range, too_many_vertices.
CREATE FUNCTION estate_geometry_check(
  geojson text,
  max_vertices integer,
  OUT geom geometry,
  OUT problem_code text,
  OUT problem_message text
)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  parsed geometry;
  reason text;
BEGIN
  IF geojson IS NULL OR geojson = 'null' THEN
    problem_code := 'empty_geometry';
    problem_message := 'the feature has no geometry';
    RETURN;
  END IF;
  BEGIN
    parsed := ST_GeomFromGeoJSON(geojson);
  EXCEPTION WHEN OTHERS THEN
    problem_code := 'invalid_geometry';
    problem_message := 'the geometry is not readable GeoJSON: ' || SQLERRM;
    RETURN;
  END;
  IF ST_GeometryType(parsed) NOT IN ('ST_Polygon', 'ST_MultiPolygon') THEN
    problem_code := 'wrong_geometry_type';
    problem_message := format('an estate must be a Polygon or MultiPolygon, not a %s', substr(ST_GeometryType(parsed), 4));
    RETURN;
  END IF;
  IF ST_IsEmpty(parsed) THEN
    problem_code := 'empty_geometry';
    problem_message := 'the polygon has no coordinates';
    RETURN;
  END IF;
  -- The stored bounding box is rounded outwards to float4, which never moves ±180/±90 themselves.
  IF ST_XMin(parsed) < -180 OR ST_XMax(parsed) > 180 OR ST_YMin(parsed) < -90 OR ST_YMax(parsed) > 90 THEN
    problem_code := 'coordinates_out_of_range';
    problem_message := format(
      'coordinates must be longitude -180…180 and latitude -90…90 (EPSG:4326); found longitude %s…%s, latitude %s…%s',
      ST_XMin(parsed), ST_XMax(parsed), ST_YMin(parsed), ST_YMax(parsed));
    RETURN;
  END IF;
  IF ST_NPoints(parsed) > max_vertices THEN
    problem_code := 'too_many_vertices';
    problem_message := format('the polygon has %s vertices; at most %s are allowed', ST_NPoints(parsed), max_vertices);
    RETURN;
  END IF;
  -- ST_IsValidReason rather than ST_IsValid: one pass, and no NOTICE per invalid row.
  reason := ST_IsValidReason(parsed);
  IF reason <> 'Valid Geometry' THEN
    problem_code := 'invalid_geometry';
    problem_message := 'the polygon is not valid: ' || reason;
    RETURN;
  END IF;
  geom := ST_Multi(ST_Force2D(ST_SetSRID(parsed, 4326)));
END
$$;

-- The administrative units of an estate: codes given win; a missing sub-district or district comes
-- from the given lower unit's parent, else from the unit containing ST_PointOnSurface(estate_geom).
-- A located community is kept only when it lies in the resulting sub-district.
CREATE FUNCTION estate_units(
  estate_geom geometry,
  given_district text,
  given_subdistrict text,
  given_community text
)
-- A set-returning SQL function so the planner inlines it into the calling query: the import
-- resolves all rows in one plan, and ST_Contains keeps its prepared unit polygons between rows.
RETURNS TABLE (district_code text, subdistrict_code text, community_code text)
LANGUAGE sql STABLE AS $$
  WITH point AS (SELECT ST_PointOnSurface(estate_geom) AS pt),
  located AS (
    SELECT
      (SELECT c.code FROM communities c, point WHERE ST_Contains(c.geom, point.pt) ORDER BY c.code LIMIT 1) AS community,
      (SELECT s.code FROM subdistricts s, point WHERE ST_Contains(s.geom, point.pt) ORDER BY s.code LIMIT 1) AS subdistrict,
      (SELECT d.code FROM districts d, point WHERE ST_Contains(d.geom, point.pt) ORDER BY d.code LIMIT 1) AS district
  ),
  sub AS (
    SELECT COALESCE(
      given_subdistrict,
      (SELECT c.subdistrict_code FROM communities c WHERE c.code = given_community),
      located.subdistrict
    ) AS code, located.community, located.district
    FROM located
  )
  SELECT
    COALESCE(given_district, (SELECT s.district_code FROM subdistricts s WHERE s.code = sub.code), sub.district),
    sub.code,
    COALESCE(
      given_community,
      (SELECT c.code FROM communities c WHERE c.code = sub.community AND c.subdistrict_code IS NOT DISTINCT FROM sub.code)
    )
  FROM sub
$$;

-- Units are few, but point-in-polygon against them runs once per imported estate.
CREATE INDEX IF NOT EXISTS districts_geom_gix ON districts USING gist (geom);
CREATE INDEX IF NOT EXISTS subdistricts_geom_gix ON subdistricts USING gist (geom);
CREATE INDEX IF NOT EXISTS communities_geom_gix ON communities USING gist (geom);
CREATE INDEX IF NOT EXISTS estates_name_idx ON estates (name);
