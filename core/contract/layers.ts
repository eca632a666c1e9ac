/**
 * The wire format of the reference layers (docs/API.md → Layers): facilities, roads, sub-districts,
 * communities and water, and GET /api/config.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { z } from 'zod';
import type { FacilityStatus } from '../facilities/facility-record.js';
import type { EstateIdListing } from '../estate-id-listing.js';
import type { LngLat } from '../geometry/lng-lat.js';

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
  /** Where the name is drawn: a point inside the outline (core/geometry/label-points.ts). */
  labelPoint: LngLat;
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
/**
 * Each feature carries its GeoJSON `bbox`; without its outline (`null`) when asked with
 * `geometry=none`: a map drawn from tiles draws the boundaries from tiles.
 */
export type SubdistrictCollection = FeatureCollection<MultiPolygon | Polygon | null, SubdistrictProperties>;
/** GET /api/subdistricts with the outlines (no `geometry=none`). */
export type OutlinedSubdistrictCollection = FeatureCollection<MultiPolygon | Polygon, SubdistrictProperties>;
/** Without geometries (`null`) when asked with `geometry=none`: a map drawn from tiles draws the boundaries from tiles. */
export type CommunityCollection = FeatureCollection<MultiPolygon | Polygon | null, CommunityProperties>;
export type WaterCollection = FeatureCollection<MultiPolygon | Polygon, WaterProperties>;

const numberRange = z.tuple([z.number(), z.number()]).nullable();

/**
 * How the map gets the estates: one GeoJSON collection, or, for a city too large to hold in a
 * browser (MAP_TILES_FROM_ESTATES), vector tiles plus the few estates the user opens. The ranges
 * span the whole ledger, so a tiled map's colour ramps match those of the collection.
 */
export const estateSourceSchema = z.object({
  kind: z.enum(['collection', 'tiles']),
  estates: z.number().int().min(0),
  yearBuilt: numberRange,
  households: numberRange,
});
export type EstateSource = z.output<typeof estateSourceSchema>;

/** GET /api/facilities/counts: how many facilities of each type the city holds (a tiled city's legend shows them). */
export const facilityCountsSchema = z.object({ byType: z.record(z.string(), z.number().int().nonnegative()) });
export type FacilityCounts = z.output<typeof facilityCountsSchema>;

/** The estate source of a server that does not say: load the collection. */
export const COLLECTION_ESTATE_SOURCE: EstateSource = { kind: 'collection', estates: 0, yearBuilt: null, households: null };

/** One layer of GET /api/tiles, as a MapLibre vector source takes it. */
export const tileLayerSourceSchema = z.object({ tiles: z.array(z.string()).min(1), minzoom: z.number().int(), maxzoom: z.number().int() });
export type TileLayerSource = z.output<typeof tileLayerSourceSchema>;

/** GET /api/tiles: the data version and, per layer, its tile URL template and zooms (TileJSON's names). */
export const tileSourcesSchema = z.object({
  version: z.string(),
  /**
   * The oldest database transaction open when the tiles were listed: every progress entry appended
   * before it is in the tiles' stages. GET /api/tiles/estates/stages asks from it.
   */
  stageCursor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  layers: z.record(z.string(), tileLayerSourceSchema),
});
export type TileSources = z.output<typeof tileSourcesSchema>;

/**
 * GET /api/tiles/estates/stages?since=…&asOf=…: the stage on `asOf` of each estate whose stage there
 * may differ from its tile's, as [estate id, stage id] pairs. The map colours these over the tiles,
 * so a progress change or a replayed day recolours estates without fetching their geometry again.
 */
export const tileStagesSchema = z.object({
  asOf: z.string(),
  estates: z.array(z.tuple([z.number().int().positive(), z.string()])),
});
export type TileStages = z.output<typeof tileStagesSchema>;

/** GET /api/estates/matching?<filter>: the estates the filter keeps or those it leaves out, whichever list is shorter (core/estate-id-listing.ts). */
export const estateIdListingSchema: z.ZodType<EstateIdListing> = z.object({
  lists: z.enum(['kept', 'faded']),
  ids: z.array(z.number().int().positive()),
});

/** GET /api/config */
export const atlasConfigSchema = z.object({
  eligibilityCutoffYear: z.number().int(),
  basemap: z.object({
    /** Any MapLibre style URL; wins over tiandituKey. */
    styleUrl: z.string().nullable().default(null),
    /** Tianditu (天地图) key for vec_w + cva_w tiles. */
    tiandituKey: z.string().nullable().default(null),
  }),
  // Servers before tiles answer without it; the map then loads the collection.
  estateSource: estateSourceSchema.default(COLLECTION_ESTATE_SOURCE),
});
export type AtlasConfig = z.output<typeof atlasConfigSchema>;
export type BasemapConfig = AtlasConfig['basemap'];
