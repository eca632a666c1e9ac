/**
 * Area of a polygon on the WGS84 ellipsoid, in m², as PostGIS computes `ST_Area(geom::geography)`
 * (both use Karney's geodesic polygon area, geographiclib, MIT). Turf's spherical `area` differs
 * from PostGIS by about 0.2 % at 24° N, which a planner sees as a mismatch between the editor
 * and the saved ledger.
 */
import geographiclib from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

// A CommonJS package: its named exports come through the default import in Node and Vite alike.
const WGS84 = geographiclib.Geodesic.WGS84;

/** Unsigned area of one ring (closed or not), m². */
function ringAreaM2(ring: readonly Position[]): number {
  const polygon = WGS84.Polygon(false);
  const last =
    ring.length > 1 && ring[0]?.[0] === ring[ring.length - 1]?.[0] && ring[0]?.[1] === ring[ring.length - 1]?.[1]
      ? ring.length - 1
      : ring.length;
  for (let i = 0; i < last; i++) {
    const [lng = 0, lat = 0] = ring[i] ?? [];
    polygon.AddPoint(lat, lng);
  }
  // sign=true gives a signed area (counter-clockwise positive) whose magnitude is right either way
  // round; sign=false would answer the rest of the Earth for a clockwise ring.
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/**
 * Ellipsoidal area of a Polygon or MultiPolygon in m², holes subtracted.
 * @example geodesicAreaM2({ type: 'Polygon', coordinates: [[[109.41, 24.31], [109.411, 24.31], [109.411, 24.311], [109.41, 24.31]]] }) // ≈ 5 621.57, as PostGIS
 */
export function geodesicAreaM2(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      total += k === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  }
  return total;
}
