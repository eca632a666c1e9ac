/**
 * Suggested zones for a whole city: the neighbour graph of the estates, its connected components
 * (only links within one sub-district when the rule asks for it), each split to respect the caps.
 * Without caps and the sub-district rule the groups are exactly ST_ClusterDBSCAN(eps := gap,
 * minpoints := 1) in the same metric plane.
 */
import { shapeCentre, type MetricShape } from './metric-shape.js';
import { adjacency, connectedComponents, neighbourLinks, type NeighbourLink } from './neighbour-graph.js';
import type { ShapeLink } from './link-bridges.js';
import { splitByCaps } from './split-zones.js';
import type { ZoneRules } from './zone-rules.js';

export interface ZoneCandidateEstate {
  id: number;
  shape: MetricShape;
  households: number | null;
  subdistrictCode: string | null;
}

export interface EstateGroup {
  /** Ascending. */
  estateIds: number[];
  /** The members as indices into the estates given, in the order of estateIds. */
  members: number[];
  /** The neighbour links within the group, as indices into `members`. */
  links: ShapeLink[];
}

/** The links among `members` (indices into the estates), renumbered as indices into `members`. */
function linksWithin(members: readonly number[], neighbours: readonly number[][]): ShapeLink[] {
  const position = new Map(members.map((m, k) => [m, k]));
  const within: ShapeLink[] = [];
  members.forEach((m, a) => {
    for (const other of neighbours[m] ?? []) {
      const b = position.get(other);
      if (b !== undefined && b > a) within.push({ a, b });
    }
  });
  return within;
}

/** Every estate in exactly one group (singletons included), with the links that hold each group together. */
export function groupEstates(estates: readonly ZoneCandidateEstate[], rules: ZoneRules): EstateGroup[] {
  const allLinks = neighbourLinks(
    estates.map((e) => e.shape),
    rules.gapM,
  );
  const links: readonly NeighbourLink[] = rules.sameSubdistrict
    ? allLinks.filter((l) => estates[l.a]?.subdistrictCode === estates[l.b]?.subdistrictCode)
    : allLinks;
  const neighbours = adjacency(estates.length, links);
  const candidates = estates.map((e) => ({ households: e.households, centre: shapeCentre(e.shape) }));
  const groups: EstateGroup[] = [];
  for (const component of connectedComponents(estates.length, links)) {
    for (const zone of splitByCaps(component, neighbours, candidates, rules)) {
      const members = [...zone].sort((a, b) => (estates[a]?.id ?? 0) - (estates[b]?.id ?? 0));
      groups.push({ estateIds: members.map((i) => estates[i]?.id ?? -1), members, links: linksWithin(members, neighbours) });
    }
  }
  return groups;
}

/**
 * Is the group connected through the neighbour relation? Answers the groups it falls into
 * (one group when connected), each as estate ids ascending.
 */
export function connectedParts(estates: readonly ZoneCandidateEstate[], gapM: number): number[][] {
  const links = neighbourLinks(
    estates.map((e) => e.shape),
    gapM,
  );
  return connectedComponents(estates.length, links).map((part) => part.map((i) => estates[i]?.id ?? -1).sort((a, b) => a - b));
}
