/**
 * The wire format of the estate routes (docs/API.md → Estates): GET/POST/PATCH/DELETE /api/estates,
 * GET /api/summary.
 */
import { z } from 'zod';
import type { EstateFeature, EstateProperties } from '../estate.js';
import { isLedgerFieldKey, type LedgerFieldKey, type YesNo } from '../ledger-fields.js';

/** Estate properties as the API sends them: the ledger record plus its place in the hierarchy. */
export interface EstateApiProperties extends EstateProperties {
  id: number;
  /** null for an estate not (yet) assigned to an administrative unit */
  districtCode: string | null;
  subdistrictCode: string | null;
  communityCode: string | null;
}

export type EstateApiFeature = Omit<EstateFeature, 'properties'> & { properties: EstateApiProperties };

/** Fields whose totals leave unknown values out, with a count of the estates that lack them. */
export const SUMMED_FIELDS = ['households', 'floorAreaM2', 'buildings'] as const;
export type SummedField = (typeof SUMMED_FIELDS)[number];

/** GET /api/summary: totals of the estates matching the current filter. */
export interface EstateSummary {
  estates: number;
  /** Sums over the estates whose value is known. */
  households: number;
  floorAreaM2: number;
  buildings: number;
  landAreaM2: number;
  eligible: number;
  urgent: number;
  /** How many estates have no value for each summed field (left out of its sum). */
  unknown: Record<SummedField, number>;
}

/** Filters of GET /api/estates, /api/summary and the export. */
export interface EstateFilter {
  /** [west, south, east, north] in degrees. */
  bbox?: readonly [number, number, number, number] | undefined;
  /** District code or name. */
  district?: string | undefined;
  /** Sub-district code or name. */
  subdistrict?: string | undefined;
  /**
   * The atlas filter (client/src/state/atlas-filter.ts), so a server answers for the estates the map
   * shows in colour: any of these sub-district codes ('' for none), eligibility and urgency (an
   * empty list restricts nothing), a year range (an unknown year passes none) and a text search in
   * name, code and address, case-insensitive.
   */
  subdistrictCodes?: readonly string[] | undefined;
  eligible?: readonly YesNo[] | undefined;
  urgent?: readonly YesNo[] | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  search?: string | undefined;
}

/**
 * The order of a ledger page (GET /api/estates `sort`): one ledger field, ascending or descending;
 * unknown values last either way, ties by id.
 */
export interface LedgerSort {
  key: LedgerFieldKey;
  order: 'ascend' | 'descend';
}

/**
 * A sort as its query value: the field key, with a leading '-' for descending.
 * @example ledgerSortParam({ key: 'households', order: 'descend' }) // '-households'
 */
export function ledgerSortParam(sort: LedgerSort): string {
  return sort.order === 'descend' ? `-${sort.key}` : sort.key;
}

/**
 * A query value as a sort, or null when it names no ledger field.
 * @example parseLedgerSort('-households') // { key: 'households', order: 'descend' }
 */
export function parseLedgerSort(text: string): LedgerSort | null {
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  return isLedgerFieldKey(key) ? { key, order: descending ? 'descend' : 'ascend' } : null;
}

/** A stored estate a polygon overlaps, with the overlap area from PostGIS. */
export interface EstateOverlap {
  id: number;
  name: string;
  overlapM2: number;
}

/** POST /api/estates body: a GeoJSON Feature; properties as core/estate-schema.ts takes them. */
export interface EstateCreateBody {
  type: 'Feature';
  geometry: unknown;
  properties: Record<string, unknown>;
}

/** PATCH /api/estates/:id body: the version edited, and only what changed. */
export interface EstatePatchBody {
  version: number;
  properties?: Record<string, unknown>;
  geometry?: unknown;
  allowOverlap?: boolean;
}

/** The answer of GET /api/summary, checked by the client. */
export const estateSummarySchema = z.object({
  estates: z.number(),
  households: z.number(),
  floorAreaM2: z.number(),
  buildings: z.number(),
  landAreaM2: z.number(),
  eligible: z.number(),
  urgent: z.number(),
  unknown: z.object({ households: z.number(), floorAreaM2: z.number(), buildings: z.number() }),
}) satisfies z.ZodType<EstateSummary>;

const geometrySchema = z.looseObject({ type: z.string() });

/**
 * A GeoJSON Feature as any route sends it (properties checked by each consumer). Its geometry may
 * be null, an unlocated feature: GET /api/communities?geometry=none sends names without outlines.
 */
export const featureSchema = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.number(), z.string()]).optional(),
  geometry: geometrySchema.nullable(),
  properties: z.record(z.string(), z.unknown()),
});

/** A GeoJSON FeatureCollection as the list routes send it. */
export const featureCollectionSchema = z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(featureSchema) });

/** One estate as GET/POST/PATCH answer it. */
export const estateFeatureSchema = featureSchema.extend({
  id: z.number(),
  geometry: geometrySchema,
  properties: z.looseObject({ id: z.number(), name: z.string(), version: z.number(), landAreaM2: z.number(), eligible: z.boolean() }),
});
