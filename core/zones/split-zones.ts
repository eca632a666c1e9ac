/**
 * Splits a connected group of estates into zones that respect the caps, each zone connected
 * through the neighbour relation.
 *
 * Greedy region growing, preferring compact zones: a zone starts from the estate farthest from
 * the middle of what is left (so the leftovers at the edge are taken first and no stray estate
 * is stranded between full zones), then repeatedly takes the neighbour nearest to its own middle
 * that still fits the caps. Compact zones keep walking distances short, which is the point of
 * sharing facilities across a zone (design.md §7), and nearest-to-middle growth is what keeps
 * them round instead of strung along a road. An estate that alone exceeds a cap is a zone of its own.
 */

export interface SplitCandidate {
  /** Unknown households count as 0 toward the cap. */
  households: number | null;
  /** The estate's middle in metres. */
  centre: readonly [number, number];
}

export interface ZoneCaps {
  maxHouseholds: number | null;
  maxEstates: number | null;
}

const householdsOf = (c: SplitCandidate | undefined): number => c?.households ?? 0;

/** Does the group exceed a cap? */
export function exceedsCaps(members: readonly number[], candidates: readonly SplitCandidate[], caps: ZoneCaps): boolean {
  if (caps.maxEstates !== null && members.length > caps.maxEstates) return true;
  if (caps.maxHouseholds === null) return false;
  let households = 0;
  for (const m of members) households += householdsOf(candidates[m]);
  return households > caps.maxHouseholds;
}

function squaredDistance(a: readonly [number, number], b: readonly [number, number]): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}

function middleOf(members: Iterable<number>, candidates: readonly SplitCandidate[]): [number, number] {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const m of members) {
    const c = candidates[m];
    if (!c) continue;
    x += c.centre[0];
    y += c.centre[1];
    n++;
  }
  return n === 0 ? [0, 0] : [x / n, y / n];
}

/**
 * Zones of `members` (node indices) within the caps.
 * @param neighbours adjacency lists over all nodes
 */
export function splitByCaps(
  members: readonly number[],
  neighbours: readonly (readonly number[])[],
  candidates: readonly SplitCandidate[],
  caps: ZoneCaps,
): number[][] {
  if (!exceedsCaps(members, candidates, caps)) return [[...members]];
  const remaining = new Set(members);
  const zones: number[][] = [];
  while (remaining.size > 0) {
    const middle = middleOf(remaining, candidates);
    let seed = -1;
    let farthest = -1;
    for (const m of remaining) {
      const d = squaredDistance(candidates[m]?.centre ?? middle, middle);
      if (d > farthest || (d === farthest && m < seed)) {
        farthest = d;
        seed = m;
      }
    }
    remaining.delete(seed);
    const zone = [seed];
    let households = householdsOf(candidates[seed]);
    let sumX = candidates[seed]?.centre[0] ?? 0;
    let sumY = candidates[seed]?.centre[1] ?? 0;
    const frontier = new Set<number>();
    const grow = (m: number): void => {
      for (const n of neighbours[m] ?? []) if (remaining.has(n)) frontier.add(n);
    };
    grow(seed);
    for (;;) {
      if (caps.maxEstates !== null && zone.length >= caps.maxEstates) break;
      const zoneMiddle: [number, number] = [sumX / zone.length, sumY / zone.length];
      let next = -1;
      let nearest = Infinity;
      for (const n of frontier) {
        if (!remaining.has(n)) continue;
        if (caps.maxHouseholds !== null && households + householdsOf(candidates[n]) > caps.maxHouseholds) continue;
        const d = squaredDistance(candidates[n]?.centre ?? zoneMiddle, zoneMiddle);
        if (d < nearest || (d === nearest && n < next)) {
          nearest = d;
          next = n;
        }
      }
      if (next < 0) break;
      remaining.delete(next);
      frontier.delete(next);
      zone.push(next);
      households += householdsOf(candidates[next]);
      sumX += candidates[next]?.centre[0] ?? 0;
      sumY += candidates[next]?.centre[1] ?? 0;
      grow(next);
    }
    zones.push(zone.sort((a, b) => a - b));
  }
  return zones;
}
