/**
 * Snapping a drawn vertex to the vertices and edges of neighbouring estates, so shared
 * boundaries line up without slivers. Pure: the caller passes the map projection in.
 *
 * The candidates are found with a bounding-box filter over the estates (a flat array scan:
 * a few thousand boxes per pointer move cost microseconds), then measured in screen pixels,
 * where the tolerance is meant. A snapped edge point is interpolated in lng/lat so it lies
 * exactly on the neighbour's stored edge.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLat, PixelPoint } from './lng-lat.js';
import { ringBbox } from './bbox.js';

export interface SnapSource {
  id: number;
  geometry: Polygon | MultiPolygon;
}

interface IndexedRing {
  estateId: number;
  ring: readonly Position[];
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}

export interface SnapIndex {
  readonly rings: readonly IndexedRing[];
}

export interface SnapOptions {
  /** How close (CSS pixels) the pointer must be to a vertex or edge to snap to it. */
  tolerancePx: number;
  /** Estates not to snap to (the one being edited). */
  excludeIds?: ReadonlySet<number>;
}

export const DEFAULT_SNAP_OPTIONS: SnapOptions = { tolerancePx: 10 };

export interface SnapResult {
  position: LngLat;
  kind: 'vertex' | 'edge';
  estateId: number;
  distancePx: number;
}

export interface Projection {
  project(lngLat: LngLat): PixelPoint;
  unproject(point: PixelPoint): LngLat;
}

/**
 * Every ring (outer and inner) of every estate, with its bounding box.
 * @example buildSnapIndex([{ id: 1, geometry: square }]).rings.length // 1
 */
export function buildSnapIndex(sources: readonly SnapSource[]): SnapIndex {
  const rings: IndexedRing[] = [];
  for (const source of sources) {
    const polygons = source.geometry.type === 'Polygon' ? [source.geometry.coordinates] : source.geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        if (ring.length >= 2) rings.push({ estateId: source.id, ring, bbox: ringBbox(ring) });
      }
    }
  }
  return { rings };
}

/**
 * Parameter t ∈ [0, 1] of the point of segment ab nearest to p (all in pixels).
 * @example nearestOnSegment([5, 3], [0, 0], [10, 0]) // 0.5
 */
export function nearestOnSegment(p: PixelPoint, a: PixelPoint, b: PixelPoint): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  if (lengthSq === 0) return 0;
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq;
  return Math.min(1, Math.max(0, t));
}

function distance(a: PixelPoint, b: PixelPoint): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * The vertex or edge point of a neighbouring estate nearest to the pointer within the
 * tolerance; a vertex wins over an edge point whenever one is in reach, so corners line up.
 * @example snapToEstates(index, [412, 300], map, { tolerancePx: 10 }) // { kind: 'vertex', position: [109.41, 24.31], … }
 */
export function snapToEstates(
  index: SnapIndex,
  pointerPx: PixelPoint,
  projection: Projection,
  options: SnapOptions = DEFAULT_SNAP_OPTIONS,
): SnapResult | null {
  const tol = options.tolerancePx;
  // Search box in lng/lat: the unprojected corners of the tolerance square (y grows downwards).
  const [west, north] = projection.unproject([pointerPx[0] - tol, pointerPx[1] - tol]);
  const [east, south] = projection.unproject([pointerPx[0] + tol, pointerPx[1] + tol]);
  const minLng = Math.min(west, east);
  const maxLng = Math.max(west, east);
  const minLat = Math.min(north, south);
  const maxLat = Math.max(north, south);

  let bestVertex: SnapResult | null = null;
  let bestEdge: SnapResult | null = null;
  for (const { estateId, ring, bbox } of index.rings) {
    if (options.excludeIds?.has(estateId)) continue;
    if (bbox[0] > maxLng || bbox[2] < minLng || bbox[1] > maxLat || bbox[3] < minLat) continue;
    let previous: { lngLat: LngLat; px: PixelPoint } | null = null;
    for (const [lng = 0, lat = 0] of ring) {
      const lngLat: LngLat = [lng, lat];
      const px = projection.project(lngLat);
      const d = distance(px, pointerPx);
      if (d <= tol && (!bestVertex || d < bestVertex.distancePx)) {
        bestVertex = { position: lngLat, kind: 'vertex', estateId, distancePx: d };
      }
      if (previous) {
        const t = nearestOnSegment(pointerPx, previous.px, px);
        const onEdgePx: PixelPoint = [previous.px[0] + t * (px[0] - previous.px[0]), previous.px[1] + t * (px[1] - previous.px[1])];
        const de = distance(onEdgePx, pointerPx);
        if (de <= tol && (!bestEdge || de < bestEdge.distancePx)) {
          const position: LngLat = [
            previous.lngLat[0] + t * (lng - previous.lngLat[0]),
            previous.lngLat[1] + t * (lat - previous.lngLat[1]),
          ];
          bestEdge = { position, kind: 'edge', estateId, distancePx: de };
        }
      }
      previous = { lngLat, px };
    }
  }
  return bestVertex ?? bestEdge;
}
