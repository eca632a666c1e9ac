/**
 * The geometry rules of estate writes and imports, run in PostGIS (the truth):
 * migration 003 defines `estate_geometry_check` (parse, type, emptiness, range, vertex count,
 * validity) and `estate_units` (administrative units from the polygon's location).
 */
import type { Queryable } from '../db/index.js';
import { HttpError } from '../errors.js';

/** More vertices than this (ST_NPoints, closing points included) are refused. */
export const MAX_ESTATE_VERTICES = 10_000;
/** Overlaps up to this area are digitising noise along shared boundaries, not conflicts. */
export const MAX_OVERLAP_M2 = 1;
/** An estate with the same name this close to an existing one is taken for a duplicate. */
export const DUPLICATE_DISTANCE_M = 50;

export const GEOMETRY_PROBLEM_CODES = [
  'invalid_geometry',
  'wrong_geometry_type',
  'empty_geometry',
  'coordinates_out_of_range',
  'too_many_vertices',
] as const;
export type GeometryProblemCode = (typeof GEOMETRY_PROBLEM_CODES)[number];

/** 422 for a geometry PostGIS refuses; `code` is the specific problem. */
export class GeometryError extends HttpError {
  constructor(code: GeometryProblemCode, message: string) {
    super(422, code, message);
  }
}

export interface EstateOverlap {
  id: number;
  name: string;
  overlapM2: number;
}

/** 409 for an overlap with stored estates; details.overlaps names them. */
export class OverlapError extends HttpError {
  constructor(overlaps: EstateOverlap[]) {
    const list = overlaps.map((o) => `${o.name} (id ${o.id}, ${o.overlapM2.toFixed(1)} m²)`).join(', ');
    super(409, 'overlap', `the polygon overlaps ${overlaps.length === 1 ? 'estate' : 'estates'} ${list}`, { overlaps });
  }
}

/** The geometry as text for `ST_GeomFromGeoJSON`; JSON null/undefined (no geometry) becomes SQL NULL. */
export function geometryText(geometry: unknown): string | null {
  if (geometry === null || geometry === undefined) return null;
  return JSON.stringify(geometry);
}

export type GeometryCheck = { ok: true } | { ok: false; code: GeometryProblemCode; message: string };

function isGeometryProblemCode(value: string): value is GeometryProblemCode {
  return (GEOMETRY_PROBLEM_CODES as readonly string[]).includes(value);
}

/** Runs the PostGIS geometry rules on one GeoJSON geometry. */
export async function checkGeometry(db: Queryable, geojson: string | null): Promise<GeometryCheck> {
  const [row] = await db.query<{ problem_code: string | null; problem_message: string | null }>(
    'SELECT problem_code, problem_message FROM estate_geometry_check($1, $2)',
    [geojson, MAX_ESTATE_VERTICES],
  );
  if (!row) throw new Error('estate_geometry_check returned no row');
  if (row.problem_code === null) return { ok: true };
  if (!isGeometryProblemCode(row.problem_code)) throw new Error(`unexpected geometry problem ${row.problem_code}`);
  return { ok: false, code: row.problem_code, message: row.problem_message ?? row.problem_code };
}

/** Throws a 422 GeometryError unless the geometry passes every rule. */
export async function assertGeometry(db: Queryable, geojson: string | null): Promise<void> {
  const check = await checkGeometry(db, geojson);
  if (!check.ok) throw new GeometryError(check.code, check.message);
}

/**
 * SQL for a checked geometry given as GeoJSON text in parameter `$n`, normalised as stored
 * (2D MultiPolygon, SRID 4326). Only use it after `assertGeometry` passed.
 */
export function storedGeometrySql(n: number): string {
  return `ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($${n}), 4326)))`;
}

/** Stored estates (other than `exceptId`) that a checked geometry overlaps by more than MAX_OVERLAP_M2. */
export async function findOverlaps(db: Queryable, geojson: string, exceptId: number | null): Promise<EstateOverlap[]> {
  const rows = await db.query<{ id: number; name: string; overlap_m2: number }>(
    `WITH g AS (SELECT ${storedGeometrySql(1)} AS geom)
     SELECT id, name, overlap_m2 FROM (
       SELECT e.id, e.name, ST_Area(ST_Intersection(e.geom, g.geom)::geography) AS overlap_m2
       FROM estates e, g
       WHERE ST_Intersects(e.geom, g.geom) AND e.id IS DISTINCT FROM $2
     ) o
     WHERE overlap_m2 > $3
     ORDER BY overlap_m2 DESC, id`,
    [geojson, exceptId, MAX_OVERLAP_M2],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, overlapM2: Math.round(row.overlap_m2 * 10) / 10 }));
}
