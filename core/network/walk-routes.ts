/**
 * What a walk from one estate looks like on the map: the route to a point (back along the tree's
 * edges to the start it came from) and the walkshed — the parts of streets reachable within a
 * distance, never a hull, so a street across a river without a bridge stays out.
 */
import type { Position } from 'geojson';
import { startsByEdge, type WalkTree } from './multi-source-walk.js';
import { otherEnd, type RoadGraph } from './road-graph.js';
import type { GraphSnap } from './snap-to-graph.js';

/** The point `fraction` of the way along edge `e` from its `from` node. */
export function pointOnEdge(graph: RoadGraph, e: number, fraction: number): Position {
  const c = graph.nodeCoords;
  const a = graph.edgeFrom[e]!;
  const b = graph.edgeTo[e]!;
  return [c[2 * a]! + (c[2 * b]! - c[2 * a]!) * fraction, c[2 * a + 1]! + (c[2 * b + 1]! - c[2 * a + 1]!) * fraction];
}

const nodePosition = (graph: RoadGraph, n: number): Position => [graph.nodeCoords[2 * n]!, graph.nodeCoords[2 * n + 1]!];

/**
 * The walk from the tree's starts (`startPoints[i]` the point start i was snapped from) to a
 * point snapped at `target`, as a line [start point, …streets…, target point]; null when unreached.
 */
export function routeTo(
  graph: RoadGraph,
  tree: WalkTree,
  starts: readonly GraphSnap[],
  startPoints: readonly Position[],
  target: GraphSnap,
  targetPoint: Position,
): { distanceM: number; line: Position[] } | null {
  const length = graph.edgeLengthM[target.edge]!;
  const a = graph.edgeFrom[target.edge]!;
  const b = graph.edgeTo[target.edge]!;
  let bestM = Infinity;
  let endNode = -1;
  let direct = -1;
  if (tree.distanceM[a]! + target.fraction * length < bestM) [bestM, endNode] = [tree.distanceM[a]! + target.fraction * length, a];
  if (tree.distanceM[b]! + (1 - target.fraction) * length < bestM)
    [bestM, endNode] = [tree.distanceM[b]! + (1 - target.fraction) * length, b];
  for (const s of startsByEdge(starts).get(target.edge) ?? []) {
    const d = starts[s]!.snapM + Math.abs(starts[s]!.fraction - target.fraction) * length;
    if (d < bestM) [bestM, endNode, direct] = [d, -1, s];
  }
  if (bestM === Infinity) return null;
  const end = [pointOnEdge(graph, target.edge, target.fraction), targetPoint];
  if (direct >= 0) {
    const start = starts[direct]!;
    return { distanceM: bestM + target.snapM, line: [startPoints[direct]!, pointOnEdge(graph, start.edge, start.fraction), ...end] };
  }
  const nodes: Position[] = [];
  let n = endNode;
  while (tree.viaEdge[n]! >= 0) {
    nodes.push(nodePosition(graph, n));
    n = otherEnd(graph, tree.viaEdge[n]!, n);
  }
  nodes.push(nodePosition(graph, n));
  const s = tree.start[n]!;
  const start = starts[s]!;
  return {
    distanceM: bestM + target.snapM,
    line: [startPoints[s]!, pointOnEdge(graph, start.edge, start.fraction), ...nodes.reverse(), ...end],
  };
}

/**
 * The street pieces reachable within `reachM` of the tree's starts: whole edges, and the reachable
 * ends of edges the walk runs out on (and round a start on its own edge).
 * @example walkshed(graph, walkFrom(graph, origins, 1000), origins, 500).length // street pieces
 */
export function walkshed(graph: RoadGraph, tree: WalkTree, starts: readonly GraphSnap[], reachM: number): Position[][] {
  const pieces: Position[][] = [];
  const onEdge = startsByEdge(starts);
  for (let e = 0; e < graph.edgeLengthM.length; e++) {
    const length = graph.edgeLengthM[e]!;
    if (length <= 0) continue;
    const intervals: [number, number][] = [];
    const fromLeft = reachM - tree.distanceM[graph.edgeFrom[e]!]!;
    const fromRight = reachM - tree.distanceM[graph.edgeTo[e]!]!;
    if (fromLeft > 0) intervals.push([0, Math.min(1, fromLeft / length)]);
    if (fromRight > 0) intervals.push([Math.max(0, 1 - fromRight / length), 1]);
    for (const s of onEdge.get(e) ?? []) {
      const spare = (reachM - starts[s]!.snapM) / length;
      if (spare > 0) intervals.push([Math.max(0, starts[s]!.fraction - spare), Math.min(1, starts[s]!.fraction + spare)]);
    }
    intervals.sort((x, y) => x[0] - y[0]);
    let current: [number, number] | null = null;
    for (const interval of intervals) {
      if (current && interval[0] <= current[1]) current[1] = Math.max(current[1], interval[1]);
      else {
        if (current) pieces.push([pointOnEdge(graph, e, current[0]), pointOnEdge(graph, e, current[1])]);
        current = [...interval];
      }
    }
    if (current) pieces.push([pointOnEdge(graph, e, current[0]), pointOnEdge(graph, e, current[1])]);
  }
  return pieces;
}
