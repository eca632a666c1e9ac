/**
 * The bridge between two neighbouring estates: the land a zone's outline takes in between them
 * (the road or lane they face each other across). It is the convex hull of the parts of each
 * boundary that lie within the gap of the other: every vertex of one within the gap, with its
 * closest point on the other. Neighbours that meet only corner to corner would get a bridge of no
 * width; theirs also takes in a short stretch of each boundary either side of the closest points.
 *
 * Every point of the hull lies on one of the two boundaries, so a bridge never reaches past the
 * pair's own convex hull, and along facing edges it is the road between them and nothing more.
 * What no bridge covers — the middle of a crossroads between four estates — the outline fills
 * when it is clearly narrower than the gap (zone-outline.ts), as a closing would.
 */
import { bboxOf, contains, segmentsNear, shapeDistance, shapeParts, type MetricShape } from './metric-shape.js';

/** Half-width of the bridge along the closest line between two estates, as a share of the gap. */
const BRIDGE_HALF_WIDTH_SHARE = 0.25;
/**
 * Points of a bridge that lie on an estate's edge between its vertices are set this far inside the
 * estate: on the edge itself, rounding would leave them a hair outside as often as inside, and a
 * bridge that only touches an estate does not join it in a union.
 */
const INSET_M = 0.005;

interface ClosestPoint {
  distanceSq: number;
  /** Index (of the first vertex) of the segment the point lies on, and where along it (0–1). */
  segment: number;
  t: number;
  x: number;
  y: number;
}

function closestOnSegments(shape: MetricShape, segments: readonly number[], px: number, py: number): ClosestPoint {
  const xy = shape.xy;
  let bestSq = Infinity;
  let bestSegment = -1;
  let bestT = 0;
  for (const i of segments) {
    const ax = xy[2 * i] ?? 0;
    const ay = xy[2 * i + 1] ?? 0;
    const dx = (xy[2 * i + 2] ?? 0) - ax;
    const dy = (xy[2 * i + 3] ?? 0) - ay;
    const lengthSq = dx * dx + dy * dy;
    let t = lengthSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSq;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = ax + t * dx - px;
    const ey = ay + t * dy - py;
    const distanceSq = ex * ex + ey * ey;
    if (distanceSq < bestSq) {
      bestSq = distanceSq;
      bestSegment = i;
      bestT = t;
    }
  }
  const ax = xy[2 * bestSegment] ?? 0;
  const ay = xy[2 * bestSegment + 1] ?? 0;
  return {
    distanceSq: bestSq,
    segment: bestSegment,
    t: bestT,
    x: ax + bestT * ((xy[2 * bestSegment + 2] ?? 0) - ax),
    y: ay + bestT * ((xy[2 * bestSegment + 3] ?? 0) - ay),
  };
}

/**
 * Pushes the point at `t` along segment `i` (0 its first vertex, 1 its second), set INSET_M into the
 * estate: across the segment, away from (awayX, awayY) on the other estate of the pair (NaN when
 * the two overlap, and that point may lie inside this one).
 */
function pushOnSegment(shape: MetricShape, i: number, t: number, awayX: number, awayY: number, into: number[]): void {
  const xy = shape.xy;
  const ax = xy[2 * i] ?? 0;
  const ay = xy[2 * i + 1] ?? 0;
  const dx = (xy[2 * i + 2] ?? 0) - ax;
  const dy = (xy[2 * i + 3] ?? 0) - ay;
  const x = ax + t * dx;
  const y = ay + t * dy;
  if (t <= 0 || t >= 1) {
    into.push(x, y);
    return;
  }
  const length = Math.hypot(dx, dy);
  const across = (awayX - x) * -dy + (awayY - y) * dx;
  let side = across > 0 ? -1 : 1;
  // No point of the other estate to turn away from (NaN: the two overlap), or it lies on this
  // edge: which side is inside, only the estate can tell.
  if (!(Math.abs(across) >= 1e-3 * length) && !contains(shape, x - (side * dy * INSET_M) / length, y + (side * dx * INSET_M) / length))
    side = -side;
  into.push(x - (side * dy * INSET_M) / length, y + (side * dx * INSET_M) / length);
}

/** The ring of vertex `v`: its first vertex and its last (which repeats the first). */
function ringAround(shape: MetricShape, v: number): { start: number; last: number } {
  let r = 0;
  while ((shape.ringStarts[r + 1] ?? 0) <= v) r++;
  return { start: shape.ringStarts[r] ?? 0, last: (shape.ringStarts[r + 1] ?? 0) - 1 };
}

/**
 * Pushes vertex `v`, set INSET_M into the estate along the bisector of its corner: a bridge whose
 * hull meets an estate only at its vertices (across a notch) must still overlap it.
 */
function pushVertex(shape: MetricShape, v: number, into: number[]): void {
  const { xy } = shape;
  const { start, last } = ringAround(shape, v);
  const previous = v === start ? last - 1 : v - 1;
  const x = xy[2 * v] ?? 0;
  const y = xy[2 * v + 1] ?? 0;
  const px = (xy[2 * previous] ?? 0) - x;
  const py = (xy[2 * previous + 1] ?? 0) - y;
  const nx = (xy[2 * v + 2] ?? 0) - x;
  const ny = (xy[2 * v + 3] ?? 0) - y;
  const pLength = Math.hypot(px, py) || 1;
  const nLength = Math.hypot(nx, ny) || 1;
  let dx = px / pLength + nx / nLength;
  let dy = py / pLength + ny / nLength;
  // A straight run: across the edge instead.
  if (Math.hypot(dx, dy) < 1e-6) [dx, dy] = [-ny / nLength, nx / nLength];
  const step = INSET_M / Math.hypot(dx, dy);
  const inside = contains(shape, x + dx * step, y + dy * step);
  into.push(inside ? x + dx * step : x - dx * step, inside ? y + dy * step : y - dy * step);
}

function bboxesMeet(a: MetricShape, b: MetricShape): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

function segmentLength(shape: MetricShape, i: number): number {
  return Math.hypot((shape.xy[2 * i + 2] ?? 0) - (shape.xy[2 * i] ?? 0), (shape.xy[2 * i + 3] ?? 0) - (shape.xy[2 * i + 1] ?? 0)) || 1;
}

/**
 * Widens a bridge at one end of the closest pair: the boundary `halfWidthM` either way from the
 * point at `t` along segment `i` — along both edges of a vertex, so a corner gets a wedge.
 */
function widenAt(shape: MetricShape, i: number, t: number, awayX: number, awayY: number, halfWidthM: number, into: number[]): void {
  if (t > 0 && t < 1) {
    const step = halfWidthM / segmentLength(shape, i);
    pushOnSegment(shape, i, Math.max(0, t - step), awayX, awayY, into);
    pushOnSegment(shape, i, Math.min(1, t + step), awayX, awayY, into);
    return;
  }
  const v = t <= 0 ? i : i + 1;
  const { start, last } = ringAround(shape, v);
  // The edges that end and start at the vertex; the ring's last vertex repeats its first.
  const before = v === start || v === last ? last - 1 : v - 1;
  const after = v === last ? start : v;
  pushOnSegment(shape, before, Math.max(0, 1 - halfWidthM / segmentLength(shape, before)), awayX, awayY, into);
  pushOnSegment(shape, after, Math.min(1, halfWidthM / segmentLength(shape, after)), awayX, awayY, into);
}

interface ClosestPair {
  /** A vertex of one estate, on its segment `segment`… */
  x: number;
  y: number;
  segment: number;
  /** …and the closest point to it on the other. */
  on: ClosestPoint;
}

/**
 * Pushes every vertex of `from` within `gapM` of `to` into `intoFrom`, and its closest point on
 * `to` into `intoTo`; answers the closest such pair.
 */
function nearPoints(
  from: MetricShape,
  fromSegments: readonly number[],
  to: MetricShape,
  toSegments: readonly number[],
  gapM: number,
  intoFrom: number[],
  intoTo: number[],
): ClosestPair | null {
  const gapSq = gapM * gapM;
  // Only where the bboxes overlap can a vertex lie inside the other estate: there is nothing to
  // bridge from it, and its closest point on the other's boundary is no way across.
  const overlapping = bboxesMeet(from, to);
  let best: ClosestPair | null = null;
  for (const segment of fromSegments) {
    // Each segment's first vertex; a ring's last vertex repeats its first.
    const x = from.xy[2 * segment] ?? 0;
    const y = from.xy[2 * segment + 1] ?? 0;
    const on = closestOnSegments(to, toSegments, x, y);
    if (on.distanceSq > gapSq || (overlapping && contains(to, x, y))) continue;
    pushVertex(from, segment, intoFrom);
    pushOnSegment(to, on.segment, on.t, overlapping ? Number.NaN : x, y, intoTo);
    if (!best || on.distanceSq < best.on.distanceSq) best = { x, y, segment, on };
  }
  return best;
}

function cross(points: readonly number[], o: number, a: number, b: number): number {
  const ox = points[2 * o] ?? 0;
  const oy = points[2 * o + 1] ?? 0;
  return ((points[2 * a] ?? 0) - ox) * ((points[2 * b + 1] ?? 0) - oy) - ((points[2 * a + 1] ?? 0) - oy) * ((points[2 * b] ?? 0) - ox);
}

/** Convex hull of points [x0, y0, x1, y1, …], counter-clockwise and closed (Andrew's monotone chain). */
export function convexHull(points: readonly number[]): number[][] {
  const n = points.length >> 1;
  if (n < 3) return [];
  // Insertion sort by x, then y: a bridge has a few dozen points at most.
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = points[2 * i] ?? 0;
    const y = points[2 * i + 1] ?? 0;
    let k = order.length;
    for (; k > 0; k--) {
      const j = order[k - 1] ?? 0;
      const xj = points[2 * j] ?? 0;
      if (xj < x || (xj === x && (points[2 * j + 1] ?? 0) <= y)) break;
      order[k] = j;
    }
    order[k] = i;
  }
  const hull: number[] = [];
  // Lower chain left to right, then upper chain back: each keeps only left turns.
  for (let pass = 0; pass < 2; pass++) {
    const floor = hull.length;
    for (let k = 0; k < n; k++) {
      const p = order[pass === 0 ? k : n - 1 - k] ?? 0;
      while (hull.length >= floor + 2 && cross(points, hull[hull.length - 2] ?? 0, hull[hull.length - 1] ?? 0, p) <= 0) hull.pop();
      hull.push(p);
    }
    hull.pop();
  }
  if (hull.length < 3) return [];
  const ring = hull.map((p) => [points[2 * p] ?? 0, points[2 * p + 1] ?? 0]);
  ring.push([...(ring[0] ?? [0, 0])]);
  return ring;
}

/**
 * The bridge between neighbours `a` and `b` (within `gapM` of each other), as one closed
 * counter-clockwise ring in metres; empty when there is no land between them to take in.
 */
export function linkBridge(a: MetricShape, b: MetricShape, gapM: number): number[][] {
  const segmentsA = segmentsNear(a, b.minX - gapM, b.minY - gapM, b.maxX + gapM, b.maxY + gapM);
  const segmentsB = segmentsNear(b, a.minX - gapM, a.minY - gapM, a.maxX + gapM, a.maxY + gapM);
  const onA: number[] = [];
  const onB: number[] = [];
  const fromA = nearPoints(a, segmentsA, b, segmentsB, gapM, onA, onB);
  const fromB = nearPoints(b, segmentsB, a, segmentsA, gapM, onB, onA);
  const closest =
    fromA && (!fromB || fromA.on.distanceSq <= fromB.on.distanceSq)
      ? { pair: fromA, vertexOn: a }
      : fromB
        ? { pair: fromB, vertexOn: b }
        : null;
  if (!closest) return [];
  // A side that meets the other at one point only (a corner) would give a bridge that touches it
  // at that point, or one of no width: it takes in a short stretch of its boundary either side.
  const halfWidthM = gapM * BRIDGE_HALF_WIDTH_SHARE;
  const { pair, vertexOn } = closest;
  // Where the two may overlap, a point of one is no guide to which side of the other's edge is inside.
  const guide = bboxesMeet(a, b) ? Number.NaN : 0;
  for (const [shape, points] of [
    [a, onA],
    [b, onB],
  ] as const) {
    if (extentOf(points) >= halfWidthM) continue;
    if (shape === vertexOn) widenAt(shape, pair.segment, 0, pair.on.x + guide, pair.on.y, halfWidthM, points);
    else widenAt(shape, pair.on.segment, pair.on.t, pair.x + guide, pair.y, halfWidthM, points);
  }
  return convexHull([...onA, ...onB]);
}

/** The diagonal of the bbox of points [x0, y0, x1, y1, …], metres. */
function extentOf(points: readonly number[]): number {
  const [minX, minY, maxX, maxY] = bboxOf(points);
  return points.length < 4 ? 0 : Math.hypot(maxX - minX, maxY - minY);
}

/** Indices of two linked shapes. */
export interface ShapeLink {
  a: number;
  b: number;
}

/**
 * Every bridge of a zone: one for each neighbour link between its estates, and one between each
 * two parts of a multi-part estate that lie within the gap of each other.
 */
export function zoneBridges(shapes: readonly MetricShape[], links: readonly ShapeLink[], gapM: number): number[][][] {
  const bridges: number[][][] = [];
  for (const { a, b } of links) {
    const shapeA = shapes[a];
    const shapeB = shapes[b];
    if (shapeA && shapeB) bridges.push(linkBridge(shapeA, shapeB, gapM));
  }
  for (const shape of shapes) {
    if (shape.ringStarts.length <= 2) continue;
    const parts = shapeParts(shape);
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const p = parts[i];
        const q = parts[j];
        if (p && q && shapeDistance(p, q, gapM) <= gapM) bridges.push(linkBridge(p, q, gapM));
      }
    }
  }
  return bridges.filter((bridge) => bridge.length >= 4);
}
