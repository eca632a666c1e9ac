/**
 * The shape rules of an estate's geometry, checked before anything reaches PostGIS (which would
 * read `null` as 0, coerce "109.4" and true, or throw on an unclosed ring): a Polygon or
 * MultiPolygon whose positions are 2 or 3 finite numbers within longitude/latitude, rings of at
 * least 4 positions that end where they start, in WGS84. Validity, vertex count and area are
 * PostGIS's (server/features/estates/geometry-checks.ts).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { isRecord } from '../checks.js';
import type { GeometryProblemCode, ProblemParams } from '../problems.js';
import { unsupportedCrs } from './geojson-crs.js';

/** A triangle plus its closing position. */
export const MIN_RING_POSITIONS = 4;

export type EstateGeometryCheck =
  { ok: true; value: Polygon | MultiPolygon } | { ok: false; code: GeometryProblemCode; params: ProblemParams };

/** Thrown inside the walk to stop at the first problem; never leaves this module. */
class Refusal {
  constructor(
    readonly code: GeometryProblemCode,
    readonly params: ProblemParams,
  ) {}
}

/** A short, safe rendering of a bad value for a message. */
function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  const clean = text.replace(/[^\x20-\x7E]/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function position(value: unknown, path: string): Position {
  const isNumbers =
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n): n is number => typeof n === 'number' && Number.isFinite(n));
  if (!isNumbers) throw new Refusal('invalid_coordinates', { path, value: shown(value) });
  const [lng = NaN, lat = NaN] = value;
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) throw new Refusal('coordinates_out_of_range', { path, value: shown(value) });
  return [...value];
}

function ring(value: unknown, path: string): Position[] {
  if (!Array.isArray(value)) throw new Refusal('invalid_geometry', { reason: `${path} is not an array of positions` });
  const positions = value.map((p, k) => position(p, `${path}[${k}]`));
  if (positions.length < MIN_RING_POSITIONS) {
    throw new Refusal('invalid_geometry', {
      reason: `${path} has ${positions.length} positions; a ring needs at least ${MIN_RING_POSITIONS}`,
    });
  }
  const first = positions[0] ?? [];
  const last = positions[positions.length - 1] ?? [];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new Refusal('unclosed_ring', { path });
  return positions;
}

function polygon(value: unknown, path: string): Position[][] {
  if (!Array.isArray(value)) throw new Refusal('invalid_geometry', { reason: `${path} is not an array of rings` });
  if (value.length === 0) throw new Refusal('empty_geometry', {});
  return value.map((r, k) => ring(r, `${path}[${k}]`));
}

/**
 * Checks an estate geometry as it arrives (`unknown`), and an enclosing Feature's `crs` member if
 * given; answers a clean copy that holds only `type` and the numbers (no `crs`, `bbox` or other
 * members), or the first problem.
 * @example checkEstateGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, null]]] }) // { ok: false, code: 'invalid_coordinates', … }
 */
export function checkEstateGeometry(geometry: unknown, featureCrs?: unknown): EstateGeometryCheck {
  try {
    const crs = unsupportedCrs(featureCrs) ?? (isRecord(geometry) ? unsupportedCrs(geometry.crs) : null);
    if (crs !== null) throw new Refusal('unsupported_crs', { crs });
    if (geometry === null || geometry === undefined) throw new Refusal('empty_geometry', {});
    if (!isRecord(geometry) || typeof geometry.type !== 'string') {
      throw new Refusal('invalid_geometry', { reason: 'not a GeoJSON geometry (an object with a "type")' });
    }
    if (geometry.type === 'Polygon')
      return { ok: true, value: { type: 'Polygon', coordinates: polygon(geometry.coordinates, 'coordinates') } };
    if (geometry.type === 'MultiPolygon') {
      const parts = geometry.coordinates;
      if (!Array.isArray(parts)) throw new Refusal('invalid_geometry', { reason: 'coordinates is not an array of polygons' });
      if (parts.length === 0) throw new Refusal('empty_geometry', {});
      return { ok: true, value: { type: 'MultiPolygon', coordinates: parts.map((p, k) => polygon(p, `coordinates[${k}]`)) } };
    }
    throw new Refusal('wrong_geometry_type', { type: shown(geometry.type).replace(/^"|"$/gu, '') });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, params: error.params };
    throw error;
  }
}
