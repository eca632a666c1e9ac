/**
 * The geometry rules of estate writes and imports, run in PostGIS (the truth):
 * migrations 003/004 define `estate_geometry_check` (parse, type, emptiness, range, vertex count,
 * validity) and `estate_units` (administrative units from the polygon's location).
 */
import type { EstateOverlap } from '../../../core/contract/index.js';
import { GEOMETRY_PROBLEM_CODES, type GeometryProblemCode, type ProblemParams } from '../../../core/problems.js';
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

/** The geometry as text for `ST_GeomFromGeoJSON`; JSON null/undefined (no geometry) becomes SQL NULL. */
export function geometryText(geometry: unknown): string | null {
  if (geometry === null || geometry === undefined) return null;
  return JSON.stringify(geometry);
}

export type GeometryCheck = { ok: true } | { ok: false; code: GeometryProblemCode; message: string; params: ProblemParams };

export function isGeometryProblemCode(value: string): value is GeometryProblemCode {
  return (GEOMETRY_PROBLEM_CODES as readonly string[]).includes(value);
}

/** Runs the PostGIS geometry rules on one GeoJSON geometry. */
export async function checkGeometry(db: Queryable, geojson: string | null): Promise<GeometryCheck> {
  const [row] = await db.query<{ problem_code: string | null; problem_message: string | null; problem_detail: string | null }>(
    'SELECT problem_code, problem_message, problem_detail FROM estate_geometry_check($1, $2)',
    [geojson, MAX_ESTATE_VERTICES],
  );
  if (!row) throw new Error('estate_geometry_check returned no row');
  if (row.problem_code === null) return { ok: true };
  if (!isGeometryProblemCode(row.problem_code)) throw new Error(`unexpected geometry problem ${row.problem_code}`);
  return {
    ok: false,
    code: row.problem_code,
    message: row.problem_message ?? row.problem_code,
    params: geometryProblemParams(row.problem_code, row.problem_detail),
  };
}

/** A geometry PostGIS refuses (422), with PostGIS's own English wording kept as the message. */
export class GeometryRejectedError extends RejectedError {
  constructor(check: Extract<GeometryCheck, { ok: false }>) {
    super(check.code, check.params);
    this.message = check.message;
  }
}

/** Throws a GeometryRejectedError unless the geometry passes every rule. */
export async function assertGeometry(db: Queryable, geojson: string | null): Promise<void> {
  const check = await checkGeometry(db, geojson);
  if (!check.ok) throw new GeometryRejectedError(check);
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
