/**
 * Short distances on the WGS84 ellipsoid without a projection: around a point the ellipsoid is a
 * plane scaled by its radii of curvature (meridional M, prime vertical N). Taken at the middle
 * latitude of the two ends, the error is of order (d / R)²: under 0.01 % up to 60 km, at any
 * latitude, in any UTM zone — what PostGIS's spheroidal `ST_Distance(geography)` gives.
 */

const WGS84_A_M = 6_378_137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const RAD = Math.PI / 180;

/** Metres per degree of longitude (`x`) and of latitude (`y`) at a latitude. */
export interface DegreeScale {
  x: number;
  y: number;
}

/**
 * Metres per degree of longitude and latitude at `latDeg`.
 * @example metresPerDegree(0) // { x: 111319.49…, y: 110574.27… }
 */
export function metresPerDegree(latDeg: number): DegreeScale {
  const sinLat = Math.sin(latDeg * RAD);
  const w = 1 - WGS84_E2 * sinLat * sinLat;
  const primeVerticalM = WGS84_A_M / Math.sqrt(w);
  const meridionalM = (WGS84_A_M * (1 - WGS84_E2)) / (w * Math.sqrt(w));
  return { x: primeVerticalM * Math.cos(latDeg * RAD) * RAD, y: meridionalM * RAD };
}

/** The fewest metres a degree of latitude spans anywhere (at the equator): windows sized with it are never short. */
export const MIN_METRES_PER_DEGREE_LAT = metresPerDegree(0).y;

/**
 * `[minLng, minLat, maxLng, maxLat]` grown by `radiusM` on every side, never short: the degree
 * widths are taken where a degree is narrowest (the equator for latitude, the edge farther from
 * it for longitude), so every point within `radiusM` of the box lies inside the result.
 * @example bboxAroundM([109.41, 24.31, 109.41, 24.31], 1000) // ≈ [109.4001, 24.3010, 109.4199, 24.3190]
 */
export function bboxAroundM(
  [minLng, minLat, maxLng, maxLat]: readonly [number, number, number, number],
  radiusM: number,
): [number, number, number, number] {
  const dLat = radiusM / MIN_METRES_PER_DEGREE_LAT;
  const farthestLat = Math.min(89.9, Math.max(Math.abs(minLat - dLat), Math.abs(maxLat + dLat)));
  const dLng = radiusM / metresPerDegree(farthestLat).x;
  return [minLng - dLng, minLat - dLat, maxLng + dLng, maxLat + dLat];
}

/**
 * Distance in metres between two [lng, lat] points a few tens of kilometres apart at most.
 * @example pointDistanceM(109.41, 24.31, 109.42, 24.31) // ≈ 1014.7
 */
export function pointDistanceM(lngA: number, latA: number, lngB: number, latB: number): number {
  const scale = metresPerDegree((latA + latB) / 2);
  return Math.hypot((lngB - lngA) * scale.x, (latB - latA) * scale.y);
}

/**
 * Distance in metres from a point to polygon rings (`[lng, lat, lng, lat, …]`, closed), measured
 * in a plane scaled at `scale`; 0 when the point is inside (even–odd over all rings, so holes and
 * several parts count as PostGIS counts them).
 */
export function pointToRingsDistanceM(lng: number, lat: number, rings: readonly Float64Array[], scale: DegreeScale): number {
  let bestSq = Infinity;
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0; i + 3 < n; i += 2) {
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[i + 2]!;
      const by = ring[i + 3]!;
      if (ay > lat !== by > lat && lng < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
      const dSq = segmentDistanceSq((ax - lng) * scale.x, (ay - lat) * scale.y, (bx - lng) * scale.x, (by - lat) * scale.y);
      if (dSq < bestSq) bestSq = dSq;
    }
  }
  return inside ? 0 : Math.sqrt(bestSq);
}

/** Squared distance from the origin to segment a–b. */
function segmentDistanceSq(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq > 0 ? -(ax * dx + ay * dy) / lengthSq : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = ax + t * dx;
  const y = ay + t * dy;
  return x * x + y * y;
}

/** Whether [lng, lat] lies inside polygon rings (even–odd over all rings: holes and parts as PostGIS counts them). */
export function insideRings(lng: number, lat: number, rings: readonly Float64Array[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[i + 2]!;
      const by = ring[i + 3]!;
      if (ay > lat !== by > lat && lng < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}
