/** core/network: the road graph, snapping, multi-source walks (against a plain Dijkstra) and walking coverage on hand-checkable streets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageTypes } from '../../core/coverage/coverage-types.js';
import { metresPerDegree, pointDistanceM } from '../../core/coverage/ellipsoid-distance.js';
import { routeTo, walkshed } from '../../core/network/walk-routes.js';
import { estateOrigins } from '../../core/coverage/estate-origins.js';
import { networkCoverage } from '../../core/coverage/network-coverage.js';
import { walkFrom } from '../../core/network/multi-source-walk.js';
import { localWalk } from '../../core/network/local-walk.js';
import { buildRoadGraph, type RoadLine } from '../../core/network/road-graph.js';
import { snapToGraph } from '../../core/network/snap-to-graph.js';

const BASE = { lng: 109.41, lat: 24.31 };
const SCALE = metresPerDegree(BASE.lat);
/** [lng, lat] of a point `x` metres east and `y` north of BASE. */
const at = (x: number, y: number): [number, number] => [BASE.lng + x / SCALE.x, BASE.lat + y / SCALE.y];
const road = (id: number, ...xy: [number, number][]): RoadLine => ({ id, coordinates: xy.map(([x, y]) => at(x, y)) });
const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
});

/** A plain Dijkstra without a heap: the reference for walkFrom. */
function plainDijkstra(nodeCount: number, edges: [number, number, number][], sources: [number, number][]): number[] {
  const dist = new Array<number>(nodeCount).fill(Infinity);
  const done = new Array<boolean>(nodeCount).fill(false);
  for (const [n, d] of sources) dist[n] = Math.min(dist[n]!, d);
  for (;;) {
    let u = -1;
    for (let n = 0; n < nodeCount; n++) if (!done[n] && dist[n]! < Infinity && (u < 0 || dist[n]! < dist[u]!)) u = n;
    if (u < 0) return dist;
    done[u] = true;
    for (const [a, b, w] of edges) {
      if (a === u && dist[u]! + w < dist[b]!) dist[b] = dist[u]! + w;
      if (b === u && dist[u]! + w < dist[a]!) dist[a] = dist[u]! + w;
    }
  }
}

describe('the road graph and snapping', () => {
  it('joins roads at shared vertices and measures edges in metres', () => {
    const graph = buildRoadGraph([road(1, [0, 0], [100, 0], [200, 0]), road(2, [100, 0], [100, 100])]);
    expect(graph.nodeCount).toBe(4);
    expect(Array.from(graph.edgeLengthM).map((m) => Math.round(m * 100) / 100)).toEqual([100, 100, 100]);
    expect(Array.from(graph.edgeSegment)).toEqual([1, 2, 1]);
  });

  it('snaps a point to the nearest point of the nearest edge, with the distance to it', () => {
    const graph = buildRoadGraph([road(1, [0, 0], [100, 0]), road(2, [0, 60], [100, 60])]);
    const [lng, lat] = at(30, 20);
    const snap = snapToGraph(graph, lng, lat)!;
    expect(graph.edgeRoad[snap.edge]).toBe(1);
    expect(snap.fraction).toBeCloseTo(0.3, 4);
    expect(snap.snapM).toBeCloseTo(20, 2);
    expect(snapToGraph(graph, ...at(30, 5000))).toBeNull();
  });
});

describe('multi-source walks', () => {
  it('gives every node its distance from the nearest start, snap distance included', () => {
    // A street 0–100–200 m; starts 10 m off the street at 50 m and at 180 m.
    const graph = buildRoadGraph([road(1, [0, 0], [100, 0], [200, 0])]);
    const starts = [snapToGraph(graph, ...at(50, 10))!, snapToGraph(graph, ...at(180, 0))!];
    const tree = walkFrom(graph, starts, 10_000);
    expect(Array.from(tree.distanceM).map((d) => Math.round(d * 10) / 10)).toEqual([60, 60, 20]);
    expect(Array.from(tree.start)).toEqual([0, 0, 1]);
  });

  it('agrees with a plain Dijkstra on random street grids with gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        (keep, s1, s2) => {
          // A 5 × 5 grid of 100 m blocks, some streets missing.
          const roads: RoadLine[] = [];
          let id = 0;
          for (let i = 0; i < 5; i++) {
            for (let j = 0; j < 4; j++) {
              if (keep[id] !== false) roads.push(road(id + 1, [j * 100, i * 100], [(j + 1) * 100, i * 100]));
              if (keep[id + 20] !== false) roads.push(road(id + 1000, [i * 100, j * 100], [i * 100, (j + 1) * 100]));
              id += 1;
            }
          }
          const graph = buildRoadGraph(roads);
          fc.pre(graph.nodeCount > 2);
          const starts = [s1, s2].map((s) => snapToGraph(graph, ...at((s % 5) * 100 + 13, Math.floor(s / 5) * 100 + 7))!).filter(Boolean);
          starts.push(snapToGraph(graph, ...at(690, 40))!);
          const tree = walkFrom(graph, starts, Infinity);
          const edges: [number, number, number][] = Array.from(graph.edgeLengthM, (w, e) => [graph.edgeFrom[e]!, graph.edgeTo[e]!, w]);
          const sources: [number, number][] = starts.flatMap((s) => {
            const w = graph.edgeLengthM[s.edge]!;
            return [
              [graph.edgeFrom[s.edge]!, s.snapM + s.fraction * w],
              [graph.edgeTo[s.edge]!, s.snapM + (1 - s.fraction) * w],
            ];
          });
          const reference = plainDijkstra(graph.nodeCount, edges, sources);
          reference.forEach((d, n) =>
            d === Infinity ? expect(tree.distanceM[n]).toBe(Infinity) : expect(tree.distanceM[n]).toBeCloseTo(d, 6),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('local walks from one node', () => {
  it('give the plain Dijkstra distance to every node within the limit, and Infinity beyond', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 50, max: 900 }),
        (keep, pick, maxM) => {
          // A 5 × 5 grid of 100 m blocks, each street with a shape point a third of the way along.
          const roads: RoadLine[] = [];
          let id = 0;
          for (let i = 0; i < 5; i++) {
            for (let j = 0; j < 4; j++) {
              if (keep[id] !== false) roads.push(road(id + 1, [j * 100, i * 100], [j * 100 + 33, i * 100], [(j + 1) * 100, i * 100]));
              if (keep[id + 20] !== false)
                roads.push(road(id + 1000, [i * 100, j * 100], [i * 100, j * 100 + 33], [i * 100, (j + 1) * 100]));
              id += 1;
            }
          }
          const graph = buildRoadGraph(roads);
          fc.pre(graph.nodeCount > 2);
          const source = pick % graph.nodeCount;
          const walk = localWalk(graph, source, maxM);
          const edges: [number, number, number][] = Array.from(graph.edgeLengthM, (w, e) => [graph.edgeFrom[e]!, graph.edgeTo[e]!, w]);
          const reference = plainDijkstra(graph.nodeCount, edges, [[source, 0]]);
          reference.forEach((d, n) => (d > maxM ? expect(walk(n)).toBe(Infinity) : expect(walk(n)).toBeCloseTo(d, 6)));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('walking coverage', () => {
  const types = coverageTypes();
  // Two streets 200 m apart (y = 0 and y = 200) joined only at x = 1000: a river between them with one bridge.
  const streets = [road(1, [0, 0], [500, 0], [1000, 0]), road(2, [0, 200], [500, 200], [1000, 200]), road(3, [1000, 0], [1000, 200])];
  const estate = (id: number, polygon: ReturnType<typeof square>, gates: [number, number][] = []) => ({
    id,
    households: 100,
    origins: estateOrigins(polygon, gates),
  });

  it('walks round by the bridge to a kindergarten across the river, not straight over', () => {
    const graph = buildRoadGraph(streets);
    const kindergarten = { type: 'kindergarten', lng: at(500, 210)[0], lat: at(500, 210)[1] };
    // An estate between 480 and 520 m east, 10–50 m north of the southern street: its boundary joins the street 10 m away.
    const [result] = networkCoverage(graph, [estate(1, square(480, 10, 520, 50))], [kindergarten], types);
    // Around: 10 m to the street, 480 m to the bridge (from x = 520), 200 m over it, 500 m back, 10 m to the kindergarten.
    expect(result!.types.kindergarten?.distanceM).toBeCloseTo(10 + 480 + 200 + 500 + 10, 0);
    expect(result!.gaps).toContain('kindergarten');
  });

  it('draws the route and the walkshed along the streets, not across the river', () => {
    const graph = buildRoadGraph(streets);
    const origin = at(500, 10);
    const starts = [snapToGraph(graph, ...origin)!];
    const tree = walkFrom(graph, starts, 5000);
    const target = at(500, 210);
    const route = routeTo(graph, tree, starts, [origin], snapToGraph(graph, ...target)!, target)!;
    const lengthM = route.line
      .slice(1)
      .reduce((sum, p, i) => sum + pointDistanceM(route.line[i]![0]!, route.line[i]![1]!, p[0]!, p[1]!), 0);
    expect(route.distanceM).toBeCloseTo(10 + 500 + 200 + 500 + 10, 0);
    expect(lengthM).toBeCloseTo(route.distanceM, 0);
    // Within 300 m: 290 m of the southern street either way, nothing of the northern one.
    const pieces = walkshed(graph, tree, starts, 300);
    const reachedM = pieces.reduce((sum, [a, b]) => sum + pointDistanceM(a![0]!, a![1]!, b![0]!, b![1]!), 0);
    expect(reachedM).toBeCloseTo(580, 0);
    expect(pieces.every((piece) => piece.every((p) => Math.abs(p[1]! - BASE.lat) < 1e-6))).toBe(true);
  });

  it('measures from the gates when the estate has them', () => {
    const graph = buildRoadGraph(streets);
    const kindergarten = { type: 'kindergarten', lng: at(100, -10)[0], lat: at(100, -10)[1] };
    const [boundary] = networkCoverage(graph, [estate(1, square(480, 10, 520, 50))], [kindergarten], types);
    const [gated] = networkCoverage(graph, [estate(1, square(480, 10, 520, 50), [at(520, 30)])], [kindergarten], types);
    expect(boundary!.types.kindergarten?.distanceM).toBeCloseTo(10 + 380 + 10, 0);
    // From the gate on the east side (520, 30): 30 m to the street, 420 m along it, 10 m to the kindergarten.
    expect(gated!.types.kindergarten?.distanceM).toBeCloseTo(30 + 420 + 10, 0);
    expect(gated!.origin).toBe('gates');
  });

  it('serves an estate at 0 from a facility inside it, and on the same street without reaching a node', () => {
    const graph = buildRoadGraph(streets);
    const inside = { type: 'nursery', lng: at(500, 30)[0], lat: at(500, 30)[1] };
    const sameStreet = { type: 'kindergarten', lng: at(300, -5)[0], lat: at(300, -5)[1] };
    const [result] = networkCoverage(graph, [estate(1, square(480, 10, 520, 50))], [inside, sameStreet], types);
    expect(result!.types.nursery).toMatchObject({ distanceM: 0, covered: true });
    expect(result!.types.kindergarten?.distanceM).toBeCloseTo(10 + 180 + 5, 0);
  });
});
