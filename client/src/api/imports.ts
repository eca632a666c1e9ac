/** Import endpoints (docs/API.md "Writes"): validate rows, commit a layer, list layers. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ApiError, getJson, parseErrorBody } from './http';

import type { ImportLayerInput, ImportProblem, ImportRowReport } from '../../../core/api-contract';

export type { ImportFormat, ImportLayerInput, ImportProblem, ImportRowReport } from '../../../core/api-contract';

/** A row to import: WGS84 geometry, properties as estateFieldsSchema takes them. */
export type ImportFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

export interface ImportResult {
  layerId: number;
  inserted: number;
  ids: number[];
}

export interface ImportLayer extends ImportLayerInput {
  id: number;
  featureCount: number;
  createdAt: string;
}

/** An import the server refused; `rows` is its per-row report when it sent one (422). */
export class ImportRejectedError extends ApiError {
  readonly rows: ImportRowReport[];

  constructor(status: number, code: string, message: string, path: string, rows: ImportRowReport[]) {
    super(status, code, message, path);
    this.name = 'ImportRejectedError';
    this.rows = rows;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProblem(value: unknown): value is ImportProblem {
  return isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string';
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

/** Reads a JSON answer; an error status becomes an ImportRejectedError carrying any row report. */
function readAnswer(path: string, status: number, statusText: string, text: string): unknown {
  const ok = status >= 200 && status < 300;
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    if (ok) throw new ApiError(status, 'invalid_json', `${path} answered with something that is not JSON`, path);
  }
  if (ok) return parsed;
  const error = parseErrorBody(parsed);
  const message = `${error?.message ?? (statusText || 'request failed')} (${path}, HTTP ${status})`;
  const details = isRecord(parsed) && isRecord(parsed.error) ? parsed.error.details : undefined;
  throw new ImportRejectedError(status, error?.code ?? `http_${status}`, message, path, parseRowReports(details) ?? []);
}

async function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', `Cannot reach the server for ${path}: ${String(cause)}`, path);
  }
  return readAnswer(path, response.status, response.statusText, await response.text());
}

/** Progress of a large POST: the upload as a fraction, then the server's processing. */
export type UploadProgress = { phase: 'upload'; fraction: number } | { phase: 'processing' };

/** POST with upload progress; fetch cannot report it, XMLHttpRequest can. */
function postJsonWithProgress(path: string, body: unknown, onProgress: (progress: UploadProgress) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress({ phase: 'upload', fraction: event.loaded / event.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new ApiError(0, 'network_error', `Cannot reach the server for ${path}`, path));
    xhr.onload = () => {
      try {
        resolve(readAnswer(path, xhr.status, xhr.statusText, xhr.responseText));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.send(JSON.stringify(body));
  });
}

/** Asks the server what is wrong with each row; writes nothing. */
export async function validateImport(features: readonly ImportFeature[], signal?: AbortSignal): Promise<ImportRowReport[]> {
  const body = await postJson('/api/imports/validate', { features }, signal);
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
  const body = await postJsonWithProgress('/api/imports', request, options.onProgress ?? (() => undefined));
  if (!isRecord(body) || typeof body.layerId !== 'number' || typeof body.inserted !== 'number' || !Array.isArray(body.ids)) {
    throw new ApiError(201, 'invalid_response', '/api/imports did not answer with { layerId, inserted, ids }', '/api/imports');
  }
  return { layerId: body.layerId, inserted: body.inserted, ids: body.ids.filter((id): id is number => typeof id === 'number') };
}

export async function fetchImportLayers(signal?: AbortSignal): Promise<ImportLayer[]> {
  const body = await getJson('/api/import-layers', undefined, signal);
  if (!Array.isArray(body)) throw new ApiError(200, 'invalid_response', '/api/import-layers did not answer with a list', '/api/import-layers');
  return body as ImportLayer[];
}
