/**
 * The last stage of the demo city: every layer projected from the grid frame to [lng, lat] and
 * assembled into GeoJSON FeatureCollections.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { AdminUnit, AdminUnits } from './admin-units.js';
import type { CityFigures } from './city-figures.js';
import type { CityLayout } from './city-layout.js';
import { RIVER_NAME } from './city-names.js';
import { closedRing } from './city-projection.js';
import type { CityRoads } from './city-roads.js';
import type { Lake } from './city-water.js';
import type { DemoCity, DemoCityOptions, DemoEstateProperties, WaterProperties } from './demo-city-types.js';
import type { EstateDraft } from './estate-sites.js';
import type { EstateRecords } from './estate-records.js';
import type { PlacedFacility } from './facility-placement.js';
import type { Point } from './plane-geometry.js';
import { unionCells, type StreetGrid } from './street-grid.js';
import type { UnderServed } from './under-served-areas.js';

/** The outputs of the earlier stages, all in the grid frame. */
export interface CityParts {
  options: DemoCityOptions;
  figures: CityFigures;
  layout: CityLayout;
  admin: AdminUnits;
  underServed: UnderServed;
  estates: EstateRecords;
  facilities: readonly PlacedFacility[];
  roads: CityRoads;
  lakes: readonly Lake[];
  river: Point[];
  project: (p: Point) => Position;
}

/**
 * Stage (no randomness): the city as GeoJSON.
 * @example assembleCity(parts).estates.features.length // 117
 */
export function assembleCity(parts: CityParts): DemoCity {
  const { options, layout, project } = parts;
  const ring = (points: readonly Point[]): Position[] => closedRing(points, project);
  return {
    options: { seed: options.seed, estates: options.estates },
    figures: parts.figures,
    underServed: parts.underServed.areas,
    ...adminLayers(layout.grid, parts.admin, ring),
    estates: { type: 'FeatureCollection', features: estateFeatures(layout.drafts, parts.estates, ring) },
    facilities: {
      type: 'FeatureCollection',
      features: parts.facilities.map((f) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: project(f.point) },
        properties: { type: f.type, name: f.name },
      })),
    },
    roads: {
      type: 'FeatureCollection',
      features: parts.roads.segments.map((s) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.points.map(project) },
        properties: { name: s.name, roadClass: s.roadClass },
      })),
    },
    water: waterLayer(parts.river, parts.lakes, ring),
  };
}

type RingOf = (points: readonly Point[]) => Position[];

/** Districts, sub-districts and communities, each the outline of its cells. */
function adminLayers(grid: StreetGrid, admin: AdminUnits, ring: RingOf): Pick<DemoCity, 'districts' | 'subdistricts' | 'communities'> {
  const { districts, subdistricts, communities } = admin;
  const unitFeature = <P>(unit: AdminUnit, properties: P): Feature<MultiPolygon, P> => ({
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: unionCells(unit.cells.map((c) => grid.cells[c] as StreetGrid['cells'][number])).map((ids) => [
        ring(ids.map((id) => grid.vertices[id] as Point)),
      ]),
    },
    properties,
  });
  return {
    districts: { type: 'FeatureCollection', features: districts.map((u) => unitFeature(u, { code: u.code, name: u.name })) },
    subdistricts: {
      type: 'FeatureCollection',
      features: subdistricts.map((u) =>
        unitFeature(u, { code: u.code, name: u.name, districtCode: (districts[u.parent] as AdminUnit).code }),
      ),
    },
    communities: {
      type: 'FeatureCollection',
      features: communities.map((u) =>
        unitFeature(u, { code: u.code, name: u.name, subdistrictCode: (subdistricts[u.parent] as AdminUnit).code }),
      ),
    },
  };
}

function estateFeatures(
  drafts: readonly EstateDraft[],
  estates: EstateRecords,
  ring: RingOf,
): Feature<MultiPolygon, DemoEstateProperties>[] {
  return estates.records.map(({ draft, properties }) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: (drafts[draft] as EstateDraft).parts.map((part) => [ring(part)]) },
    properties,
  }));
}

function waterLayer(river: readonly Point[], lakes: readonly Lake[], ring: RingOf): FeatureCollection<Polygon, WaterProperties> {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring(river)] },
        properties: { name: RIVER_NAME, kind: 'river' },
      },
      ...lakes.map((lake): Feature<Polygon, WaterProperties> => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring(lake.ring)] },
        properties: { name: lake.name, kind: 'lake' },
      })),
    ],
  };
}
