/**
 * The walking network as a graph: every road vertex a node (roads that share a vertex meet there,
 * as OpenStreetMap ways and the demo generator's noded streets do), every pair of consecutive
 * vertices an undirected edge weighted by its length on the WGS84 ellipsoid. Adjacency is packed
 * (CSR) in typed arrays, and the edges are indexed with flatbush for snapping.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { pointDistanceM } from '../coverage/ellipsoid-distance.js';
import { streetChains, type StreetChains } from './street-chains.js';

export interface RoadLine {
  /** The road's id; an edge is (road id, 1-based segment number), as PostGIS's ST_DumpSegments counts them. */
  id: number;
  coordinates: readonly Position[];
}

export interface RoadGraph {
  nodeCount: number;
  /** lng, lat of each node. */
  nodeCoords: Float64Array;
  /** Edges out of node n: adjEdge[adjStart[n] .. adjStart[n + 1]). */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  /** Each edge's end nodes, length, and the road segment it came from. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
  edgeRoad: Int32Array;
  edgeSegment: Int32Array;
  /** flatbush over the edges' bboxes (null without edges). */
  edgeIndex: Flatbush | null;
  /** Streets between junctions, which the walks run on. */
  chains: StreetChains;
}

/** Vertices closer than this (1e-7°, about 1 cm) are one node: coordinates as GeoJSON files round them. */
const NODE_GRID = 1e7;

/**
 * Builds the graph of a road list.
 * @example buildRoadGraph([{ id: 1, coordinates: [[0, 0], [0.001, 0]] }]).edgeLengthM[0] // ≈ 111.3
 */
export function buildRoadGraph(roads: readonly RoadLine[]): RoadGraph {
  const nodeOf = new Map<string, number>();
  const coords: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const road: number[] = [];
  const segment: number[] = [];
  const node = (p: Position): number => {
    const lng = p[0] ?? 0;
    const lat = p[1] ?? 0;
    const key = `${Math.round(lng * NODE_GRID)},${Math.round(lat * NODE_GRID)}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = coords.length / 2;
      nodeOf.set(key, n);
      coords.push(lng, lat);
    }
    return n;
  };
  for (const line of roads) {
    for (let i = 1; i < line.coordinates.length; i++) {
      const a = node(line.coordinates[i - 1]!);
      const b = node(line.coordinates[i]!);
      if (a === b) continue;
      from.push(a);
      to.push(b);
      road.push(line.id);
      segment.push(i);
    }
  }
  const nodeCoords = Float64Array.from(coords);
  const nodeCount = coords.length / 2;
  const edgeCount = from.length;
  const edgeLengthM = new Float64Array(edgeCount);
  const degree = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const a = from[e]!;
    const b = to[e]!;
    edgeLengthM[e] = pointDistanceM(nodeCoords[2 * a]!, nodeCoords[2 * a + 1]!, nodeCoords[2 * b]!, nodeCoords[2 * b + 1]!);
    degree[a + 1]! += 1;
    degree[b + 1]! += 1;
  }
  const adjStart = new Int32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) adjStart[n + 1] = adjStart[n]! + degree[n + 1]!;
  const fill = adjStart.slice(0, nodeCount);
  const adjEdge = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    adjEdge[fill[from[e]!]!++] = e;
    adjEdge[fill[to[e]!]!++] = e;
  }
  let edgeIndex: Flatbush | null = null;
  if (edgeCount > 0) {
    edgeIndex = new Flatbush(edgeCount, 16, Float64Array);
    for (let e = 0; e < edgeCount; e++) {
      const a = from[e]!;
      const b = to[e]!;
      const [ax, ay, bx, by] = [nodeCoords[2 * a]!, nodeCoords[2 * a + 1]!, nodeCoords[2 * b]!, nodeCoords[2 * b + 1]!];
      edgeIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    edgeIndex.finish();
  }
  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  return {
    nodeCount,
    nodeCoords,
    adjStart,
    adjEdge,
    edgeFrom,
    edgeTo,
    edgeLengthM,
    edgeRoad: Int32Array.from(road),
    edgeSegment: Int32Array.from(segment),
    edgeIndex,
    chains: streetChains({ nodeCount, adjStart, adjEdge, edgeFrom, edgeTo, edgeLengthM }),
  };
}

/** The other end of edge `e` from node `n`. */
export function otherEnd(graph: RoadGraph, e: number, n: number): number {
  return graph.edgeFrom[e] === n ? graph.edgeTo[e]! : graph.edgeFrom[e]!;
}
