/** Import endpoints (docs/API.md "Writes"): validate rows, commit a layer, list layers. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { isRecord } from '../../../core/checks';
import { ApiError, request, type UploadProgress } from './request';

import type { ImportLayerInput, ImportProblem, ImportResult, ImportRowReport } from '../../../core/contract/index';

export type { ImportLayerInput, ImportProblem, ImportResult, ImportRowReport } from '../../../core/contract/index';

/** A row to import: WGS84 geometry, properties as estateFieldsSchema takes them. */
export type ImportFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/** An import the server refused; `rows` is its per-row report when it sent one (422). */
export class ImportRejectedError extends ApiError {
  readonly rows: ImportRowReport[];

  constructor(cause: ApiError, path: string, rows: ImportRowReport[]) {
    super(cause.status, cause.code, cause.message, path, {
      serverMessage: cause.serverMessage,
      details: cause.details,
      params: cause.params,
    });
    this.name = 'ImportRejectedError';
    this.rows = rows;
  }
}

function isProblem(value: unknown): value is ImportProblem {
  return isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string' && isRecord(value.params);
}

function isRowReport(value: unknown): value is ImportRowReport {
  return (
    isRecord(value) &&
    typeof value.index === 'number' &&
    (value.landAreaM2 === null || typeof value.landAreaM2 === 'number') &&
    Array.isArray(value.problems) &&
    value.problems.every(isProblem)
  );
}

/** Reads `{ rows: [...] }` (the validate answer, or `error.details` of a refused commit). */
export function parseRowReports(value: unknown): ImportRowReport[] | null {
  if (!isRecord(value) || !Array.isArray(value.rows) || !value.rows.every(isRowReport)) return null;
  return value.rows;
}

export type { UploadProgress } from './request';

/** A POST through `request`; an error status becomes an ImportRejectedError carrying any row report. */
async function post(
  path: string,
  body: unknown,
  options: { signal?: AbortSignal; onUploadProgress?(progress: UploadProgress): void } = {},
): Promise<unknown> {
  try {
    return await request(path, { method: 'POST', body, ...options });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status < 300) throw error;
    throw new ImportRejectedError(error, path, parseRowReports(error.details) ?? []);
  }
}

/** Asks the server what is wrong with each row; writes nothing. */
export async function validateImport(features: readonly ImportFeature[], signal?: AbortSignal): Promise<ImportRowReport[]> {
  const body = await post('/api/imports/validate', { features }, { signal });
  const rows = parseRowReports(body);
  if (!rows) throw new ApiError(200, 'invalid_response', '/api/imports/validate did not answer with a row report', '/api/imports/validate');
  return rows;
}

/** Writes all rows as one layer, or nothing (ImportRejectedError with the row report). */
export async function commitImport(
  layer: ImportLayerInput,
  features: readonly ImportFeature[],
  options: { allowOverlap?: boolean; onProgress?: (progress: UploadProgress) => void } = {},
): Promise<ImportResult> {
  const request = { layer, features, allowOverlap: options.allowOverlap ?? false };
  const body = await post('/api/imports', request, { onUploadProgress: options.onProgress ?? (() => undefined) });
  if (!isRecord(body) || typeof body.layerId !== 'number' || typeof body.inserted !== 'number' || !Array.isArray(body.ids)) {
    throw new ApiError(201, 'invalid_response', '/api/imports did not answer with { layerId, inserted, ids }', '/api/imports');
  }
  return { layerId: body.layerId, inserted: body.inserted, ids: body.ids.filter((id): id is number => typeof id === 'number') };
}
