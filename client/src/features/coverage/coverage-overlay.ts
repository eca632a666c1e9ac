/**
 * What the map draws for the selected estate's life circle in the straight-line model: rings at
 * the walking radii of the tiers round its origins (gates, else boundary), and a line from the
 * origin to the nearest facility of each missing type.
 */
import { buffer, featureCollection, multiLineString, nearestPointOnLine, point, union } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { EstateCoverage } from '../../../../core/coverage/coverage';
import type { FacilityTypeId } from '../../../../core/facility-catalogue';
import type { CoverageOverlay } from '../../map/map-types';
import type { EstateApiFeature, FacilityCollection } from '../../api';

/** The rings drawn: the 5-, 10- and 15-minute walks of design.md §8. */
export const RING_RADII_M = [300, 500, 1000] as const;

function ringsAround(estate: EstateApiFeature, gates: readonly Position[]): Feature<Polygon | MultiPolygon, { radiusM: number }>[] {
  return RING_RADII_M.flatMap((radiusM) => {
    const around =
      gates.length > 0 ? gates.map((g) => buffer(point(g), radiusM, { units: 'meters' })) : [buffer(estate, radiusM, { units: 'meters' })];
    const shapes = around.filter((f): f is Feature<Polygon | MultiPolygon> => f !== undefined);
    const merged = shapes.length > 1 ? union(featureCollection(shapes)) : shapes[0];
    return merged ? [{ ...merged, properties: { radiusM } }] : [];
  });
}

/** The gate nearest to `target` (degrees suffice to choose between an estate's few gates). */
function nearestOf(gates: readonly Position[], target: Position): Position {
  const d = (g: Position) => Math.hypot((g[0] ?? 0) - (target[0] ?? 0), (g[1] ?? 0) - (target[1] ?? 0));
  return gates.reduce((best, g) => (d(g) < d(best) ? g : best));
}

/**
 * The overlay of one estate, or null when it has no coverage yet.
 * @example coverageOverlay(estate, result, facilities, []).lines.length // one per missing type that has a facility within 50 km
 */
export function coverageOverlay(
  estate: EstateApiFeature,
  result: EstateCoverage,
  facilities: FacilityCollection,
  gates: readonly Position[],
): CoverageOverlay {
  const boundary = multiLineString(estate.geometry.coordinates.flat());
  const lines: Feature<LineString, { typeId: FacilityTypeId }>[] = [];
  for (const typeId of result.gaps) {
    const nearest = result.types[typeId]?.nearest;
    const facility = nearest == null ? undefined : facilities.features[nearest];
    if (!facility) continue;
    const target = facility.geometry.coordinates;
    const from = gates.length > 0 ? nearestOf(gates, target) : nearestPointOnLine(boundary, target).geometry.coordinates;
    lines.push({ type: 'Feature', properties: { typeId }, geometry: { type: 'LineString', coordinates: [from, target] } });
  }
  return { estateId: estate.id, rings: ringsAround(estate, gates), lines };
}
