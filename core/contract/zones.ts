/**
 * The wire format of the zone routes (docs/API.md → Zones): GET/POST /api/zones,
 * GET/PATCH/DELETE /api/zones/:id, GET /api/zones/:id/detail, POST /api/zones/suggest.
 */
import type { Feature, LineString, MultiPolygon, Point } from 'geojson';
import { z } from 'zod';
import type { ZoneRules } from '../zones/zone-rules.js';
import { estateSummarySchema, featureSchema, type EstateSummary } from './estates.js';

/** Where a zone's outline comes from: closed by PostGIS around its members, or drawn by a planner (片区范围). */
export const ZONE_BOUNDARY_SOURCES = ['computed', 'drawn'] as const;
export type ZoneBoundarySource = (typeof ZONE_BOUNDARY_SOURCES)[number];

export interface ZoneApiProperties {
  id: number;
  name: string;
  subdistrictCode: string | null;
  note: string | null;
  /** Member estates, ascending. */
  estateIds: number[];
  /** Totals of the members, as GET /api/summary sums them. */
  totals: EstateSummary;
  boundary: ZoneBoundarySource;
  /** Set when the planner accepted members that are not all connected, with why. */
  splitReason: string | null;
  /** The outline's area, m² (geodesic). */
  outlineAreaM2: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ZoneApiFeature = Feature<MultiPolygon, ZoneApiProperties> & { id: number };

/** POST /api/zones. */
export interface ZoneCreateBody {
  name: string;
  estateIds: number[];
  subdistrictCode?: string | null;
  note?: string | null;
  /** Required to accept members that are not connected within the gap. */
  splitReason?: string | null;
  /** A hand-drawn boundary (Polygon/MultiPolygon) that must contain every member; absent or null: computed. */
  boundary?: unknown;
}

/** PATCH /api/zones/:id: the version edited and what changed; `estateIds` replaces the member list. `boundary: null` goes back to the computed outline. */
export interface ZonePatchBody {
  version: number;
  name?: string;
  estateIds?: number[];
  subdistrictCode?: string | null;
  note?: string | null;
  splitReason?: string | null;
  boundary?: unknown;
}

/** POST /api/zones/suggest: the rules to suggest with; null caps mean no cap. */
export interface ZoneSuggestBody extends ZoneRules {
  /** Only estates eligible for renovation (false: their non-eligible neighbours too). */
  eligibleOnly: boolean;
}

export interface ZoneSuggestion {
  estateIds: number[];
  outline: MultiPolygon;
  totals: EstateSummary;
}

export interface ZoneSuggestAnswer {
  suggestions: ZoneSuggestion[];
  /** Estates considered (eligible or all, not yet in a zone). */
  consideredEstates: number;
  /** The metric plane the distances were measured in: its PROJ string and SRID (core/zones/local-metric.ts). */
  proj: string;
  srid: number;
}

/** A neighbour link between two members: the shortest line between their boundaries. */
export type ZoneLinkFeature = Feature<LineString, { a: number; b: number; distanceM: number }>;

/** A facility that serves the zone: inside its outline or within the type's walking radius of it (straight line). */
export type ZoneFacilityFeature = Feature<Point, { id: number; type: string; name: string; distanceM: number }>;

/** GET /api/zones/:id/detail. */
export interface ZoneDetail {
  zone: ZoneApiFeature;
  links: ZoneLinkFeature[];
  facilities: ZoneFacilityFeature[];
}

export const zoneFeatureSchema = featureSchema.extend({
  id: z.number(),
  properties: z.looseObject({
    id: z.number(),
    name: z.string(),
    estateIds: z.array(z.number()),
    totals: estateSummarySchema,
    version: z.number(),
    boundary: z.enum(ZONE_BOUNDARY_SOURCES),
  }),
});

export const zoneSuggestAnswerSchema = z.looseObject({
  suggestions: z.array(
    z.looseObject({ estateIds: z.array(z.number()), outline: z.looseObject({ type: z.string() }), totals: estateSummarySchema }),
  ),
  consideredEstates: z.number(),
  proj: z.string(),
  srid: z.number(),
});
