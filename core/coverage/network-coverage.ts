/**
 * Coverage along the walking network: one multi-source walk per facility type from every facility
 * of the type (each snapped to its nearest road, the snap distance added) gives every node its
 * distance; an estate's distance is the least over its origin points (gates, else points along its
 * boundary), each snapped to the network the same way. A facility inside the estate serves it at 0.
 */
import type { FacilityTypeId } from '../facility-catalogue.js';
import { startsByEdge, walkFrom } from '../network/multi-source-walk.js';
import type { RoadGraph } from '../network/road-graph.js';
import { snapToGraph, type GraphSnap } from '../network/snap-to-graph.js';
import Flatbush from 'flatbush';
import { summariseCoverage, type CoverageEstate, type EstateCoverage, type TypeCoverage } from './coverage.js';
import { insideRings } from './ellipsoid-distance.js';
import type { CoverageType } from './coverage-types.js';
import { originPoints } from './estate-origins.js';
import type { FacilityPoint } from './facility-index.js';

/** How far a walk is followed: three times the type's radius, at least 3 km; farther counts as out of reach (distance null). */
export const walkSearchLimitM = (radiusM: number): number => Math.max(3000, 3 * radiusM);

/**
 * How an estate joins the network, reduced per edge: walking to it through the edge's `from` node
 * costs at least `viaFromM` more than reaching that node (the least snap + along-edge metres over
 * its origin points on the edge), likewise through `to`. The points themselves are kept for walks
 * that stay on one edge (a facility on the same edge).
 */
export interface EstateAccess {
  edges: number[];
  viaFromM: number[];
  viaToM: number[];
  points: GraphSnap[][];
}

export function estateAccess(graph: RoadGraph, snaps: readonly GraphSnap[]): EstateAccess {
  const slot = new Map<number, number>();
  const access: EstateAccess = { edges: [], viaFromM: [], viaToM: [], points: [] };
  for (const snap of snaps) {
    const length = graph.edgeLengthM[snap.edge]!;
    let i = slot.get(snap.edge);
    if (i === undefined) {
      i = access.edges.length;
      slot.set(snap.edge, i);
      access.edges.push(snap.edge);
      access.viaFromM.push(Infinity);
      access.viaToM.push(Infinity);
      access.points.push([]);
    }
    access.viaFromM[i] = Math.min(access.viaFromM[i]!, snap.snapM + snap.fraction * length);
    access.viaToM[i] = Math.min(access.viaToM[i]!, snap.snapM + (1 - snap.fraction) * length);
    access.points[i]!.push(snap);
  }
  return access;
}

/** For each estate, the facilities inside it (they serve it at distance 0), by position in `facilities`. */
function facilitiesInside(estates: readonly CoverageEstate[], facilities: readonly FacilityPoint[]): number[][] {
  const inside = estates.map((): number[] => []);
  if (estates.length === 0) return inside;
  const index = new Flatbush(estates.length, 16, Float64Array);
  for (const estate of estates) {
    const rings = estate.origins.rings;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i += 2) {
        minX = Math.min(minX, ring[i]!);
        maxX = Math.max(maxX, ring[i]!);
        minY = Math.min(minY, ring[i + 1]!);
        maxY = Math.max(maxY, ring[i + 1]!);
      }
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  facilities.forEach((f, i) => {
    for (const e of index.search(f.lng, f.lat, f.lng, f.lat)) if (insideRings(f.lng, f.lat, estates[e]!.origins.rings)) inside[e]!.push(i);
  });
  return inside;
}

/** How an estate joins the network: its origin points snapped. */
export function estateAccessOf(graph: RoadGraph, estate: CoverageEstate): EstateAccess {
  return estateAccess(
    graph,
    originPoints(estate.origins)
      .map(([lng, lat]) => snapToGraph(graph, lng, lat))
      .filter((snap): snap is GraphSnap => snap !== null),
  );
}

/**
 * Network coverage of every estate by every counted type; `nearest` indexes `facilities`.
 * @example networkCoverage(graph, estates, facilities, coverageTypes())[0]?.types.kindergarten?.distanceM
 */
export function networkCoverage(
  graph: RoadGraph,
  estates: readonly CoverageEstate[],
  facilities: readonly FacilityPoint[],
  types: readonly CoverageType[],
  onProgress?: (done: number, total: number) => void,
  /** Each estate's access, when the caller has computed it already. */
  knownAccess?: readonly EstateAccess[],
): EstateCoverage[] {
  const inside = facilitiesInside(estates, facilities);
  const access = knownAccess ?? estates.map((estate) => estateAccessOf(graph, estate));
  // Only the facilities of counted types walk: a one-type run need not snap the whole catalogue.
  const countedIds = new Set<string>(types.filter((t) => t.counted).map((t) => t.id));
  const facilitySnaps = facilities.map((f) => (countedIds.has(f.type) ? snapToGraph(graph, f.lng, f.lat) : null));
  const byEstate = estates.map((): Partial<Record<FacilityTypeId, TypeCoverage>> => ({}));
  const facilitiesOfType = new Map<string, number[]>();
  facilities.forEach((f, i) => {
    const list = facilitiesOfType.get(f.type);
    if (list) list.push(i);
    else facilitiesOfType.set(f.type, [i]);
  });
  const counted = types.filter((t) => t.counted);
  counted.forEach((type, typeIndex) => {
    onProgress?.(typeIndex, counted.length);
    const startFacility: number[] = [];
    const starts: GraphSnap[] = [];
    for (const i of facilitiesOfType.get(type.id) ?? []) {
      const snap = facilitySnaps[i];
      if (snap) {
        starts.push(snap);
        startFacility.push(i);
      }
    }
    const limitM = walkSearchLimitM(type.radiusM);
    const tree = walkFrom(graph, starts, limitM);
    const onEdge = startsByEdge(starts);
    for (let e = 0; e < estates.length; e++) {
      // Plain numbers, not objects: this loop runs estates × types times and allocation was most of its cost.
      let bestM = Infinity;
      let bestFacility = -1;
      for (const i of inside[e]!) {
        if (facilities[i]!.type === type.id) {
          bestM = 0;
          bestFacility = i;
          break;
        }
      }
      const a = access[e]!;
      for (let k = 0; bestM > 0 && k < a.edges.length; k++) {
        const edge = a.edges[k]!;
        const from = graph.edgeFrom[edge]!;
        const to = graph.edgeTo[edge]!;
        const viaFrom = tree.distanceM[from]! + a.viaFromM[k]!;
        const viaTo = tree.distanceM[to]! + a.viaToM[k]!;
        if (viaFrom < bestM) {
          bestM = viaFrom;
          bestFacility = startFacility[tree.start[from]!]!;
        }
        if (viaTo < bestM) {
          bestM = viaTo;
          bestFacility = startFacility[tree.start[to]!]!;
        }
        // A facility on the same edge: the walk runs along the edge without reaching a node.
        const sameEdge = onEdge.get(edge);
        if (!sameEdge) continue;
        const length = graph.edgeLengthM[edge]!;
        for (const s of sameEdge) {
          const start = starts[s]!;
          for (const point of a.points[k]!) {
            const d = start.snapM + Math.abs(start.fraction - point.fraction) * length + point.snapM;
            if (d < bestM) {
              bestM = d;
              bestFacility = startFacility[s]!;
            }
          }
        }
      }
      const reached = bestM <= limitM;
      byEstate[e]![type.id] = {
        distanceM: reached ? bestM : null,
        radiusM: type.radiusM,
        covered: reached && bestM <= type.radiusM,
        nearest: reached ? bestFacility : null,
      };
    }
  });
  onProgress?.(counted.length, counted.length);
  return estates.map((estate, e) =>
    summariseCoverage(estate.id, estate.origins.gates ? 'gates' : 'boundary', estate.households, byEstate[e]!, types),
  );
}
