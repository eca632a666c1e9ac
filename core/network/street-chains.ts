/**
 * Streets between junctions as single links: a run of vertices with two edges each (a street's
 * shape points, a densely digitised lane) joins two junctions by one chain, so a walk visits
 * junctions only and fills the shape points in afterwards. Junctions are vertices with other than
 * two edges; a loop without any gets one of its vertices as a junction.
 */
import type { RoadGraph } from './road-graph.js';

export interface StreetChains {
  isJunction: Uint8Array;
  /** Each chain's end junctions and length. */
  chainFrom: Int32Array;
  chainTo: Int32Array;
  chainLengthM: Float64Array;
  /** The chain's nodes from `chainFrom` to `chainTo`: chainNodes[chainNodeStart[c] .. chainNodeStart[c + 1]), with their positions (metres from chainFrom). */
  chainNodeStart: Int32Array;
  chainNodes: Int32Array;
  chainNodePosM: Float64Array;
  /** The chain's edges in order: edge k joins its nodes k and k + 1, at chainEdges[chainNodeStart[c] - c + k]. */
  chainEdges: Int32Array;
  /** Each edge's chain, the position along the chain of the edge's own `edgeFrom` node, and whether the edge runs the chain's way. */
  edgeChain: Int32Array;
  edgeFromPosM: Float64Array;
  edgeForward: Uint8Array;
  /** Chains at each junction: junctionChains[junctionChainStart[n] .. junctionChainStart[n + 1]). */
  junctionChainStart: Int32Array;
  junctionChains: Int32Array;
}

type GraphCore = Pick<RoadGraph, 'nodeCount' | 'adjStart' | 'adjEdge' | 'edgeFrom' | 'edgeTo' | 'edgeLengthM'>;

/**
 * The chains of a graph's adjacency.
 * @example streetChains(graph).chainFrom.length // the number of street links between junctions
 */
export function streetChains(graph: GraphCore): StreetChains {
  const { nodeCount, adjStart, adjEdge, edgeFrom, edgeTo, edgeLengthM } = graph;
  const edgeCount = edgeFrom.length;
  const isJunction = new Uint8Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) if (adjStart[n + 1]! - adjStart[n]! !== 2) isJunction[n] = 1;
  const edgeChain = new Int32Array(edgeCount).fill(-1);
  const edgeFromPosM = new Float64Array(edgeCount);
  const edgeForward = new Uint8Array(edgeCount);
  const edgesInOrder: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const lengths: number[] = [];
  const nodeStart: number[] = [0];
  const nodes: number[] = [];
  const positions: number[] = [];

  const follow = (junction: number, firstEdge: number) => {
    const c = from.length;
    let node = junction;
    let edge = firstEdge;
    let pos = 0;
    nodes.push(node);
    positions.push(0);
    for (;;) {
      edgeChain[edge] = c;
      edgesInOrder.push(edge);
      const forward = edgeFrom[edge] === node;
      edgeForward[edge] = forward ? 1 : 0;
      const next = forward ? edgeTo[edge]! : edgeFrom[edge]!;
      edgeFromPosM[edge] = forward ? pos : pos + edgeLengthM[edge]!;
      pos += edgeLengthM[edge]!;
      node = next;
      nodes.push(node);
      positions.push(pos);
      if (isJunction[node]) break;
      // A shape point: go on by its other edge.
      const a = adjEdge[adjStart[node]!]!;
      const b = adjEdge[adjStart[node]! + 1]!;
      edge = a === edge ? b : a;
      if (edgeChain[edge] !== -1) break;
    }
    from.push(junction);
    to.push(node);
    lengths.push(pos);
    nodeStart.push(nodes.length);
  };

  for (let n = 0; n < nodeCount; n++) {
    if (!isJunction[n]) continue;
    for (let i = adjStart[n]!; i < adjStart[n + 1]!; i++) if (edgeChain[adjEdge[i]!] === -1) follow(n, adjEdge[i]!);
  }
  // Loops of shape points only: one vertex of each becomes a junction.
  for (let e = 0; e < edgeCount; e++) {
    if (edgeChain[e] !== -1) continue;
    isJunction[edgeFrom[e]!] = 1;
    follow(edgeFrom[e]!, e);
  }

  const chainCount = from.length;
  const junctionChainStart = new Int32Array(nodeCount + 1);
  for (let c = 0; c < chainCount; c++) {
    junctionChainStart[from[c]! + 1]! += 1;
    if (to[c] !== from[c]) junctionChainStart[to[c]! + 1]! += 1;
  }
  for (let n = 0; n < nodeCount; n++) junctionChainStart[n + 1]! += junctionChainStart[n]!;
  const fill = junctionChainStart.slice(0, nodeCount);
  const junctionChains = new Int32Array(junctionChainStart[nodeCount]!);
  for (let c = 0; c < chainCount; c++) {
    junctionChains[fill[from[c]!]!++] = c;
    if (to[c] !== from[c]) junctionChains[fill[to[c]!]!++] = c;
  }
  return {
    isJunction,
    chainFrom: Int32Array.from(from),
    chainTo: Int32Array.from(to),
    chainLengthM: Float64Array.from(lengths),
    chainNodeStart: Int32Array.from(nodeStart),
    chainNodes: Int32Array.from(nodes),
    chainNodePosM: Float64Array.from(positions),
    chainEdges: Int32Array.from(edgesInOrder),
    edgeChain,
    edgeFromPosM,
    edgeForward,
    junctionChainStart,
    junctionChains,
  };
}
