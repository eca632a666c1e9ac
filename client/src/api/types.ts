/** Shapes of the API answers (docs/API.md), built on the domain types of core/. */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { EstateApiFeature, RoadClass } from '../../../core/api-contract';

export type { EstateApiFeature, EstateApiProperties, EstateSummary as Summary, RoadClass } from '../../../core/api-contract';
export { ROAD_CLASSES } from '../../../core/api-contract';

export interface EstateCollection {
  type: 'FeatureCollection';
  features: EstateApiFeature[];
}

/** `type` is a catalogue id of core/facility-catalogue.ts; kept as string so an unknown id still draws. */
export interface FacilityProperties {
  type: string;
  name: string;
}
export type FacilityFeature = Feature<Point, FacilityProperties>;

export interface RoadProperties {
  name: string;
  roadClass: RoadClass;
}
export type RoadFeature = Feature<LineString | MultiLineString, RoadProperties>;

export interface SubdistrictProperties {
  code: string;
  name: string;
  district: string;
  districtCode: string;
  estates: number;
  households: number;
}
export type SubdistrictFeature = Feature<MultiPolygon | Polygon, SubdistrictProperties>;

export interface CommunityProperties {
  code: string;
  name: string;
  subdistrictCode: string;
}
export type CommunityFeature = Feature<MultiPolygon | Polygon, CommunityProperties>;

export interface WaterProperties {
  name: string;
  kind: string;
}
export type WaterFeature = Feature<MultiPolygon | Polygon, WaterProperties>;

export type FacilityCollection = FeatureCollection<Point, FacilityProperties>;
export type RoadCollection = FeatureCollection<LineString | MultiLineString, RoadProperties>;
export type SubdistrictCollection = FeatureCollection<MultiPolygon | Polygon, SubdistrictProperties>;
export type CommunityCollection = FeatureCollection<MultiPolygon | Polygon, CommunityProperties>;
export type WaterCollection = FeatureCollection<MultiPolygon | Polygon, WaterProperties>;

export interface BasemapConfig {
  /** Any MapLibre style URL; wins over tiandituKey. */
  styleUrl: string | null;
  /** Tianditu (天地图) key for vec_w + cva_w raster tiles. */
  tiandituKey: string | null;
}

export interface AtlasConfig {
  eligibilityCutoffYear: number;
  basemap: BasemapConfig;
}

/** Filters shared by /api/estates and /api/summary. */
export interface EstateFilter {
  subdistrict?: string | null;
  district?: string | null;
  bbox?: [number, number, number, number] | null;
  limit?: number | null;
}
