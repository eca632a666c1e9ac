/**
 * Walking distances from many starting points at once (multi-source Dijkstra on a binary heap):
 * each start sits on an edge with a cost already spent reaching it (its snap distance), and every
 * node gets the distance from its nearest start and which start that was.
 */
import FlatQueue from 'flatqueue';
import type { RoadGraph } from './road-graph.js';
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
 * Distances from every start to every node within `maxM` metres. The walk runs over junctions and
 * the street chains between them (street-chains.ts); the shape points of each chain are filled in
 * after, from its two ends and any start on it.
 * @example walkFrom(graph, [snap], 1000).distanceM[node] // metres, or Infinity
 */
export function walkFrom(graph: RoadGraph, starts: readonly GraphSnap[], maxM: number): WalkTree {
  const ch = graph.chains;
  const distanceM = new Float64Array(graph.nodeCount).fill(Infinity);
  const start = new Int32Array(graph.nodeCount).fill(-1);
  const viaEdge = new Int32Array(graph.nodeCount).fill(-1);
  const viaChain = new Int32Array(graph.nodeCount).fill(-1);
  const queue = new FlatQueue<number>();
  const reach = (junction: number, d: number, s: number, chain: number) => {
    if (d < distanceM[junction]! && d <= maxM) {
      distanceM[junction] = d;
      start[junction] = s;
      viaChain[junction] = chain;
      queue.push(junction, d);
    }
  };
  const startPos = (snap: GraphSnap): number => {
    const length = graph.edgeLengthM[snap.edge]!;
    return ch.edgeFromPosM[snap.edge]! + (ch.edgeForward[snap.edge] ? snap.fraction : -snap.fraction) * length;
  };
  const startsOnChain = new Map<number, number[]>();
  starts.forEach((snap, s) => {
    const c = ch.edgeChain[snap.edge]!;
    const pos = startPos(snap);
    reach(ch.chainFrom[c]!, snap.snapM + pos, s, c);
    reach(ch.chainTo[c]!, snap.snapM + ch.chainLengthM[c]! - pos, s, c);
    const list = startsOnChain.get(c);
    if (list) list.push(s);
    else startsOnChain.set(c, [s]);
  });
  while (queue.length > 0) {
    const d = queue.peekValue()!;
    const j = queue.pop()!;
    if (d > distanceM[j]!) continue;
    for (let i = ch.junctionChainStart[j]!; i < ch.junctionChainStart[j + 1]!; i++) {
      const c = ch.junctionChains[i]!;
      const other = ch.chainFrom[c] === j ? ch.chainTo[c]! : ch.chainFrom[c]!;
      reach(other, d + ch.chainLengthM[c]!, start[j]!, c);
    }
  }
  fillChains(graph, starts, startsOnChain, startPos, { distanceM, start, viaEdge, viaChain }, maxM);
  return { distanceM, start, viaEdge };
}

/** Shape points from the chain's ends and starts; then each junction's edge back along the chain it was reached by. */
function fillChains(
  graph: RoadGraph,
  starts: readonly GraphSnap[],
  startsOnChain: ReadonlyMap<number, readonly number[]>,
  startPos: (snap: GraphSnap) => number,
  tree: WalkTree & { viaChain: Int32Array },
  maxM: number,
): void {
  const ch = graph.chains;
  const { distanceM, start, viaEdge, viaChain } = tree;
  const chainCount = ch.chainFrom.length;
  // A junction's edge back: the chain's edge at that end, unless a start sits on that very edge.
  for (let n = 0; n < graph.nodeCount; n++) {
    const c = viaChain[n]!;
    if (c < 0 || !ch.isJunction[n]) continue;
    const first = ch.chainNodeStart[c]!;
    const edgeCount = ch.chainNodeStart[c + 1]! - first - 1;
    // On a loop both ends are this junction: the end the walk came in by is the nearer one to its start.
    const loopStart = starts[start[n]!];
    const atFrom =
      ch.chainFrom[c] === n && (ch.chainTo[c] !== n || (loopStart !== undefined && startPos(loopStart) <= ch.chainLengthM[c]! / 2));
    const edge = ch.chainEdges[first - c + (atFrom ? 0 : edgeCount - 1)]!;
    viaEdge[n] = starts[start[n]!]?.edge === edge ? -1 : edge;
  }
  for (let c = 0; c < chainCount; c++) {
    const first = ch.chainNodeStart[c]!;
    const last = ch.chainNodeStart[c + 1]! - 1;
    const length = ch.chainLengthM[c]!;
    const dFrom = distanceM[ch.chainFrom[c]!]!;
    const dTo = distanceM[ch.chainTo[c]!]!;
    const onChain = startsOnChain.get(c) ?? [];
    for (let k = first + 1; k < last; k++) {
      const n = ch.chainNodes[k]!;
      const pos = ch.chainNodePosM[k]!;
      const edgeBefore = ch.chainEdges[k - 1 - c]!;
      const edgeAfter = ch.chainEdges[k - c]!;
      let best = dFrom + pos;
      let bestStart = start[ch.chainFrom[c]!]!;
      let bestEdge = edgeBefore;
      for (const s of onChain) {
        const snap = starts[s]!;
        const p = startPos(snap);
        const d = snap.snapM + Math.abs(pos - p);
        if (d < best) {
          best = d;
          bestStart = s;
          bestEdge = snap.edge === edgeBefore || snap.edge === edgeAfter ? -1 : pos > p ? edgeBefore : edgeAfter;
        }
      }
      if (dTo + length - pos < best) {
        best = dTo + length - pos;
        bestStart = start[ch.chainTo[c]!]!;
        bestEdge = edgeAfter;
      }
      if (best <= maxM) {
        distanceM[n] = best;
        start[n] = bestStart;
        viaEdge[n] = bestEdge;
      }
    }
  }
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
