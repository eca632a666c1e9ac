/**
 * Where one more facility of a type would help most: greedy maximal covering. Each candidate site
 * (a street junction, or without streets a grid point, never inside an estate) covers the estates
 * it reaches within the type's radius — walking or straight line, as the coverage was computed —
 * that no facility reaches yet; the pick covering the most households goes first, its estates
 * count as covered, and so on K times. Greedy is within 1 − 1/e of the best choice (Nemhauser,
 * Wolsey & Fisher 1978); tests/unit/site-suggestion.test.ts measures it against the exact best.
 */
import Flatbush from 'flatbush';
import type { CoverageEstate, EstateCoverage } from './coverage.js';
import { bboxAroundM, metresPerDegree, insideRings } from './ellipsoid-distance.js';
import { originDistanceM } from './facility-index.js';
import { estateAccessOf, networkCoverage, type EstateAccess } from './network-coverage.js';
import { coverageFor } from './coverage-run.js';
import type { CoverageType } from './coverage-types.js';
import type { FacilityPoint } from './facility-index.js';
import { localWalk } from '../network/local-walk.js';
import type { RoadGraph } from '../network/road-graph.js';

export interface SiteCandidate {
  lng: number;
  lat: number;
  /** Positions (in the estate list) of the uncovered estates it reaches. */
  reaches: number[];
}

export interface SitePick {
  lng: number;
  lat: number;
  /** Households newly covered by this pick, after the picks before it. */
  households: number;
  estateIds: number[];
}

/** A place a facility could go: [lng, lat] and, on the street network, its node (-1 for a grid point). */
export type SitePlace = [lng: number, lat: number, node: number];

/**
 * Candidate sites for the estates a type leaves uncovered: street junctions with the walking model,
 * else the points of a grid at a third of the radius; only within the radius of such an estate's
 * bbox (a site farther off covers nobody new), never inside an estate.
 */
export function candidateSites(
  estates: readonly CoverageEstate[],
  uncovered: readonly boolean[],
  graph: RoadGraph | null,
  radiusM: number,
): SitePlace[] {
  const open = estates.filter((_, i) => uncovered[i]);
  if (open.length === 0) return [];
  const near = new Flatbush(open.length, 16, Float64Array);
  for (const e of open) {
    near.add(...bboxAroundM(e.origins.bbox, radiusM));
  }
  near.finish();
  const inside = new Flatbush(estates.length, 16, Float64Array);
  for (const e of estates) inside.add(...(e.origins.bbox as [number, number, number, number]));
  inside.finish();
  const usable = (lng: number, lat: number): boolean =>
    near.search(lng, lat, lng, lat).length > 0 &&
    !inside.search(lng, lat, lng, lat).some((k) => insideRings(lng, lat, estates[k]!.origins.rings));

  const points: SitePlace[] = [];
  if (graph) {
    for (let n = 0; n < graph.nodeCount; n++) {
      const [lng, lat] = [graph.nodeCoords[2 * n]!, graph.nodeCoords[2 * n + 1]!];
      if (graph.chains.isJunction[n] && usable(lng, lat)) points.push([lng, lat, n]);
    }
    return points;
  }
  // One grid for all: steps in degrees at each whole degree of latitude, cells keyed so neighbours share points.
  const seen = new Set<string>();
  for (const e of open) {
    const scale = metresPerDegree(Math.round((e.origins.bbox[1] + e.origins.bbox[3]) / 2));
    const [stepX, stepY] = [radiusM / 3 / scale.x, radiusM / 3 / scale.y];
    const [minX, minY, maxX, maxY] = e.origins.bbox;
    for (let i = Math.floor((minX - radiusM / scale.x) / stepX); i <= Math.ceil((maxX + radiusM / scale.x) / stepX); i++) {
      for (let j = Math.floor((minY - radiusM / scale.y) / stepY); j <= Math.ceil((maxY + radiusM / scale.y) / stepY); j++) {
        const key = `${stepX}:${i},${j}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (usable(i * stepX, j * stepY)) points.push([i * stepX, j * stepY, -1]);
      }
    }
  }
  return points;
}

/**
 * For each candidate, the uncovered estates it reaches within `radiusM`: walking along `graph`
 * when given, else straight line. Only estates within `radiusM` in a straight line can be reached
 * on foot, so a bbox index narrows the search.
 */
export function candidateReach(
  estates: readonly CoverageEstate[],
  uncovered: readonly boolean[],
  candidates: readonly SitePlace[],
  radiusM: number,
  graph: RoadGraph | null,
  /** Each estate's access to the network, when the caller has it already (by estate position). */
  knownAccess: readonly EstateAccess[] | null = null,
): SiteCandidate[] {
  const open = estates.map((_, i) => i).filter((i) => uncovered[i]);
  if (open.length === 0) return [];
  const index = new Flatbush(open.length, 16, Float64Array);
  for (const i of open) index.add(...(estates[i]!.origins.bbox as [number, number, number, number]));
  index.finish();
  const access = new Map<number, EstateAccess>();
  const accessOf = (i: number): EstateAccess => {
    let a = knownAccess?.[i] ?? access.get(i);
    if (!a && graph) access.set(i, (a = estateAccessOf(graph, estates[i]!)));
    return a!;
  };
  return candidates.map(([lng, lat, node]) => {
    const near = index.search(...bboxAroundM([lng, lat, lng, lat], radiusM)).map((k) => open[k]!);
    const straight = near.filter((i) => originDistanceM(estates[i]!.origins, lng, lat) <= radiusM);
    if (!graph || node < 0 || straight.length === 0) return { lng, lat, reaches: straight };
    // Only the streets within the radius: a whole-graph walk per candidate would cost O(nodes) each.
    const walk = localWalk(graph, node, radiusM);
    const reaches = straight.filter((i) => {
      const a = accessOf(i);
      return a.edges.some(
        (edge, k) => walk(graph.edgeFrom[edge]!) + a.viaFromM[k]! <= radiusM || walk(graph.edgeTo[edge]!) + a.viaToM[k]! <= radiusM,
      );
    });
    return { lng, lat, reaches };
  });
}

/**
 * Greedy maximal covering: up to `k` picks, each the candidate newly covering the most households.
 * @example greedySites(candidates, estates.map((e) => e.households), 5)[0]?.households
 */
export function greedySites(
  candidates: readonly SiteCandidate[],
  households: readonly number[],
  k: number,
  ids: readonly number[] = [],
): SitePick[] {
  const covered = new Set<number>();
  const picks: SitePick[] = [];
  for (let round = 0; round < k; round++) {
    let best: SiteCandidate | null = null;
    let bestHouseholds = 0;
    for (const c of candidates) {
      let sum = 0;
      for (const i of c.reaches) if (!covered.has(i)) sum += households[i] ?? 0;
      if (sum > bestHouseholds) [best, bestHouseholds] = [c, sum];
    }
    if (!best) break;
    const newly = best.reaches.filter((i) => !covered.has(i));
    for (const i of newly) covered.add(i);
    picks.push({ lng: best.lng, lat: best.lat, households: bestHouseholds, estateIds: newly.map((i) => ids[i] ?? i) });
  }
  return picks;
}

/** Which estates a type leaves uncovered, from computed coverage. */
export function uncoveredBy(results: readonly EstateCoverage[], typeId: string): boolean[] {
  return results.map((r) => !r.types[typeId as keyof EstateCoverage['types']]?.covered);
}

export interface SiteSuggestion {
  /** How many candidate places were weighed. */
  candidates: number;
  households: number;
  /** Households within reach of the type already. */
  coveredHouseholds: number;
  sites: SitePick[];
}

/**
 * The whole suggestion for one type: its coverage (walking when `graph` is given), the candidates
 * near the estates it leaves uncovered, what each reaches, and up to `k` greedy picks. On foot
 * each estate joins the network once, for the coverage and the reach alike.
 * @example suggestSitesFor(estates, facilities, kindergarten, graph, 5).sites[0]?.households
 */
export function suggestSitesFor(
  estates: readonly (CoverageEstate & { id: number })[],
  facilities: readonly FacilityPoint[],
  type: CoverageType,
  graph: RoadGraph | null,
  k: number,
): SiteSuggestion {
  const counted = [{ ...type, counted: true }];
  const access = graph ? estates.map((estate) => estateAccessOf(graph, estate)) : null;
  const results =
    graph && access
      ? networkCoverage(graph, estates, facilities, counted, undefined, access)
      : coverageFor(estates, facilities, counted, null);
  const uncovered = uncoveredBy(results, type.id);
  const places = candidateSites(estates, uncovered, graph, type.radiusM);
  const reach = candidateReach(estates, uncovered, places, type.radiusM, graph, access);
  const households = estates.map((e) => e.households);
  return {
    candidates: places.length,
    households: households.reduce((a, b) => a + b, 0),
    coveredHouseholds: estates.reduce((sum, e, i) => sum + (uncovered[i] ? 0 : e.households), 0),
    sites: greedySites(
      reach,
      households,
      k,
      estates.map((e) => e.id),
    ),
  };
}
