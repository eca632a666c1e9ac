/**
 * Suggested zones for a whole city: the neighbour graph of the estates, its connected components
 * (only links within one sub-district when the rule asks for it), each split to respect the caps.
 * Without caps and the sub-district rule the groups are exactly ST_ClusterDBSCAN(eps := gap,
 * minpoints := 1) in the same metric plane.
 */
import { shapeCentre, type MetricShape } from './metric-shape.js';
import { adjacency, connectedComponents, neighbourLinks, type NeighbourLink } from './neighbour-graph.js';
import { splitByCaps } from './split-zones.js';
import type { ZoneRules } from './zone-rules.js';

export interface ZoneCandidateEstate {
  id: number;
  shape: MetricShape;
  households: number | null;
  subdistrictCode: string | null;
}

/** Every estate in exactly one group (singletons included); each group's estate ids ascending. */
export function groupEstates(estates: readonly ZoneCandidateEstate[], rules: ZoneRules): number[][] {
  const allLinks = neighbourLinks(
    estates.map((e) => e.shape),
    rules.gapM,
  );
  const links: NeighbourLink[] = rules.sameSubdistrict
    ? allLinks.filter((l) => estates[l.a]?.subdistrictCode === estates[l.b]?.subdistrictCode)
    : allLinks;
  const neighbours = adjacency(estates.length, links);
  const candidates = estates.map((e) => ({ households: e.households, centre: shapeCentre(e.shape) }));
  const groups: number[][] = [];
  for (const component of connectedComponents(estates.length, links)) {
    for (const zone of splitByCaps(component, neighbours, candidates, rules)) {
      groups.push(zone.map((i) => estates[i]?.id ?? -1).sort((a, b) => a - b));
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
