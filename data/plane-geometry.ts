/**
 * Planar geometry in local metres for the demo-city generator. Rings are open (no repeated
 * closing vertex) and counter-clockwise; most helpers assume a convex ring and say so.
 */
export type Point = [number, number];

/** Signed area (positive for counter-clockwise). */
export function signedArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i] as Point;
    const [x1, y1] = ring[(i + 1) % n] as Point;
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Area centroid of a simple ring. */
export function ringCentroid(ring: readonly Point[]): Point {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = ring[0] as Point; // shift to the first vertex to keep the sums well conditioned
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i] as Point;
    const [x1, y1] = ring[(i + 1) % n] as Point;
    const ax = x0 - ox;
    const ay = y0 - oy;
    const bx = x1 - ox;
    const by = y1 - oy;
    const cross = ax * by - bx * ay;
    a += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

/** Keeps the part of a convex ring where nx·x + ny·y ≥ c (Sutherland–Hodgman against one half-plane). */
export function clipHalfPlane(ring: readonly Point[], nx: number, ny: number, c: number): Point[] {
  const out: Point[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n] as Point;
    const cur = ring[i] as Point;
    const dp = nx * prev[0] + ny * prev[1] - c;
    const dc = nx * cur[0] + ny * cur[1] - c;
    if (dc >= 0) {
      if (dp < 0) out.push(lerpAt(prev, cur, dp, dc));
      out.push([cur[0], cur[1]]);
    } else if (dp >= 0) {
      out.push(lerpAt(prev, cur, dp, dc));
    }
  }
  return dropNearDuplicates(out, 1e-6);
}

function lerpAt(p: Point, q: Point, dp: number, dq: number): Point {
  const t = dp / (dp - dq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Removes consecutive vertices within `tolerance` of each other in x and y (cyclically). */
export function dropNearDuplicates(ring: Point[], tolerance: number): Point[] {
  const out: Point[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last === undefined || Math.abs(p[0] - last[0]) > tolerance || Math.abs(p[1] - last[1]) > tolerance) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0] as Point;
    const last = out[out.length - 1] as Point;
    if (Math.abs(first[0] - last[0]) > tolerance || Math.abs(first[1] - last[1]) > tolerance) break;
    out.pop();
  }
  return out;
}

/**
 * Moves every edge of a convex counter-clockwise ring inwards by its own distance (mitred),
 * by clipping with each offset half-plane. Returns [] when nothing is left.
 */
export function insetConvex(ring: readonly Point[], offsets: readonly number[] | number): Point[] {
  let out: Point[] = ring.map((p) => [p[0], p[1]]);
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const d = typeof offsets === 'number' ? offsets : (offsets[i] ?? 0);
    if (d === 0) continue;
    const p = ring[i] as Point;
    const q = ring[(i + 1) % n] as Point;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (len === 0) continue;
    const nx = -(q[1] - p[1]) / len;
    const ny = (q[0] - p[0]) / len;
    out = clipHalfPlane(out, nx, ny, nx * p[0] + ny * p[1] + d);
    if (out.length < 3) return [];
  }
  return out;
}

/** [min, max] of the ring projected on the unit axis (ax, ay). */
export function extentAlong(ring: readonly Point[], ax: number, ay: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const p of ring) {
    const d = p[0] * ax + p[1] * ay;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return [min, max];
}

export interface RayExit {
  point: Point;
  /** Index of the edge ring[edge] → ring[edge + 1] the ray leaves through. */
  edge: number;
  /** Position along that edge, 0 at ring[edge]. */
  along: number;
}

/** Where a ray from a point inside a convex ring leaves it. */
export function rayExit(ring: readonly Point[], from: Point, dir: Point): RayExit | null {
  let best: RayExit | null = null;
  let bestS = Infinity;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % n] as Point;
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const den = dir[0] * ey - dir[1] * ex;
    if (Math.abs(den) < 1e-12) continue;
    const wx = a[0] - from[0];
    const wy = a[1] - from[1];
    const s = (wx * ey - wy * ex) / den;
    const t = (wx * dir[1] - wy * dir[0]) / den;
    if (s > 1e-9 && t >= 0 && t <= 1 && s < bestS) {
      bestS = s;
      best = { point: [from[0] + s * dir[0], from[1] + s * dir[1]], edge: i, along: t };
    }
  }
  return best;
}

/**
 * Cuts a notch out of a convex ring along a polyline that starts and ends on the boundary:
 * rays from the first inner point (along `dirStart`) and the last (along `dirEnd`) meet the
 * boundary at q0 and qm; the boundary arc from q0 counter-clockwise to qm is removed and
 * replaced by q0 → inner… → qm. Returns null when the rays miss.
 * @example carve(square, [[0.6, 0.6]], [1, 0], [0, 1]) // the square minus its top-right quadrant (an L)
 */
export function carve(ring: readonly Point[], inner: readonly Point[], dirStart: Point, dirEnd: Point): Point[] | null {
  const first = inner[0];
  const last = inner[inner.length - 1];
  if (first === undefined || last === undefined) return null;
  const e0 = rayExit(ring, first, dirStart);
  const em = rayExit(ring, last, dirEnd);
  if (e0 === null || em === null) return null;
  const n = ring.length;
  let count = (((e0.edge - em.edge) % n) + n) % n;
  if (count === 0 && em.along > e0.along) count = n;
  const out: Point[] = [em.point];
  for (let c = 0; c < count; c++) out.push((ring[(em.edge + 1 + c) % n] as Point).slice() as Point);
  out.push(e0.point);
  for (const p of inner) out.push([p[0], p[1]]);
  return dropNearDuplicates(out, 1e-6);
}

function orient(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Whether closed segments ab and cd share a point. */
export function segmentsTouch(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/**
 * Whether a ring is simple: no two non-adjacent edges touch, adjacent edges meet only at their
 * shared vertex, every edge at least `minEdgeM` long and the ring counter-clockwise.
 */
export function isSimpleCcwRing(ring: readonly Point[], minEdgeM = 0.5): boolean {
  const n = ring.length;
  if (n < 3 || signedArea(ring) <= 0) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % n] as Point;
    if (Math.hypot(b[0] - a[0], b[1] - a[1]) < minEdgeM) return false;
  }
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % n] as Point;
    for (let j = i + 1; j < n; j++) {
      const c = ring[j] as Point;
      const d = ring[(j + 1) % n] as Point;
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // Adjacent edges must not fold back onto each other.
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (orient(other1, shared, other2) === 0) {
          const dot = (other1[0] - shared[0]) * (other2[0] - shared[0]) + (other1[1] - shared[1]) * (other2[1] - shared[1]);
          if (dot > 0) return false;
        }
        continue;
      }
      if (segmentsTouch(a, b, c, d)) return false;
    }
  }
  return true;
}

/** Even–odd point-in-ring test. */
export function pointInRing(p: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from a point to the segment ab. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = p[0] - (a[0] + t * dx);
  const ey = p[1] - (a[1] + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

/** Distance from a point to a ring's area: 0 inside, else to the nearest edge. */
export function distanceToRingArea(p: Point, ring: readonly Point[]): number {
  if (pointInRing(p, ring)) return 0;
  let best = Infinity;
  for (let i = 0, n = ring.length; i < n; i++) {
    const d = distanceToSegment(p, ring[i] as Point, ring[(i + 1) % n] as Point);
    if (d < best) best = d;
  }
  return best;
}

/**
 * Offsets an open polyline sideways by `distance(i)` at vertex i (positive = to the right of
 * the direction of travel), with mitred joins. Meant for smooth, gently curving lines.
 */
export function offsetPolyline(line: readonly Point[], distance: (i: number) => number): Point[] {
  const n = line.length;
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const p = line[i] as Point;
    const prev = line[Math.max(0, i - 1)] as Point;
    const next = line[Math.min(n - 1, i + 1)] as Point;
    const n1 = rightNormal(i === 0 ? p : prev, i === 0 ? next : p);
    const n2 = rightNormal(i === n - 1 ? prev : p, i === n - 1 ? p : next);
    let mx = n1[0] + n2[0];
    let my = n1[1] + n2[1];
    const ml = Math.hypot(mx, my);
    mx /= ml;
    my /= ml;
    const cos = mx * n1[0] + my * n1[1];
    const d = distance(i) / Math.max(cos, 0.5);
    out.push([p[0] + mx * d, p[1] + my * d]);
  }
  return out;
}

function rightNormal(a: Point, b: Point): Point {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  return [dy / len, -dx / len];
}
