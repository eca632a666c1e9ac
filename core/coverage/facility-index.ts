/**
 * Facilities of each type in a flatbush index over [lng, lat], and the nearest one to an estate's
 * origins. The search grows a window round the origins until the best distance found lies inside
 * it: nothing outside a window of r metres can be nearer than r, so the answer is exact however
 * far the nearest facility is.
 */
import Flatbush from 'flatbush';
import { bboxAroundM, metresPerDegree, pointDistanceM, pointToRingsDistanceM } from './ellipsoid-distance.js';

export interface FacilityPoint {
  type: string;
  lng: number;
  lat: number;
}

interface TypeIndex {
  index: Flatbush;
  /** lng, lat of the indexed facilities, in index order. */
  coords: Float64Array;
  /** The facilities' positions in the input, in index order. */
  inputIndex: Int32Array;
}

/** Per-type indexes of a facility list; `facilityIndex(list).nearest(...)` answers per type. */
export interface FacilityIndex {
  types: ReadonlyMap<string, TypeIndex>;
}

/**
 * Builds one index per facility type.
 * @example facilityIndex([{ type: 'kindergarten', lng: 109.41, lat: 24.31 }]).types.size // 1
 */
export function facilityIndex(facilities: readonly FacilityPoint[]): FacilityIndex {
  const positionsByType = new Map<string, number[]>();
  facilities.forEach((f, i) => {
    let list = positionsByType.get(f.type);
    if (!list) positionsByType.set(f.type, (list = []));
    list.push(i);
  });
  const types = new Map<string, TypeIndex>();
  for (const [type, positions] of positionsByType) {
    const index = new Flatbush(positions.length, 16, Float64Array);
    const coords = new Float64Array(positions.length * 2);
    positions.forEach((p, i) => {
      const f = facilities[p]!;
      index.add(f.lng, f.lat);
      coords[2 * i] = f.lng;
      coords[2 * i + 1] = f.lat;
    });
    index.finish();
    types.set(type, { index, coords, inputIndex: Int32Array.from(positions) });
  }
  return { types };
}

/** Where an estate's distances are measured from. */
export interface EstateOrigins {
  /** Gate points [lng, lat, lng, lat, …], or null to measure from the boundary. */
  gates: Float64Array | null;
  /** The boundary's rings [lng, lat, …] (closed), every part and hole. */
  rings: readonly Float64Array[];
  /** Bounding box of the origins: the gates when there are any, else the boundary. */
  bbox: readonly [number, number, number, number];
}

/**
 * How far the search for a nearest facility goes: far beyond any life circle, and within the
 * reach of the local ellipsoid plane (ellipsoid-distance.ts). Farther, a type counts as absent.
 */
export const MAX_SEARCH_M = 50_000;

export interface NearestFacility {
  distanceM: number;
  /** Position of the facility in the list the index was built from. */
  facility: number;
}

/**
 * The nearest facility of `type` to `origins`, null when there is none within MAX_SEARCH_M.
 * `startRadiusM` is the first window (the type's radius: most answers lie within it).
 */
export function nearestFacility(
  facilities: FacilityIndex,
  type: string,
  origins: EstateOrigins,
  startRadiusM: number,
): NearestFacility | null {
  const typeIndex = facilities.types.get(type);
  if (!typeIndex) return null;
  const { index, coords, inputIndex } = typeIndex;
  let best = Infinity;
  let bestAt = -1;
  const seen = new Set<number>();
  for (let radiusM = Math.min(Math.max(startRadiusM, 1), MAX_SEARCH_M); ; radiusM = Math.min(radiusM * 3, MAX_SEARCH_M)) {
    const window = bboxAroundM(origins.bbox, radiusM);
    for (const i of index.search(...window)) {
      if (seen.has(i)) continue;
      seen.add(i);
      const d = originDistanceM(origins, coords[2 * i]!, coords[2 * i + 1]!);
      if (d < best) [best, bestAt] = [d, i];
    }
    const coversAll = window[0] <= index.minX && window[1] <= index.minY && window[2] >= index.maxX && window[3] >= index.maxY;
    if (best <= radiusM || coversAll || radiusM === MAX_SEARCH_M) break;
  }
  return bestAt < 0 || best > MAX_SEARCH_M ? null : { distanceM: best, facility: inputIndex[bestAt]! };
}

/** Distance from the origins (the nearest gate, else the boundary — 0 inside) to a point. */
export function originDistanceM(origins: EstateOrigins, lng: number, lat: number): number {
  const gates = origins.gates;
  if (gates) {
    let best = Infinity;
    for (let g = 0; g + 1 < gates.length; g += 2) best = Math.min(best, pointDistanceM(gates[g]!, gates[g + 1]!, lng, lat));
    return best;
  }
  // Scale at the middle latitude between estate and facility: the error stays of order (d / R)².
  const midLat = (lat + (origins.bbox[1] + origins.bbox[3]) / 2) / 2;
  return pointToRingsDistanceM(lng, lat, origins.rings, metresPerDegree(midLat));
}
