/**
 * Estate polygons split into parts (one outer ring per polygon, as Terra Draw edits them) and
 * joined again into the Polygon or MultiPolygon the API takes.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The parts of an estate being edited: each an outer ring (closed, [lng, lat]) of one polygon. */
export type Parts = readonly (readonly Position[])[];

export interface SplitGeometry {
  parts: Parts;
  /** Inner rings were dropped: Terra Draw edits outer rings only. */
  hadHoles: boolean;
}

/**
 * The outer ring of every polygon of an estate's geometry.
 * @example partsOf({ type: 'Polygon', coordinates: [ring] }) // { parts: [ring], hadHoles: false }
 */
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

/**
 * One part → Polygon, several → MultiPolygon (what POST/PATCH take); null without parts.
 * @example geometryOf([ring]) // { type: 'Polygon', coordinates: [ring] }
 */
export function geometryOf(parts: Parts): Polygon | MultiPolygon | null {
  const rings = parts.map((ring) => ring.map((p) => [p[0] ?? 0, p[1] ?? 0]));
  if (rings.length === 0) return null;
  if (rings.length === 1 && rings[0]) return { type: 'Polygon', coordinates: [rings[0]] };
  return { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
}

/**
 * A ring closes on its first point and has at least three distinct corners.
 * @example isUsableRing([[0, 0], [1, 0], [1, 1], [0, 0]]) // true
 */
export function isUsableRing(ring: readonly Position[]): boolean {
  if (ring.length < 4) return false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
}

/**
 * The vertices a planner has clicked of a polygon still being drawn, closed: Terra Draw keeps the
 * sketch as `[...clicked, cursor, first]`, and the rubber band to the cursor is not yet part of the
 * outline (checking it warned of self-intersections while drawing a plain rectangle).
 * @example committedSketchRing([a, b, c, cursor, a]) // [a, b, c, a]
 */
export function committedSketchRing(sketch: readonly Position[]): Position[] {
  if (sketch.length < 3) return [...sketch];
  return [...sketch.slice(0, -2), sketch[sketch.length - 1] ?? []];
}
