/**
 * The walking distance from one node to any node within `maxM`, touching only the streets within
 * reach: a junction-level Dijkstra over sparse maps, and a shape point's distance read from its
 * chain's two ends when asked. For the many single-source walks of site suggestion, where
 * walkFrom's whole-graph arrays would cost O(nodes) per candidate.
 */
import FlatQueue from 'flatqueue';
import type { RoadGraph } from './road-graph.js';

/** A node's chain and its position along it (metres from the chain's `chainFrom`). */
function chainPosition(graph: RoadGraph, node: number): { chain: number; posM: number } {
  const ch = graph.chains;
  const edge = graph.adjEdge[graph.adjStart[node]!]!;
  const chain = ch.edgeChain[edge]!;
  const fromPos = ch.edgeFromPosM[edge]!;
  if (graph.edgeFrom[edge] === node) return { chain, posM: fromPos };
  return { chain, posM: fromPos + (ch.edgeForward[edge] ? 1 : -1) * graph.edgeLengthM[edge]! };
}

/**
 * Distances from `source` (any node with a street) to nodes within `maxM` metres; Infinity beyond.
 * @example const walk = localWalk(graph, junction, 500); walk(otherNode) // metres
 */
export function localWalk(graph: RoadGraph, source: number, maxM: number): (node: number) => number {
  const ch = graph.chains;
  const atJunction = new Map<number, number>();
  const queue = new FlatQueue<number>();
  const reach = (junction: number, d: number) => {
    if (d <= maxM && d < (atJunction.get(junction) ?? Infinity)) {
      atJunction.set(junction, d);
      queue.push(junction, d);
    }
  };
  const sourceAt = ch.isJunction[source] ? null : chainPosition(graph, source);
  if (sourceAt === null) reach(source, 0);
  else {
    reach(ch.chainFrom[sourceAt.chain]!, sourceAt.posM);
    reach(ch.chainTo[sourceAt.chain]!, ch.chainLengthM[sourceAt.chain]! - sourceAt.posM);
  }
  while (queue.length > 0) {
    const d = queue.peekValue()!;
    const j = queue.pop()!;
    if (d > atJunction.get(j)!) continue;
    for (let i = ch.junctionChainStart[j]!; i < ch.junctionChainStart[j + 1]!; i++) {
      const c = ch.junctionChains[i]!;
      reach(ch.chainFrom[c] === j ? ch.chainTo[c]! : ch.chainFrom[c]!, d + ch.chainLengthM[c]!);
    }
  }
  return (node: number): number => {
    if (ch.isJunction[node]) return atJunction.get(node) ?? Infinity;
    const { chain, posM } = chainPosition(graph, node);
    let d = Math.min(
      (atJunction.get(ch.chainFrom[chain]!) ?? Infinity) + posM,
      (atJunction.get(ch.chainTo[chain]!) ?? Infinity) + ch.chainLengthM[chain]! - posM,
    );
    if (sourceAt?.chain === chain) d = Math.min(d, Math.abs(posM - sourceAt.posM));
    return d <= maxM ? d : Infinity;
  };
}
