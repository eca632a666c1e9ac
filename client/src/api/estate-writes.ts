/**
 * Estate writes (docs/API.md "Writes"): create, patch and delete one estate. A refused write
 * becomes an EstateWriteError carrying what the UI needs to explain it (overlaps, the current
 * record of a version conflict, the field a rule names).
 */
import type { EstateCreateBody, EstatePatchBody } from '../../../core/contract/index';
import type { MultiPolygon, Polygon } from 'geojson';
import type { EstateFieldsInput } from '../../../core/estate-schema';
import { isRecord } from '../../../core/checks';
import { GEOMETRY_PROBLEM_CODES } from '../../../core/problems';
import { ApiError, request, type QueryValue } from './request';
import { isEstateFeature } from './checks';
import type { EstateApiFeature } from './types';

export type EstateWriteGeometry = Polygon | MultiPolygon;

/** Properties a client may send: the ledger fields (estateFieldsSchema), defaults may be left out. */
export type EstateWriteProperties = EstateFieldsInput;

export interface EstateOverlap {
  id: number;
  name: string;
  overlapM2: number;
}

/** What a refused write explains, by error code. */
export type EstateWriteProblem =
  | { kind: 'overlap'; overlaps: EstateOverlap[] }
  | { kind: 'version_conflict'; current: EstateApiFeature | null }
  | { kind: 'invalid_geometry'; code: string }
  | { kind: 'invalid_request' }
  | { kind: 'not_found' }
  | { kind: 'other' };

export class EstateWriteError extends ApiError {
  readonly problem: EstateWriteProblem;

  constructor(cause: ApiError, path: string, problem: EstateWriteProblem) {
    super(cause.status, cause.code, cause.serverMessage, path, {
      serverMessage: cause.serverMessage,
      details: cause.details,
      params: cause.params,
    });
    this.name = 'EstateWriteError';
    this.problem = problem;
  }
}

// Every geometry rule's code (core/problems.ts), so a new rule (area, crs, coordinates) needs no edit here.
const GEOMETRY_CODES: ReadonlySet<string> = new Set(GEOMETRY_PROBLEM_CODES);

function isOverlap(value: unknown): value is EstateOverlap {
  return isRecord(value) && typeof value.id === 'number' && typeof value.name === 'string' && typeof value.overlapM2 === 'number';
}

/** Reads the error body's `details` into the problem its code announces. */
export function problemOf(status: number, code: string, details: unknown): EstateWriteProblem {
  if (code === 'overlap') {
    const overlaps = isRecord(details) && Array.isArray(details.overlaps) ? details.overlaps.filter(isOverlap) : [];
    return { kind: 'overlap', overlaps };
  }
  if (code === 'version_conflict') {
    const current = isRecord(details) && isEstateFeature(details.current) ? (details.current as unknown as EstateApiFeature) : null;
    return { kind: 'version_conflict', current };
  }
  if (GEOMETRY_CODES.has(code) || status === 422) return { kind: 'invalid_geometry', code };
  if (status === 400) return { kind: 'invalid_request' };
  if (status === 404) return { kind: 'not_found' };
  return { kind: 'other' };
}

/** A write through `request`; a refused write becomes an EstateWriteError with the server's own message. */
async function send(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Record<string, QueryValue> } = {},
): Promise<unknown> {
  try {
    return await request(path, { method, ...options });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status < 400) throw error;
    throw new EstateWriteError(error, path, problemOf(error.status, error.code, error.details));
  }
}

function asFeature(body: unknown, path: string): EstateApiFeature {
  if (!isEstateFeature(body)) throw new ApiError(200, 'invalid_response', `${path} did not answer with an estate Feature`, path);
  return body as unknown as EstateApiFeature;
}

/** POST /api/estates → 201 the stored estate (id, version 1, computed landAreaM2). */
export async function createEstate(
  geometry: EstateWriteGeometry,
  properties: EstateWriteProperties,
  options: { allowOverlap?: boolean } = {},
): Promise<EstateApiFeature> {
  const body: EstateCreateBody = { type: 'Feature', geometry, properties };
  return asFeature(
    await send('POST', '/api/estates', { body, query: { allowOverlap: options.allowOverlap ? 'true' : undefined } }),
    '/api/estates',
  );
}

export interface EstatePatch {
  version: number;
  properties?: Partial<EstateWriteProperties>;
  geometry?: EstateWriteGeometry;
  allowOverlap?: boolean;
}

/** PATCH /api/estates/:id with the version the edit started from → 200 the stored estate, version + 1. */
export async function patchEstate(id: number, patch: EstatePatch): Promise<EstateApiFeature> {
  const path = `/api/estates/${encodeURIComponent(String(id))}`;
  const body: EstatePatchBody = patch;
  return asFeature(await send('PATCH', path, { body }), path);
}

/** DELETE /api/estates/:id?version=n → 204. */
export async function deleteEstate(id: number, version: number): Promise<void> {
  await send('DELETE', `/api/estates/${encodeURIComponent(String(id))}`, { query: { version } });
}
