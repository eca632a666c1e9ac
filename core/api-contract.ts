/**
 * Shapes of the geo-API's answers (docs/API.md), shared by the server that builds them
 * and the client that reads them.
 */
import type { EstateFeature, EstateProperties } from './estate.js';
import type { SourceCrs } from './io/source-crs.js';
import type { ImportRowProblemCode, ProblemParams } from './problems.js';

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
}

/** A stored estate a polygon overlaps, with the overlap area from PostGIS. */
export interface EstateOverlap {
  id: number;
  name: string;
  overlapM2: number;
}

/** Road classes of the walk and basemap network, widest first. */
export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** File formats an import layer can come from. */
export const IMPORT_FORMATS = ['geojson', 'shapefile', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** POST /api/imports: the layer an import records (stored geometry is always WGS84). */
export interface ImportLayerInput {
  name: string;
  fileName: string;
  format: ImportFormat;
  sourceCrs: SourceCrs;
}

/** One problem of one import row: a code of core/problems.ts, its params, and the English message. */
export interface ImportProblem {
  code: ImportRowProblemCode;
  message: string;
  params: ProblemParams;
  details?: unknown;
}

/** POST /api/imports/validate: the report of one row. */
export interface ImportRowReport {
  index: number;
  /** Land area of a geometry that passed the checks, else null. */
  landAreaM2: number | null;
  problems: ImportProblem[];
}

/** GET /api/import-layers: a layer a past import recorded. */
export interface ImportLayer extends ImportLayerInput {
  id: number;
  featureCount: number;
  createdAt: string;
}

/** POST /api/imports: the layer and the ids of its estates, `ids[k]` for feature k. */
export interface ImportResult {
  layerId: number;
  inserted: number;
  ids: number[];
}

/** Every error answer: `{ error: ApiErrorBody }`, `code` from core/problems.ts, `params` to word it in either language. */
export interface ApiErrorBody {
  code: string;
  message: string;
  params?: ProblemParams;
  details?: unknown;
}
