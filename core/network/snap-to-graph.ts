/**
 * Where a point joins the walking network: the nearest point of the nearest edge, found in windows
 * growing round the point (exact: nothing outside a window of r metres is nearer than r).
 */
import { MIN_METRES_PER_DEGREE_LAT, metresPerDegree } from '../coverage/ellipsoid-distance.js';
import type { RoadGraph } from './road-graph.js';

export interface GraphSnap {
  edge: number;
  /** Position along the edge from its `edgeFrom` node, 0–1. */
  fraction: number;
  /** From the point to the edge, metres: added to every walk from or to the point. */
  snapM: number;
}

/** Farther from every road than this, a point is not on the network. */
export const MAX_SNAP_M = 1000;

/**
 * The snap of [lng, lat] onto the graph, null when no road is within MAX_SNAP_M.
 * @example snapToGraph(graph, 109.41, 24.31)?.snapM // metres to the nearest road
 */
export function snapToGraph(graph: RoadGraph, lng: number, lat: number, maxSnapM = MAX_SNAP_M): GraphSnap | null {
  const index = graph.edgeIndex;
  if (!index) return null;
  const scale = metresPerDegree(lat);
  const c = graph.nodeCoords;
  let bestEdge = -1;
  let bestT = 0;
  let bestM = Infinity;
  // Measured inside the search's filter, which keeps nothing: no result array per window.
  const measure = (e: number): boolean => {
    const a = graph.edgeFrom[e]!;
    const b = graph.edgeTo[e]!;
    const ax = (c[2 * a]! - lng) * scale.x;
    const ay = (c[2 * a + 1]! - lat) * scale.y;
    const dx = (c[2 * b]! - lng) * scale.x - ax;
    const dy = (c[2 * b + 1]! - lat) * scale.y - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / lengthSq)) : 0;
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < bestM || (d === bestM && e < bestEdge)) {
      bestEdge = e;
      bestT = t;
      bestM = d;
    }
    return false;
  };
  for (let radiusM = Math.min(50, maxSnapM); ; radiusM = Math.min(radiusM * 4, maxSnapM)) {
    const dLat = radiusM / MIN_METRES_PER_DEGREE_LAT;
    const dLng = radiusM / metresPerDegree(Math.min(89.9, Math.abs(lat) + dLat)).x;
    index.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat, measure);
    if (bestM <= radiusM || radiusM >= maxSnapM) break;
  }
  const best: GraphSnap | null = bestEdge < 0 ? null : { edge: bestEdge, fraction: bestT, snapM: bestM };
  return best && best.snapM <= maxSnapM ? best : null;
}
