/**
 * The wire format of the import routes (docs/API.md → Import): POST /api/imports/validate,
 * POST /api/imports, GET /api/import-layers.
 */
import type { SourceCrs } from '../io/source-crs.js';
import type { ImportRowProblemCode, ProblemParams } from '../problems.js';

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
