/**
 * Grid frame (metres) → [lng, lat]: the one place where the demo city's local metres become
 * GeoJSON coordinates.
 */
import type { Position } from 'geojson';
import { uniform, type Rng } from './city-random.js';
import type { Point } from './plane-geometry.js';

export interface ProjectionOptions {
  /** Longitude where the grid frame's origin (the middle of the city) lands, degrees. */
  originLng: number;
  /** Latitude where the grid frame's origin lands, degrees. */
  originLat: number;
  /** Range of the grid's rotation (drawn once per city), degrees anticlockwise: the streets are slightly tilted. */
  rotationDeg: readonly [number, number];
}

export const DEFAULT_PROJECTION_OPTIONS: Readonly<ProjectionOptions> = { originLng: 109.41, originLat: 24.31, rotationDeg: [-10, -4] };

/** The city's projection, with a rotation drawn from `rng`. */
export function cityProjection(rng: Rng, options: ProjectionOptions = DEFAULT_PROJECTION_OPTIONS): (p: Point) => Position {
  const rotation = (uniform(rng, options.rotationDeg[0], options.rotationDeg[1]) * Math.PI) / 180;
  return makeProjection(rotation, options);
}

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/**
 * Grid frame (metres) → [lng, lat], rounded to 7 decimals: a rotation and an equirectangular
 * projection with the ellipsoid's radii of curvature at the origin, so that areas match
 * PostGIS geography within a fraction of a percent. Affine, hence it keeps polygons valid and
 * apart.
 */
export function makeProjection(rotationRad: number, options: ProjectionOptions = DEFAULT_PROJECTION_OPTIONS): (p: Point) => Position {
  const { originLng, originLat } = options;
  const a = 6378137;
  const e2 = 0.00669437999014;
  const phi = (originLat * Math.PI) / 180;
  const w = 1 - e2 * Math.sin(phi) ** 2;
  const metresPerDegLat = ((Math.PI / 180) * a * (1 - e2)) / w ** 1.5;
  const metresPerDegLng = ((Math.PI / 180) * a * Math.cos(phi)) / Math.sqrt(w);
  const c = Math.cos(rotationRad);
  const s = Math.sin(rotationRad);
  return (p) => {
    const x = p[0] * c - p[1] * s;
    const y = p[0] * s + p[1] * c;
    return [round7(originLng + x / metresPerDegLng), round7(originLat + y / metresPerDegLat)];
  };
}

/** A ring of the grid frame as a closed GeoJSON ring (first position repeated at the end). */
export function closedRing(ring: readonly Point[], project: (p: Point) => Position): Position[] {
  const coords = ring.map(project);
  coords.push((coords[0] as Position).slice());
  return coords;
}
