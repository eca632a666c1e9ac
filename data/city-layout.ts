/**
 * The city's layout in the grid frame: ring road and street grid (street-grid.ts), the class of
 * each street, blocks and parcels (land-parcels.ts) and the estates on some parcels
 * (estate-sites.ts). Null when the land does not hold the estates; the caller then grows the city.
 */
import { stageRng, uniform, type Rng } from './city-random.js';
import { chooseEstateSites, type EstateDraft } from './estate-sites.js';
import { subdivide, type LandUse } from './land-parcels.js';
import { lineOf, RING_ROAD_CLASS } from './road-network.js';
import {
  buildRingRoad,
  buildStreetGrid,
  ROAD_HALF_WIDTH_M,
  type GridLine,
  type RingRoad,
  type RoadRef,
  type StreetGrid,
} from './street-grid.js';

export interface RoadClassOptions {
  /** Distance from the first street to the first arterial, metres. */
  firstArterialM: readonly [number, number];
  /** Distance between arterials, metres. */
  arterialSpacingM: readonly [number, number];
  /** Share of the other streets that are secondary roads (the rest are branch roads). */
  secondaryShare: number;
}

export const DEFAULT_ROAD_CLASS_OPTIONS: Readonly<RoadClassOptions> = {
  firstArterialM: [250, 600],
  arterialSpacingM: [650, 950],
  secondaryShare: 0.3,
};

export interface CityLayout {
  scale: number;
  ringRoad: RingRoad;
  grid: StreetGrid;
  land: LandUse;
  drafts: EstateDraft[];
  parcelIsEstate: Uint8Array;
  halfWidth: (road: RoadRef) => number;
}

/** Arterials every 650–950 m, the other streets secondary or branch roads. */
function classifyLines(lines: GridLine[], rng: Rng, options: RoadClassOptions): void {
  const [firstLo, firstHi] = options.firstArterialM;
  const [spacingLo, spacingHi] = options.arterialSpacingM;
  let since = uniform(rng, firstLo, firstHi);
  let threshold = uniform(rng, spacingLo, spacingHi);
  let previous: number | null = null;
  for (const line of lines) {
    since += previous === null ? 0 : line.a - previous;
    previous = line.a;
    if (line.span === null) continue;
    if (since >= threshold) {
      line.roadClass = 'arterial';
      since = 0;
      threshold = uniform(rng, spacingLo, spacingHi);
    } else {
      line.roadClass = rng() < options.secondaryShare ? 'secondary' : 'branch';
    }
  }
}

/**
 * Stage: the layout of a city of `estateCount` estates at `scale` (1 = the demo city), or null.
 * @example layOut(20180, 1, 117)?.drafts.length // 117
 */
export function layOut(
  seed: number,
  scale: number,
  estateCount: number,
  roadClasses: RoadClassOptions = DEFAULT_ROAD_CLASS_OPTIONS,
): CityLayout | null {
  const ringRoad = buildRingRoad(scale, stageRng(seed, 'ringRoad'));
  const grid = buildStreetGrid(ringRoad, stageRng(seed, 'streetGrid'));
  const classRng = stageRng(seed, 'roadClasses');
  classifyLines(grid.vLines, classRng, roadClasses);
  classifyLines(grid.hLines, classRng, roadClasses);
  const halfWidth = (road: RoadRef): number =>
    road < 0
      ? ROAD_HALF_WIDTH_M[RING_ROAD_CLASS[ringRoad.edgeSide[-road - 1] ?? 'north']]
      : ROAD_HALF_WIDTH_M[lineOf(grid, road).roadClass];
  const land = subdivide(grid, halfWidth, stageRng(seed, 'parcels'));
  const sites = chooseEstateSites(land, scale, estateCount, stageRng(seed, 'estateSites'), stageRng(seed, 'estateOutlines'));
  if (sites === null) return null;
  return { scale, ringRoad, grid, land, drafts: sites.drafts, parcelIsEstate: sites.parcelIsEstate, halfWidth };
}
