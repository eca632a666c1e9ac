/** An estate's origins for coverage: its gates when the ledger has any, else its boundary. */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { metresPerDegree } from './ellipsoid-distance.js';
import type { EstateOrigins } from './facility-index.js';

/**
 * Origins from an estate's geometry and its gate points.
 * @example estateOrigins(square, []).gates // null: measured from the boundary
 */
export function estateOrigins(geometry: Polygon | MultiPolygon, gates: readonly Position[]): EstateOrigins {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = polygons.flat().map((ring) => Float64Array.from(ring.flatMap((p) => [p[0] ?? 0, p[1] ?? 0])));
  const gateCoords = gates.length > 0 ? Float64Array.from(gates.flatMap((p) => [p[0] ?? 0, p[1] ?? 0])) : null;
  return { gates: gateCoords, rings, bbox: boundsOf(gateCoords ? [gateCoords] : rings) };
}

function boundsOf(lists: readonly Float64Array[]): [number, number, number, number] {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i += 2) {
      const lng = list[i]!;
      const lat = list[i + 1]!;
      if (lng < bbox[0]) bbox[0] = lng;
      if (lat < bbox[1]) bbox[1] = lat;
      if (lng > bbox[2]) bbox[2] = lng;
      if (lat > bbox[3]) bbox[3] = lat;
    }
  }
  return bbox;
}

/** Spacing of the points an estate without gates joins the walking network from, metres along its boundary. */
export const BOUNDARY_ORIGIN_SPACING_M = 25;

/**
 * The points an estate is walked from: its gates, else its boundary's vertices and points every
 * `spacingM` metres between them (a long side facing a street joins it along its length).
 * @example originPoints(estateOrigins(square, [])).length // about perimeter / 25 + 4
 */
export function originPoints(origins: EstateOrigins, spacingM = BOUNDARY_ORIGIN_SPACING_M): [number, number][] {
  const points: [number, number][] = [];
  if (origins.gates) {
    for (let i = 0; i + 1 < origins.gates.length; i += 2) points.push([origins.gates[i]!, origins.gates[i + 1]!]);
    return points;
  }
  const scale = metresPerDegree((origins.bbox[1] + origins.bbox[3]) / 2);
  for (const ring of origins.rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const [ax, ay, bx, by] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!];
      const steps = Math.max(1, Math.ceil(Math.hypot((bx - ax) * scale.x, (by - ay) * scale.y) / spacingM));
      for (let k = 0; k < steps; k++) points.push([ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps]);
    }
  }
  return points;
}
