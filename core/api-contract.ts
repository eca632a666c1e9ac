/**
 * Shapes of the geo-API's answers (docs/API.md), shared by the server that builds them
 * and the client that reads them.
 */
import type { EstateFeature, EstateProperties } from './estate.js';
import type { SourceCrs } from './io/source-crs.js';

/** Estate properties as the API sends them: the ledger record plus its place in the hierarchy. */
export interface EstateApiProperties extends EstateProperties {
  id: number;
  /** null for an estate not (yet) assigned to an administrative unit */
  districtCode: string | null;
  subdistrictCode: string | null;
  communityCode: string | null;
}

export type EstateApiFeature = Omit<EstateFeature, 'properties'> & { properties: EstateApiProperties };

/** GET /api/summary: totals of the estates matching the current filter. */
export interface EstateSummary {
  estates: number;
  households: number;
  floorAreaM2: number;
  buildings: number;
  landAreaM2: number;
  eligible: number;
  urgent: number;
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

/** One problem of one import row; codes are listed in docs/API.md. */
export interface ImportProblem {
  code: string;
  message: string;
  details?: unknown;
}

/** POST /api/imports/validate: the report of one row. */
export interface ImportRowReport {
  index: number;
  /** Land area of a geometry that passed the checks, else null. */
  landAreaM2: number | null;
  problems: ImportProblem[];
}
