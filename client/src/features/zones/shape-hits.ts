/**
 * Which estates a box or lasso drawn on the screen takes in: an estate is in when its label point
 * (a point inside its polygon, as the map labels it) lies inside the shape. Centres rather than
 * any overlap, so a lasso that grazes a neighbour's edge does not pick it — planners draw
 * around the estates they mean, not exactly along their boundaries.
 */
import type { PixelPoint } from '../../../../core/geometry/lng-lat';

export interface ScreenPoint {
  id: number;
  at: PixelPoint;
}

/** The rectangle spanned by two corners, as a closed ring. */
export function boxRing([ax, ay]: PixelPoint, [bx, by]: PixelPoint): PixelPoint[] {
  return [
    [ax, ay],
    [bx, ay],
    [bx, by],
    [ax, by],
    [ax, ay],
  ];
}

/**
 * Drops points closer than `minStepPx` to the last kept one (a pointer sends many per pixel).
 * @example thinPath([[0, 0], [1, 0], [5, 0]], 3) // [[0, 0], [5, 0]]
 */
export function thinPath(points: readonly PixelPoint[], minStepPx: number): PixelPoint[] {
  const kept: PixelPoint[] = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minStepPx) kept.push(p);
  }
  return kept;
}

/** Even-odd ray casting; the ring may be open or closed. */
export function pointInRing([x, y]: PixelPoint, ring: readonly PixelPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Ids of the points inside the shape (a ring of at least three points), in the given order.
 * @example idsInShape([{ id: 1, at: [5, 5] }, { id: 2, at: [50, 5] }], boxRing([0, 0], [10, 10])) // [1]
 */
export function idsInShape(points: readonly ScreenPoint[], ring: readonly PixelPoint[]): number[] {
  if (ring.length < 3) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return points.filter(({ at: [x, y] }) => x >= minX && x <= maxX && y >= minY && y <= maxY && pointInRing([x, y], ring)).map((p) => p.id);
}
