/**
 * An estate's outline in a local metric plane, packed for fast distance checks: every ring's
 * vertices in one Float64Array, closed rings (last vertex repeats the first) as GeoJSON has them.
 */
export interface MetricShape {
  /** x0, y0, x1, y1, … of every ring, one after another, metres. */
  readonly xy: Float64Array;
  /** Offsets (in vertices) where each ring starts, and one past the last vertex. */
  readonly ringStarts: Uint32Array;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** `[minX, minY, maxX, maxY]` of coordinates x0, y0, x1, y1, … */
export function bboxOf(xy: ArrayLike<number>): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k + 1 < xy.length; k += 2) {
    const x = xy[k] ?? 0;
    const y = xy[k + 1] ?? 0;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** A shape of packed rings, with their bbox. */
export function shapeOf(xy: Float64Array, ringStarts: Uint32Array): MetricShape {
  const [minX, minY, maxX, maxY] = bboxOf(xy);
  return { xy, ringStarts, minX, minY, maxX, maxY };
}

/** Packs rings given in metres (PostGIS projects them: server/features/zones/zone-estates.ts). */
export function packRings(rings: readonly (readonly (readonly number[])[])[]): MetricShape {
  const total = rings.reduce((n, ring) => n + ring.length, 0);
  const xy = new Float64Array(total * 2);
  const ringStarts = new Uint32Array(rings.length + 1);
  let k = 0;
  rings.forEach((ring, r) => {
    ringStarts[r] = k;
    for (const p of ring) {
      xy[2 * k] = p[0] ?? 0;
      xy[2 * k + 1] = p[1] ?? 0;
      k++;
    }
  });
  ringStarts[rings.length] = k;
  return shapeOf(xy, ringStarts);
}

/** Ring `r` of the shape as GeoJSON coordinates (closed). */
export function ringCoordinates(shape: MetricShape, r: number): number[][] {
  const ring: number[][] = [];
  for (let k = shape.ringStarts[r] ?? 0; k < (shape.ringStarts[r + 1] ?? 0); k++)
    ring.push([shape.xy[2 * k] ?? 0, shape.xy[2 * k + 1] ?? 0]);
  return ring;
}

/** The other rings of the shape that hold ring `r` (by its first vertex). */
function ringHolders(shape: MetricShape, r: number): number[] {
  const { xy, ringStarts } = shape;
  const start = ringStarts[r] ?? 0;
  const holders: number[] = [];
  for (let o = 0; o + 1 < ringStarts.length; o++) {
    if (o !== r && inRingAt(xy, ringStarts[o] ?? 0, ringStarts[o + 1] ?? 0, xy[2 * start] ?? 0, xy[2 * start + 1] ?? 0)) holders.push(o);
  }
  return holders;
}

/** Is ring `r` of the shape a hole: inside an odd number of its other rings? */
export function isHoleRing(shape: MetricShape, r: number): boolean {
  return shape.ringStarts.length > 2 && ringHolders(shape, r).length % 2 === 1;
}

/**
 * The polygons of a multi-part estate, each as a shape of its own (its outer ring and holes): a
 * hole belongs to the innermost outer ring holding it.
 */
export function shapeParts(shape: MetricShape): MetricShape[] {
  const ringCount = shape.ringStarts.length - 1;
  if (ringCount <= 1) return [shape];
  const holders = Array.from({ length: ringCount }, (_, r) => ringHolders(shape, r));
  const parts = new Map<number, number[][][]>();
  holders.forEach((held, r) => {
    if (held.length % 2 === 0) parts.set(r, [ringCoordinates(shape, r)]);
  });
  holders.forEach((held, r) => {
    if (held.length % 2 === 0) return;
    // Its own outer ring: the holder that the most others hold.
    const outer = held.reduce((best, o) => ((holders[o]?.length ?? 0) > (holders[best]?.length ?? 0) ? o : best));
    parts.get(outer)?.push(ringCoordinates(shape, r));
  });
  return [...parts.values()].map((part) => packRings(part));
}

/** Is (x, y) inside the ring that starts at vertex `start` and ends before `end`? */
export function inRingAt(xy: Float64Array, start: number, end: number, x: number, y: number): boolean {
  let inside = false;
  for (let i = start, j = end - 1; i < end; j = i++) {
    const xi = xy[2 * i] ?? 0;
    const yi = xy[2 * i + 1] ?? 0;
    const xj = xy[2 * j] ?? 0;
    const yj = xy[2 * j + 1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is (x, y) inside the shape? Even–odd over all rings, so holes are outside. */
export function contains(shape: MetricShape, x: number, y: number): boolean {
  let inside = false;
  for (let r = 0; r + 1 < shape.ringStarts.length; r++) {
    if (inRingAt(shape.xy, shape.ringStarts[r] ?? 0, shape.ringStarts[r + 1] ?? 0, x, y)) inside = !inside;
  }
  return inside;
}

function pointSegmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSq;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

const orientation = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  return o1 !== o2 && o3 !== o4 && o1 * o2 <= 0 && o3 * o4 <= 0;
}

/** Indices (of first vertices) of the segments of `shape` whose bbox meets the window. */
export function segmentsNear(shape: MetricShape, minX: number, minY: number, maxX: number, maxY: number): number[] {
  const { xy, ringStarts } = shape;
  const found: number[] = [];
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    const end = ringStarts[r + 1] ?? 0;
    for (let i = ringStarts[r] ?? 0; i + 1 < end; i++) {
      const ax = xy[2 * i] ?? 0;
      const ay = xy[2 * i + 1] ?? 0;
      const bx = xy[2 * i + 2] ?? 0;
      const by = xy[2 * i + 3] ?? 0;
      if (Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX || Math.max(ay, by) < minY || Math.min(ay, by) > maxY) continue;
      found.push(i);
    }
  }
  return found;
}

/**
 * The distance in metres between two shapes, 0 when they touch, cross or one holds the other —
 * what PostGIS's ST_Distance gives for the same geometries. Only segments facing each other
 * (within `limit` of the other's bbox) are compared; a distance above `limit` comes back as Infinity.
 */
export function shapeDistance(a: MetricShape, b: MetricShape, limit = Infinity): number {
  if (a.minX - limit > b.maxX || b.minX - limit > a.maxX || a.minY - limit > b.maxY || b.minY - limit > a.maxY) return Infinity;
  const nearA = segmentsNear(a, b.minX - limit, b.minY - limit, b.maxX + limit, b.maxY + limit);
  const nearB = segmentsNear(b, a.minX - limit, a.minY - limit, a.maxX + limit, a.maxY + limit);
  let best = Infinity;
  const ax = a.xy;
  const bx = b.xy;
  for (const i of nearA) {
    const p0 = ax[2 * i] ?? 0;
    const p1 = ax[2 * i + 1] ?? 0;
    const p2 = ax[2 * i + 2] ?? 0;
    const p3 = ax[2 * i + 3] ?? 0;
    for (const j of nearB) {
      const q0 = bx[2 * j] ?? 0;
      const q1 = bx[2 * j + 1] ?? 0;
      const q2 = bx[2 * j + 2] ?? 0;
      const q3 = bx[2 * j + 3] ?? 0;
      if (segmentsCross(p0, p1, p2, p3, q0, q1, q2, q3)) return 0;
      const d = Math.min(
        pointSegmentDistanceSq(p0, p1, q0, q1, q2, q3),
        pointSegmentDistanceSq(p2, p3, q0, q1, q2, q3),
        pointSegmentDistanceSq(q0, q1, p0, p1, p2, p3),
        pointSegmentDistanceSq(q2, q3, p0, p1, p2, p3),
      );
      if (d < best) best = d;
    }
  }
  // No boundary crossing: one may still lie wholly inside the other.
  if (contains(b, ax[0] ?? 0, ax[1] ?? 0) || contains(a, bx[0] ?? 0, bx[1] ?? 0)) return 0;
  const distance = Math.sqrt(best);
  return distance <= limit ? distance : Infinity;
}

/** The centre of the shape's bbox, metres. */
export function shapeCentre(shape: MetricShape): [number, number] {
  return [(shape.minX + shape.maxX) / 2, (shape.minY + shape.maxY) / 2];
}
