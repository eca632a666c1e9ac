/** Land area of an outline being drawn, shown live while editing. */
import { geodesicAreaM2 } from './geodesic-area.js';
import { isUsableRing, type Parts } from './polygon-parts.js';

/**
 * Ellipsoidal area of all parts in m², the figure PostGIS will store as landAreaM2
 * (`ST_Area(geography)`; tests/api/geodesic-area.api.test.ts checks the two agree within 0.1 %).
 * @example areaOfPartsM2([[[109.41, 24.31], [109.411, 24.31], [109.411, 24.311], [109.41, 24.31]]]) // ≈ 5 621.57
 */
export function areaOfPartsM2(parts: Parts): number {
  let total = 0;
  for (const ring of parts) {
    if (!isUsableRing(ring)) continue;
    total += geodesicAreaM2({ type: 'Polygon', coordinates: [ring.map((p) => [p[0] ?? 0, p[1] ?? 0])] });
  }
  return total;
}
