/**
 * What the map draws for the selected estate's life circle. Straight line: rings at the tiers'
 * walking radii round its origins (gates, else boundary) and a straight line to the nearest
 * facility of each missing type. Walking: the walksheds — the street pieces reachable within each
 * radius, never a hull — and the route along the streets to each of those facilities.
 */
import { buffer, featureCollection, multiLineString, nearestPointOnLine, point, union } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { EstateCoverage } from '../../../../core/coverage/coverage';
import { estateOrigins, originPoints } from '../../../../core/coverage/estate-origins';
import { walkSearchLimitM } from '../../../../core/coverage/network-coverage';
import type { FacilityTypeId } from '../../../../core/facility-catalogue';
import { walkFrom } from '../../../../core/network/multi-source-walk';
import type { RoadGraph } from '../../../../core/network/road-graph';
import { snapToGraph, type GraphSnap } from '../../../../core/network/snap-to-graph';
import { routeTo, walkshed } from '../../../../core/network/walk-routes';
import type { CoverageOverlay } from '../../map/map-types';
import type { EstateApiFeature } from '../../api';

/** The position of the facility a coverage result names by index (stored ones first, then what-if ones). */
export type FacilityAt = (index: number) => Position | undefined;

/** The rings and walksheds drawn: the 5-, 10- and 15-minute walks of design.md §8. */
export const RING_RADII_M = [300, 500, 1000] as const;

type Line = Feature<LineString, { typeId: FacilityTypeId }>;
const lineOf = (typeId: FacilityTypeId, coordinates: Position[]): Line => ({
  type: 'Feature',
  properties: { typeId },
  geometry: { type: 'LineString', coordinates },
});

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

function straightOverlay(
  estate: EstateApiFeature,
  result: EstateCoverage,
  facilityAt: FacilityAt,
  gates: readonly Position[],
): CoverageOverlay {
  const boundary = multiLineString(estate.geometry.coordinates.flat());
  const lines: Line[] = [];
  for (const typeId of result.gaps) {
    const nearest = result.types[typeId]?.nearest;
    const target = nearest == null ? undefined : facilityAt(nearest);
    if (!target) continue;
    const from = gates.length > 0 ? nearestOf(gates, target) : nearestPointOnLine(boundary, target).geometry.coordinates;
    lines.push(lineOf(typeId, [from, target]));
  }
  return { estateId: estate.id, rings: ringsAround(estate, gates), walksheds: [], lines, virtualFacilities: [], gates };
}

function walkingOverlay(
  graph: RoadGraph,
  estate: EstateApiFeature,
  result: EstateCoverage,
  facilityAt: FacilityAt,
  gates: readonly Position[],
): CoverageOverlay {
  const starts: GraphSnap[] = [];
  const startPoints: Position[] = [];
  for (const [lng, lat] of originPoints(estateOrigins(estate.geometry, gates))) {
    const snap = snapToGraph(graph, lng, lat);
    if (!snap) continue;
    starts.push(snap);
    startPoints.push([lng, lat]);
  }
  const farthestM = Math.max(
    ...RING_RADII_M,
    ...result.gaps.map((id) => Math.min(result.types[id]?.distanceM ?? 0, walkSearchLimitM(result.types[id]?.radiusM ?? 0))),
  );
  const tree = walkFrom(graph, starts, farthestM);
  const lines: Line[] = [];
  for (const typeId of result.gaps) {
    const nearest = result.types[typeId]?.nearest;
    const position = nearest == null ? undefined : facilityAt(nearest);
    if (!position) continue;
    const [lng = 0, lat = 0] = position;
    const snap = snapToGraph(graph, lng, lat);
    const route = snap ? routeTo(graph, tree, starts, startPoints, snap, [lng, lat]) : null;
    if (route) lines.push(lineOf(typeId, route.line));
  }
  const walksheds = [...RING_RADII_M].reverse().map((radiusM) => ({ radiusM, paths: walkshed(graph, tree, starts, radiusM) }));
  return { estateId: estate.id, rings: [], walksheds, lines, virtualFacilities: [], gates };
}

/**
 * The overlay of one estate in the model its coverage was computed with (`graph` null: straight line).
 * @example coverageOverlay(estate, result, (i) => positions[i], [], graph).walksheds.length // 3
 */
export function coverageOverlay(
  estate: EstateApiFeature,
  result: EstateCoverage,
  facilityAt: FacilityAt,
  gates: readonly Position[],
  graph: RoadGraph | null,
): CoverageOverlay {
  return graph ? walkingOverlay(graph, estate, result, facilityAt, gates) : straightOverlay(estate, result, facilityAt, gates);
}
