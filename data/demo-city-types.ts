/**
 * The public shape of a generated demo city: its options (with their defaults), its layers and
 * the properties of each layer's features.
 */
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { EstateInput } from '../core/estate.js';
import type { FacilityTypeId } from '../core/facility-catalogue.js';
import type { CityFigures } from './city-figures.js';
import type { RoadClass } from './street-grid.js';

export type { RoadClass } from './street-grid.js';

export interface DemoCityOptions {
  /** Seed of every random choice: the same seed and estate count give the same city, byte for byte. */
  seed: number;
  /** Number of estates; 117 reproduces the published figures exactly, other counts scale them. */
  estates: number;
  /** Where the middle of the city lands, [lng, lat] degrees; default 109.41 °E 24.31 °N (柳州). */
  origin?: readonly [number, number] | undefined;
}

export const DEFAULT_DEMO_CITY_OPTIONS: Readonly<DemoCityOptions> = { seed: 20180, estates: 117 };

export interface DistrictProperties {
  code: string;
  name: string;
}

export interface SubdistrictProperties {
  code: string;
  name: string;
  districtCode: string;
}

export interface CommunityProperties {
  code: string;
  name: string;
  subdistrictCode: string;
}

/**
 * The ledger fields of core/estate.ts, with the administrative units as codes instead of names.
 * The demo survey is complete: every field is known except willingness (not yet asked) and notes.
 */
export type DemoEstateProperties = {
  [K in Exclude<keyof EstateInput, 'eligibilityOverride' | 'eligibilityOverrideReason' | 'willingnessPct' | 'notes'>]: NonNullable<
    EstateInput[K]
  >;
} & {
  willingnessPct: number | null;
  notes: string;
  districtCode: string;
  subdistrictCode: string;
  communityCode: string;
};

export interface FacilityProperties {
  type: FacilityTypeId;
  name: string;
}

export interface RoadProperties {
  name: string;
  roadClass: RoadClass;
}

export type WaterKind = 'river' | 'lake';

export interface WaterProperties {
  name: string;
  kind: WaterKind;
}

/** A sub-district deliberately left without some facility types within their walking radius. */
export interface UnderServedArea {
  subdistrictCode: string;
  subdistrictName: string;
  lacks: FacilityTypeId[];
}

export interface DemoCity {
  options: DemoCityOptions;
  figures: CityFigures;
  underServed: UnderServedArea[];
  districts: FeatureCollection<MultiPolygon, DistrictProperties>;
  subdistricts: FeatureCollection<MultiPolygon, SubdistrictProperties>;
  communities: FeatureCollection<MultiPolygon, CommunityProperties>;
  estates: FeatureCollection<MultiPolygon, DemoEstateProperties>;
  facilities: FeatureCollection<Point, FacilityProperties>;
  roads: FeatureCollection<LineString, RoadProperties>;
  water: FeatureCollection<Polygon, WaterProperties>;
}

/** The layers written to data/demo-city, in loading order. */
export const DEMO_CITY_LAYERS = ['districts', 'subdistricts', 'communities', 'water', 'roads', 'facilities', 'estates'] as const;
export type DemoCityLayer = (typeof DEMO_CITY_LAYERS)[number];
