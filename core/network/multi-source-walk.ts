/**
 * Walking distances from many starting points at once (multi-source Dijkstra on a binary heap):
 * each start sits on an edge with a cost already spent reaching it (its snap distance), and every
 * node gets the distance from its nearest start and which start that was.
 */
import FlatQueue from 'flatqueue';
import { otherEnd, type RoadGraph } from './road-graph.js';
import type { GraphSnap } from './snap-to-graph.js';

export interface WalkTree {
  /** Metres from the nearest start to each node; Infinity beyond `maxM` or unreachable. */
  distanceM: Float64Array;
  /** The start each node was reached from (index into the starts), -1 when unreached. */
  start: Int32Array;
  /** The edge each node was reached by, -1 at a start's own edge ends. */
  viaEdge: Int32Array;
}

/**
 * Distances from every start to every node within `maxM` metres.
 * @example walkFrom(graph, [snap], 1000).distanceM[node] // metres, or Infinity
 */
export function walkFrom(graph: RoadGraph, starts: readonly GraphSnap[], maxM: number): WalkTree {
  const distanceM = new Float64Array(graph.nodeCount).fill(Infinity);
  const start = new Int32Array(graph.nodeCount).fill(-1);
  const viaEdge = new Int32Array(graph.nodeCount).fill(-1);
  const queue = new FlatQueue<number>();
  const reach = (node: number, d: number, s: number, edge: number) => {
    if (d < distanceM[node]! && d <= maxM) {
      distanceM[node] = d;
      start[node] = s;
      viaEdge[node] = edge;
      queue.push(node, d);
    }
  };
  starts.forEach((snap, s) => {
    const length = graph.edgeLengthM[snap.edge]!;
    reach(graph.edgeFrom[snap.edge]!, snap.snapM + snap.fraction * length, s, -1);
    reach(graph.edgeTo[snap.edge]!, snap.snapM + (1 - snap.fraction) * length, s, -1);
  });
  while (queue.length > 0) {
    const d = queue.peekValue()!;
    const n = queue.pop()!;
    if (d > distanceM[n]!) continue;
    for (let i = graph.adjStart[n]!; i < graph.adjStart[n + 1]!; i++) {
      const e = graph.adjEdge[i]!;
      reach(otherEnd(graph, e, n), d + graph.edgeLengthM[e]!, start[n]!, e);
    }
  }
  return { distanceM, start, viaEdge };
}

/** The starts on each edge, by start index: walks between two points of one edge need not reach a node. */
export function startsByEdge(starts: readonly GraphSnap[]): Map<number, number[]> {
  const byEdge = new Map<number, number[]>();
  starts.forEach((snap, s) => {
    const list = byEdge.get(snap.edge);
    if (list) list.push(s);
    else byEdge.set(snap.edge, [s]);
  });
  return byEdge;
}
