/**
 * The road layer of the demo city: street names first (addresses need them), then the network
 * split at every junction (road-network.ts).
 */
import type { Rng } from './city-random.js';
import type { LaneProposal } from './land-parcels.js';
import { buildRoadNetwork, measureRing, nameRoads, type RingMeasure, type RoadNames, type RoadSegment } from './road-network.js';
import type { StreetGrid } from './street-grid.js';

export interface CityRoads {
  names: RoadNames;
  /** Distances along the ring road, for house numbers on it. */
  ringMeasure: RingMeasure;
  segments: RoadSegment[];
}

/**
 * Stage: names the streets with `rng` and builds the road network, lanes included.
 * @example layRoads(stageRng(seed, 'roadNames'), layout.grid, layout.land.lanes).segments.length
 */
export function layRoads(rng: Rng, grid: StreetGrid, lanes: readonly LaneProposal[]): CityRoads {
  const names = nameRoads(grid, rng);
  return { names, ringMeasure: measureRing(grid), segments: buildRoadNetwork(grid, names, lanes) };
}
