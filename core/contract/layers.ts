/**
 * The wire format of the reference layers (docs/API.md → Layers): facilities, roads, sub-districts,
 * communities and water, and GET /api/config.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { z } from 'zod';
import type { FacilityStatus } from '../facilities/facility-record.js';

/** Road classes of the walk and basemap network, widest first. */
export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** `type` is a catalogue id of core/facility-catalogue.ts; kept as string so an unknown id still draws. */
export interface FacilityProperties {
  type: string;
  name: string;
  status: FacilityStatus;
  /** The file it was imported from ('' when drawn or seeded). */
  source: string;
  version: number;
}
export type FacilityFeature = Feature<Point, FacilityProperties>;

export interface RoadProperties {
  name: string;
  roadClass: RoadClass;
}

export interface SubdistrictProperties {
  code: string;
  name: string;
  district: string;
  districtCode: string;
  estates: number;
  households: number;
}

export interface CommunityProperties {
  code: string;
  name: string;
  subdistrictCode: string;
}

export interface WaterProperties {
  name: string;
  kind: string;
}

export type FacilityCollection = FeatureCollection<Point, FacilityProperties>;
export type RoadCollection = FeatureCollection<LineString | MultiLineString, RoadProperties>;
export type SubdistrictCollection = FeatureCollection<MultiPolygon | Polygon, SubdistrictProperties>;
export type CommunityCollection = FeatureCollection<MultiPolygon | Polygon, CommunityProperties>;
export type WaterCollection = FeatureCollection<MultiPolygon | Polygon, WaterProperties>;

/** GET /api/config */
export const atlasConfigSchema = z.object({
  eligibilityCutoffYear: z.number().int(),
  basemap: z.object({
    /** Any MapLibre style URL; wins over tiandituKey. */
    styleUrl: z.string().nullable().default(null),
    /** Tianditu (天地图) key for vec_w + cva_w tiles. */
    tiandituKey: z.string().nullable().default(null),
  }),
});
export type AtlasConfig = z.output<typeof atlasConfigSchema>;
export type BasemapConfig = AtlasConfig['basemap'];
