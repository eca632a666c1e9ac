/**
 * The geometry rules of estate writes and imports, one implementation for both: the shape rules
 * in TypeScript first (core/geometry/estate-geometry.ts: numbers, range, closed rings, WGS84),
 * so nothing PostGIS would misread or throw on reaches it; then PostGIS (the truth): migrations
 * 003/004/006 define `estate_geometry_check` (parse, type, emptiness, range, vertex count,
 * validity, area on the spheroid) and `estate_units` (administrative units from the location);
 * last the area bounds (core/geometry/estate-area.ts).
 */
import type { EstateOverlap } from '../../../core/contract/index.js';
import { estateAreaProblem, type EstateAreaBounds } from '../../../core/geometry/estate-area.js';
import { checkEstateGeometry } from '../../../core/geometry/estate-geometry.js';
import { GEOMETRY_PROBLEM_CODES, problemMessage, type GeometryProblemCode, type ProblemParams } from '../../../core/problems.js';
import type { Queryable } from '../../db/index.js';
import { ConflictError, RejectedError } from '../../domain-errors.js';

/** More vertices than this (ST_NPoints, closing points included) are refused. */
export const MAX_ESTATE_VERTICES = 10_000;
/** Overlaps up to this area are digitising noise along shared boundaries, not conflicts. */
export const MAX_OVERLAP_M2 = 1;
/** An estate with the same name this close to an existing one is taken for a duplicate. */
export const DUPLICATE_DISTANCE_M = 50;

/** The params of a geometry problem from the check's detail column (reason, type or vertex limit). */
export function geometryProblemParams(code: GeometryProblemCode, detail: string | null): ProblemParams {
  // PostGIS writes the crossing at full precision (Self-intersection[109.413500000148 …]); 6 decimals are 0.1 m.
  if (code === 'invalid_geometry') return { reason: (detail ?? '').replace(/(\d+\.\d{6})\d+/gu, '$1') };
  if (code === 'wrong_geometry_type') return { type: detail ?? '' };
  if (code === 'too_many_vertices') return { maximum: MAX_ESTATE_VERTICES };
  return {};
}

/** A list of overlapped estates for a message: `name (id 3, 12.5 m²), …`. */
export function overlapList(overlaps: readonly EstateOverlap[]): string {
  return overlaps.map((o) => `${o.name} (id ${o.id}, ${o.overlapM2.toFixed(1)} m²)`).join(', ');
}

export type GeometryProblem = { ok: false; code: GeometryProblemCode; message: string; params: ProblemParams };
export type GeometryCheck = { ok: true } | GeometryProblem;

/**
 * The shape rules (before PostGIS): the geometry as clean GeoJSON text for `ST_GeomFromGeoJSON`
 * (only `type` and numbers, so no hostile string reaches SQL), or its problem.
 */
export function geometryShape(geometry: unknown, featureCrs?: unknown): { ok: true; geojson: string } | GeometryProblem {
  const shape = checkEstateGeometry(geometry, featureCrs);
  if (!shape.ok) return { ok: false, code: shape.code, params: shape.params, message: problemMessage(shape.code, shape.params, 'en') };
  return { ok: true, geojson: JSON.stringify(shape.value) };
}

/** The area rule on PostGIS's measure of a valid polygon. */
export function areaCheck(areaM2: number, bounds: Readonly<EstateAreaBounds>): GeometryCheck {
  const found = estateAreaProblem(areaM2, bounds);
  if (!found) return { ok: true };
  return { ok: false, code: found.code, params: found.params, message: problemMessage(found.code, found.params, 'en') };
}

export function isGeometryProblemCode(value: string): value is GeometryProblemCode {
  return (GEOMETRY_PROBLEM_CODES as readonly string[]).includes(value);
}

/** Runs the PostGIS geometry rules and the area bounds on one GeoJSON geometry that passed `geometryShape`. */
async function checkGeometry(db: Queryable, geojson: string, bounds: Readonly<EstateAreaBounds>): Promise<GeometryCheck> {
  const [row] = await db.query<{
    problem_code: string | null;
    problem_message: string | null;
    problem_detail: string | null;
    area_m2: number | null;
  }>('SELECT problem_code, problem_message, problem_detail, area_m2 FROM estate_geometry_check($1, $2)', [geojson, MAX_ESTATE_VERTICES]);
  if (!row) throw new Error('estate_geometry_check returned no row');
  if (row.problem_code === null) return areaCheck(row.area_m2 ?? Number.NaN, bounds);
  if (!isGeometryProblemCode(row.problem_code)) throw new Error(`unexpected geometry problem ${row.problem_code}`);
  return {
    ok: false,
    code: row.problem_code,
    message: row.problem_message ?? row.problem_code,
    params: geometryProblemParams(row.problem_code, row.problem_detail),
  };
}

/** A geometry the rules refuse (422), with PostGIS's own English wording kept as the message where it gave one. */
export class GeometryRejectedError extends RejectedError {
  constructor(check: GeometryProblem) {
    super(check.code, check.params);
    this.message = check.message;
  }
}

/**
 * Throws a GeometryRejectedError unless the geometry passes every rule (shape, PostGIS, area);
 * answers it as clean GeoJSON text for `storedGeometrySql`.
 */
export async function assertGeometry(
  db: Queryable,
  geometry: unknown,
  bounds: Readonly<EstateAreaBounds>,
  featureCrs?: unknown,
): Promise<string> {
  const shape = geometryShape(geometry, featureCrs);
  if (!shape.ok) throw new GeometryRejectedError(shape);
  const check = await checkGeometry(db, shape.geojson, bounds);
  if (!check.ok) throw new GeometryRejectedError(check);
  return shape.geojson;
}

/** An overlap with stored estates (409); details.overlaps names them. */
export class OverlapError extends ConflictError {
  constructor(overlaps: EstateOverlap[]) {
    super('overlap', { list: overlapList(overlaps) }, { overlaps });
    this.message = `the polygon overlaps ${overlaps.length === 1 ? 'estate' : 'estates'} ${overlapList(overlaps)}`;
  }
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
