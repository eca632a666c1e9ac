/**
 * Whether an estate's land area is plausible: a sliver of a few square millimetres or a polygon
 * the size of a province is a digitising or projection error, not an estate. The bounds are
 * configuration (ESTATE_MIN_AREA_M2, ESTATE_MAX_AREA_M2); the area is PostGIS's, on the spheroid.
 */
import type { ProblemParams } from '../problems.js';

export interface EstateAreaBounds {
  /** Smaller estates are refused (default 20 m²: less than one small building). */
  minM2: number;
  /** Larger estates are refused (default 5 km²: larger than the largest Chinese estates). */
  maxM2: number;
}

export const DEFAULT_ESTATE_AREA_BOUNDS: Readonly<EstateAreaBounds> = { minM2: 20, maxM2: 5_000_000 };

export type EstateAreaProblem = { code: 'area_too_small' | 'area_too_large'; params: ProblemParams };

/**
 * The problem with an area in m², or null when it lies within the bounds (inclusive).
 * @example estateAreaProblem(0.00001, { minM2: 20, maxM2: 5e6 }) // { code: 'area_too_small', params: { areaM2: 0.00001, minimumM2: 20 } }
 */
export function estateAreaProblem(areaM2: number, bounds: Readonly<EstateAreaBounds>): EstateAreaProblem | null {
  // Two decimals (1 cm²) above 1 m², significant digits below it, so a sliver never reads as "0 m²".
  const shownM2 = areaM2 >= 1 ? Math.round(areaM2 * 100) / 100 : Number(areaM2.toPrecision(3));
  if (!(areaM2 >= bounds.minM2)) return { code: 'area_too_small', params: { areaM2: shownM2, minimumM2: bounds.minM2 } };
  if (areaM2 > bounds.maxM2) return { code: 'area_too_large', params: { areaM2: shownM2, maximumM2: bounds.maxM2 } };
  return null;
}
