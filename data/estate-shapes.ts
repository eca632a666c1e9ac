/**
 * Estate outlines carved from convex parcels: plain (the parcel behind a setback, a trapezoid
 * where the streets are tilted), chamfered, skewed, L-shaped or notched. Every result is a
 * simple counter-clockwise ring inside its parcel.
 */
import { carve, clipHalfPlane, extentAlong, insetConvex, isSimpleCcwRing, pointInRing, signedArea, type Point } from './plane-geometry.js';

type Rng = () => number;
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Land area limits of one estate (all parts), m². */
export const MIN_ESTATE_AREA_M2 = 800;
export const MAX_ESTATE_AREA_M2 = 60_000;

function keepLeftOf(ring: readonly Point[], a: Point, b: Point): Point[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const nx = -dy / len;
  const ny = dx / len;
  return clipHalfPlane(ring, nx, ny, nx * a[0] + ny * a[1]);
}

function chamfer(base: readonly Point[], rng: Rng): Point[] | null {
  const n = base.length;
  const k = Math.floor(rng() * n);
  const prev = base[(k + n - 1) % n] as Point;
  const v = base[k] as Point;
  const next = base[(k + 1) % n] as Point;
  if (Math.hypot(prev[0] - v[0], prev[1] - v[1]) < 20 || Math.hypot(next[0] - v[0], next[1] - v[1]) < 20) return null;
  const f1 = uniform(rng, 0.2, 0.4);
  const f2 = uniform(rng, 0.2, 0.4);
  const a: Point = [v[0] + (prev[0] - v[0]) * f1, v[1] + (prev[1] - v[1]) * f1];
  const b: Point = [v[0] + (next[0] - v[0]) * f2, v[1] + (next[1] - v[1]) * f2];
  return keepLeftOf(base, a, b);
}

function skew(base: readonly Point[], rng: Rng): Point[] | null {
  const n = base.length;
  const k = Math.floor(rng() * n);
  const p = base[k] as Point;
  const q = base[(k + 1) % n] as Point;
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
  if (len < 20) return null;
  const [u0, u1] = extentAlong(base, 1, 0);
  const [v0, v1] = extentAlong(base, 0, 1);
  const shift = Math.min(u1 - u0, v1 - v0) * uniform(rng, 0.12, 0.25);
  const nx = -(q[1] - p[1]) / len;
  const ny = (q[0] - p[0]) / len;
  // Turn the edge about its end q so that its start moves inwards: a trapezoid.
  return keepLeftOf(base, [p[0] + nx * shift, p[1] + ny * shift], q);
}

function lShape(base: readonly Point[], rng: Rng): Point[] | null {
  const [x0, x1] = extentAlong(base, 1, 0);
  const [y0, y1] = extentAlong(base, 0, 1);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 30 || h < 30) return null;
  const sx = rng() < 0.5 ? -1 : 1;
  const sy = rng() < 0.5 ? -1 : 1;
  const fx = uniform(rng, 0.3, 0.45);
  const fy = uniform(rng, 0.3, 0.5);
  const corner: Point = [sx > 0 ? x1 - fx * w : x0 + fx * w, sy > 0 ? y1 - fy * h : y0 + fy * h];
  if (!pointInRing(corner, base)) return null;
  const ox: Point = [sx, 0];
  const oy: Point = [0, sy];
  // The removed arc runs counter-clockwise from the first ray's exit to the second's.
  return sx * sy > 0 ? carve(base, [corner], ox, oy) : carve(base, [corner], oy, ox);
}

function sideNotch(base: readonly Point[], rng: Rng): Point[] | null {
  const [x0, x1] = extentAlong(base, 1, 0);
  const [y0, y1] = extentAlong(base, 0, 1);
  const side = Math.floor(rng() * 4); // 0 north, 1 west, 2 south, 3 east
  const alongLo = side % 2 === 0 ? x0 : y0;
  const alongLen = side % 2 === 0 ? x1 - x0 : y1 - y0;
  const acrossLen = side % 2 === 0 ? y1 - y0 : x1 - x0;
  if (alongLen < 36 || acrossLen < 30) return null;
  const width = alongLen * uniform(rng, 0.2, 0.35);
  const m0 = alongLo + alongLen * uniform(rng, 0.35, 0.65) - width / 2;
  const m1 = m0 + width;
  const depth = acrossLen * uniform(rng, 0.2, 0.35);
  let inner: Point[];
  let out: Point;
  // Inner points are listed in the order a counter-clockwise walk meets that side.
  switch (side) {
    case 0:
      inner = [
        [m1, y1 - depth],
        [m0, y1 - depth],
      ];
      out = [0, 1];
      break;
    case 1:
      inner = [
        [x0 + depth, m1],
        [x0 + depth, m0],
      ];
      out = [-1, 0];
      break;
    case 2:
      inner = [
        [m0, y0 + depth],
        [m1, y0 + depth],
      ];
      out = [0, -1];
      break;
    default:
      inner = [
        [x1 - depth, m0],
        [x1 - depth, m1],
      ];
      out = [1, 0];
  }
  if (!inner.every((p) => pointInRing(p, base))) return null;
  return carve(base, inner, out, out);
}

/**
 * The outline of an estate on a parcel: the parcel behind a 0.5–2.5 m setback, often with a
 * chamfer, skew, L or notch. Null when even the plain outline is smaller than `minAreaM2`.
 * @example estateOutline([[0, 0], [60, 0], [60, 50], [0, 50]], createRng(3), true)
 */
export function estateOutline(parcel: readonly Point[], rng: Rng, fancy: boolean, minAreaM2 = MIN_ESTATE_AREA_M2): Point[] | null {
  let base = insetConvex(parcel, uniform(rng, 0.5, 2.5));
  if (base.length < 3 || !isSimpleCcwRing(base)) base = insetConvex(parcel, 0.5);
  if (base.length < 3 || !isSimpleCcwRing(base) || signedArea(base) < minAreaM2) return null;
  if (!fancy) return base;
  const baseArea = signedArea(base);
  const r = rng();
  const shaped =
    r < 0.12 ? chamfer(base, rng) : r < 0.24 ? skew(base, rng) : r < 0.5 ? lShape(base, rng) : r < 0.64 ? sideNotch(base, rng) : null;
  if (shaped !== null && shaped.length >= 3 && isSimpleCcwRing(shaped, 1)) {
    const area = signedArea(shaped);
    if (area >= 0.5 * baseArea && area >= minAreaM2) return shaped;
  }
  return base;
}
