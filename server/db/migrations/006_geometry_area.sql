-- Issue 7: the geometry check also measures the polygon on the spheroid (the area rule of
-- core/geometry/estate-area.ts compares it with the configured bounds), and no PostGIS error
-- escapes it: a polygon PostGIS cannot validate or measure (e.g. "Antipodal edge" for a
-- whole-world ring) becomes invalid_geometry with PostGIS's reason instead of aborting the request.
DROP FUNCTION estate_geometry_check(text, integer);

CREATE FUNCTION estate_geometry_check(
  geojson text,
  max_vertices integer,
  OUT geom geometry,
  OUT problem_code text,
  OUT problem_message text,
  OUT problem_detail text,
  OUT area_m2 double precision
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
    problem_detail := SQLERRM;
    RETURN;
  END;
  IF ST_GeometryType(parsed) NOT IN ('ST_Polygon', 'ST_MultiPolygon') THEN
    problem_code := 'wrong_geometry_type';
    problem_message := format('an estate must be a Polygon or MultiPolygon, not a %s', substr(ST_GeometryType(parsed), 4));
    problem_detail := substr(ST_GeometryType(parsed), 4);
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
    problem_detail := max_vertices::text;
    RETURN;
  END IF;
  BEGIN
    -- ST_IsValidReason rather than ST_IsValid: one pass, and no NOTICE per invalid row.
    reason := ST_IsValidReason(parsed);
  EXCEPTION WHEN OTHERS THEN
    reason := SQLERRM;
  END;
  IF reason <> 'Valid Geometry' THEN
    problem_code := 'invalid_geometry';
    problem_message := 'the polygon is not valid: ' || reason;
    problem_detail := reason;
    RETURN;
  END IF;
  BEGIN
    area_m2 := ST_Area(ST_SetSRID(parsed, 4326)::geography);
  EXCEPTION WHEN OTHERS THEN
    -- e.g. "Antipodal (180 degrees long) edge detected!" for a ring around the whole world.
    problem_code := 'invalid_geometry';
    problem_message := 'PostGIS cannot measure the polygon on the spheroid: ' || SQLERRM;
    problem_detail := SQLERRM;
    RETURN;
  END;
  geom := ST_Multi(ST_Force2D(ST_SetSRID(parsed, 4326)));
END
$$;
