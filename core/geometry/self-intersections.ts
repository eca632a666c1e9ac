/** Self-intersections of an outline, which PostGIS would refuse as an invalid polygon. */
import type { Position } from 'geojson';
import { kinks, polygon as turfPolygon } from '@turf/turf';
import { isUsableRing, type Parts } from './polygon-parts.js';

/**
 * Where the outline of any part crosses itself ([lng, lat] of each crossing); empty when simple.
 * @example selfIntersections([bowTie]) // [[109.4105, 24.3105]]
 */
export function selfIntersections(parts: Parts): Position[] {
  const points: Position[] = [];
  for (const ring of parts) {
    if (!isUsableRing(ring)) continue;
    const found = kinks(turfPolygon([ring.map((p) => [p[0] ?? 0, p[1] ?? 0])]));
    for (const f of found.features) points.push(f.geometry.coordinates);
  }
  return points;
}
