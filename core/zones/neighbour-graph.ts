/**
 * The neighbour relation of design.md §7: two estates are neighbours when their boundaries are
 * within the gap. Candidate pairs come from a flatbush index of the bboxes grown by the gap; each
 * is then decided by the exact polygon-to-polygon distance in metres (metric-shape.ts), so the
 * relation is the one ST_DWithin — and ST_ClusterDBSCAN(eps := gap) — uses.
 */
import Flatbush from 'flatbush';
import { shapeDistance, type MetricShape } from './metric-shape.js';

export interface NeighbourLink {
  /** Indices into the shapes given. */
  a: number;
  b: number;
  distanceM: number;
}

/** Every pair of shapes within `gapM` of each other, each once (a < b). */
export function neighbourLinks(shapes: readonly MetricShape[], gapM: number): NeighbourLink[] {
  if (shapes.length < 2) return [];
  const index = new Flatbush(shapes.length);
  for (const s of shapes) index.add(s.minX, s.minY, s.maxX, s.maxY);
  index.finish();
  const links: NeighbourLink[] = [];
  for (let a = 0; a < shapes.length; a++) {
    const shape = shapes[a];
    if (!shape) continue;
    const candidates = index.search(shape.minX - gapM, shape.minY - gapM, shape.maxX + gapM, shape.maxY + gapM);
    for (const b of candidates) {
      if (b <= a) continue;
      const other = shapes[b];
      if (!other) continue;
      const distanceM = shapeDistance(shape, other, gapM);
      if (distanceM <= gapM) links.push({ a, b, distanceM });
    }
  }
  return links;
}

/** Adjacency lists of `count` nodes from links. */
export function adjacency(count: number, links: readonly NeighbourLink[]): number[][] {
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (const { a, b } of links) {
    lists[a]?.push(b);
    lists[b]?.push(a);
  }
  return lists;
}

/** Connected components of the graph, each a list of node indices in ascending order. */
export function connectedComponents(count: number, links: readonly NeighbourLink[]): number[][] {
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[i] !== root) {
      const next = parent[i] ?? root;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  for (const { a, b } of links) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const root = find(i);
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()];
}
