/**
 * Geometry of an editing session: estate polygons split into parts for Terra Draw (which
 * edits single-ring Polygons) and joined again for the API, with live area and self-intersection.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { area, kinks, polygon as turfPolygon } from '@turf/turf';
import type { Parts } from './edit-history';

export interface SplitGeometry {
  parts: Parts;
  /** Inner rings were dropped: Terra Draw edits outer rings only. */
  hadHoles: boolean;
}

/** The outer ring of every polygon of an estate's geometry. */
export function partsOf(geometry: Polygon | MultiPolygon): SplitGeometry {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const parts: Position[][] = [];
  let hadHoles = false;
  for (const rings of polygons) {
    const [outer, ...holes] = rings;
    if (outer) parts.push(outer);
    if (holes.length > 0) hadHoles = true;
  }
  return { parts, hadHoles };
}

/** One part → Polygon, several → MultiPolygon (what POST/PATCH take); null without parts. */
export function geometryOf(parts: Parts): Polygon | MultiPolygon | null {
  const rings = parts.map((ring) => ring.map((p) => [p[0] ?? 0, p[1] ?? 0]));
  if (rings.length === 0) return null;
  if (rings.length === 1 && rings[0]) return { type: 'Polygon', coordinates: [rings[0]] };
  return { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
}

/** A ring closes on its first point and has at least three distinct corners. */
export function isUsableRing(ring: readonly Position[]): boolean {
  if (ring.length < 4) return false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
}

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

/** Where the outline of any part crosses itself ([lng, lat] of each crossing); empty when simple. */
export function selfIntersections(parts: Parts): Position[] {
  const points: Position[] = [];
  for (const ring of parts) {
    if (!isUsableRing(ring)) continue;
    const found = kinks(turfPolygon([ring.map((p) => [p[0] ?? 0, p[1] ?? 0])]));
    for (const f of found.features) points.push(f.geometry.coordinates);
  }
  return points;
}
