/**
 * Which area's facilities and roads a city drawn from tiles loads next. The browser holds those of
 * the view when zoomed in to AREA_VIEW_MIN_ZOOM (with a margin, so small pans need no request)
 * and those around each opened estate, as far as its life-circle search reaches, so the estate's
 * coverage, straight-line or walking, is the one the whole city would give: a walk of the search's
 * length never leaves the area, and GET /api/roads answers every road that enters it whole.
 */
import type { EstateCoverage, TypeCoverage } from '../../../../core/coverage/coverage';
import { bboxAroundM } from '../../../../core/coverage/ellipsoid-distance';
import { walkSearchLimitM } from '../../../../core/coverage/network-coverage';
import { bboxContains, type Bbox } from '../../../../core/geometry/bbox';
import { FACILITY_CATALOGUE } from '../../../../core/facility-catalogue';
import { AREA_VIEW_MIN_ZOOM } from '../../map/deck-layers';
import type { MapViewport } from '../../map/map-types';

/** An area to hold: `needed` must lie inside a loaded area, else `load` is fetched. */
export interface AreaWant {
  needed: Bbox;
  load: Bbox;
}

/** Share of the view's width and height loaded beyond each of its edges. */
const VIEW_MARGIN = 0.25;

/**
 * How far round an estate facilities count for its coverage, metres: the walking search's limit
 * for the widest radius in force (core/coverage/network-coverage.ts); a straight-line nearest
 * beyond it is reported as none within it.
 * @example facilitySearchM([]) // 3000 with the standard's radii
 */
export function facilitySearchM(radiiM: readonly number[]): number {
  return walkSearchLimitM(Math.max(...FACILITY_CATALOGUE.map((t) => t.maxWalkM), ...radiiM));
}

/** A world-wrapped view or a grown box stays within the ranges GET /api/facilities accepts. */
function clampToWorld([west, south, east, north]: Bbox): Bbox {
  return [Math.max(-180, west), Math.max(-90, south), Math.min(180, east), Math.min(90, north)];
}

/** The view's want, or null when it is zoomed out beyond where facilities are drawn. */
export function viewWant({ bbox, zoom }: MapViewport): AreaWant | null {
  if (zoom < AREA_VIEW_MIN_ZOOM) return null;
  const [west, south, east, north] = bbox;
  const dx = (east - west) * VIEW_MARGIN;
  const dy = (north - south) * VIEW_MARGIN;
  return { needed: bbox, load: [west - dx, south - dy, east + dx, north + dy] };
}

/** An opened estate's want: its extent grown by the coverage search. */
export function estateWant(estateBbox: Bbox, searchM: number): AreaWant {
  const area = bboxAroundM(estateBbox, searchM);
  return { needed: area, load: area };
}

/**
 * The first area to fetch, or null when every want lies inside an area already loaded.
 * @example nextHeldArea([estateWant(box, 3000)], []) // the grown box
 */
export function nextHeldArea(wants: readonly (AreaWant | null)[], loaded: readonly Bbox[]): Bbox | null {
  for (const want of wants) if (want && !loaded.some((area) => bboxContains(area, want.needed))) return clampToWorld(want.load);
  return null;
}

/**
 * A tiled city's coverage results, with every nearest facility beyond the search reported as none:
 * the browser holds facilities only that far round an opened estate, so a farther "nearest" may
 * not be the nearest at all.
 */
export function withinFacilitySearch(results: readonly EstateCoverage[], searchM: number): EstateCoverage[] {
  return results.map((result) => {
    const types: EstateCoverage['types'] = {};
    for (const [id, t] of Object.entries(result.types) as [keyof EstateCoverage['types'], TypeCoverage][])
      types[id] = t.distanceM !== null && t.distanceM > searchM ? { ...t, distanceM: null, nearest: null, covered: false } : t;
    return { ...result, types };
  });
}
