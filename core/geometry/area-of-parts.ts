/** Land area of an outline being drawn, shown live while editing. */
import { area, polygon as turfPolygon } from '@turf/turf';
import { isUsableRing, type Parts } from './polygon-parts.js';

/**
 * Geodesic area of all parts in m² (turf), the figure PostGIS will store as landAreaM2
 * (to within a fraction of a per cent).
 * @example areaOfPartsM2([[[0,0],[0.001,0],[0.001,0.001],[0,0.001],[0,0]]]) // ≈ 12 364
 */
export function areaOfPartsM2(parts: Parts): number {
  let total = 0;
  for (const ring of parts) {
    if (!isUsableRing(ring)) continue;
    total += area(turfPolygon([ring.map((p) => [p[0] ?? 0, p[1] ?? 0])]));
  }
  return total;
}
