/**
 * The synthetic demo city (design.md §10): a town of old estates inside a bend of the 柳江,
 * modelled on the published figures of 柳州市城中区 — 117 estates, 435 000 m², 8 593 households,
 * 70 eligible, 18 of them urgent. Everything is generated from a seed, so the same options
 * always give the same city. The geometry is synthetic: no real estate is where it is drawn.
 *
 * Pipeline, all in metres of a local grid frame and projected to [lng, lat] at the end; each
 * stage is a pure function of its own random stream (city-random.ts) and earlier stages' output:
 * layout — ring road, street grid, parcels and estate sites (city-layout.ts) → administrative
 * units (admin-units.ts) and under-served areas (under-served-areas.ts) → roads (city-roads.ts)
 * → published totals (ledger-totals.ts) → estate records (estate-records.ts) → lakes and river
 * (city-water.ts) → facilities (city-facilities.ts) → GeoJSON (city-assembly.ts).
 */
import { buildAdminUnits } from './admin-units.js';
import { assembleCity } from './city-assembly.js';
import { DEMO_FIGURES, targetFigures } from './city-figures.js';
import { placeCityFacilities } from './city-facilities.js';
import { layOut, type CityLayout } from './city-layout.js';
import { cityProjection, DEFAULT_PROJECTION_OPTIONS } from './city-projection.js';
import { stageRng } from './city-random.js';
import { layRoads } from './city-roads.js';
import { placeLakes, riverRing } from './city-water.js';
import type { DemoCity, DemoCityOptions } from './demo-city-types.js';
import { recordEstates } from './estate-records.js';
import { allocateLedgerTotals } from './ledger-totals.js';
import { chooseUnderServed } from './under-served-areas.js';

export { DEMO_FIGURES, targetFigures } from './city-figures.js';
export * from './demo-city-types.js';

/** Most tries at a larger scale when the land does not hold the estates, and the growth per try. */
const MAX_LAYOUT_ATTEMPTS = 12;
const SCALE_GROWTH = 1.15;

/**
 * Generates the demo city. Pure: no I/O, and the same options give the same result.
 * @example generateCity({ seed: 20180, estates: 117 }).estates.features.length // 117
 */
export function generateCity(options: DemoCityOptions): DemoCity {
  const { seed, estates: estateCount } = options;
  if (!Number.isInteger(seed)) throw new Error(`generateCity: seed must be an integer (got ${seed}), e.g. 20180.`);
  if (!Number.isInteger(estateCount) || estateCount < 1 || estateCount > 2_000_000) {
    throw new Error(`generateCity: estates must be an integer from 1 to 2 000 000 (got ${estateCount}).`);
  }
  let scale = Math.max(0.5, Math.sqrt(estateCount / DEMO_FIGURES.estates));
  for (let attempt = 0; attempt < MAX_LAYOUT_ATTEMPTS; attempt++, scale *= SCALE_GROWTH) {
    const layout = layOut(seed, scale, estateCount);
    if (layout !== null) return buildCity(options, layout);
  }
  throw new Error(`generateCity: could not fit ${estateCount} estates; try another seed.`);
}

/** Runs the stages after the layout, each on its own random stream. */
function buildCity(options: DemoCityOptions, layout: CityLayout): DemoCity {
  const { seed, estates: estateCount } = options;
  const figures = targetFigures(estateCount);
  const { grid, land, drafts } = layout;
  const admin = buildAdminUnits(stageRng(seed, 'adminUnits'), grid, drafts, estateCount);
  const underServed = chooseUnderServed(drafts, admin);
  const roads = layRoads(stageRng(seed, 'roadNames'), grid, land.lanes);
  const totals = allocateLedgerTotals(stageRng(seed, 'ledgerTotals'), drafts, figures);
  const estates = recordEstates(stageRng(seed, 'estateRecords'), {
    drafts,
    grid,
    roadNames: roads.names,
    ringMeasure: roads.ringMeasure,
    admin,
    totals,
  });
  const lakes = placeLakes(stageRng(seed, 'lakes'), land, layout.parcelIsEstate, estateCount);
  const facilities = placeCityFacilities(stageRng(seed, 'facilities'), {
    layout,
    lakes,
    roads,
    admin,
    underServed,
    estateNames: estates.names,
    estateCount,
  });
  const river = riverRing(stageRng(seed, 'river'), layout.ringRoad, layout.scale);
  const origin = options.origin;
  const project = cityProjection(
    stageRng(seed, 'rotation'),
    origin ? { ...DEFAULT_PROJECTION_OPTIONS, originLng: origin[0], originLat: origin[1] } : DEFAULT_PROJECTION_OPTIONS,
  );
  return assembleCity({ options, figures, layout, admin, underServed, estates, facilities, roads, lakes, river, project });
}
