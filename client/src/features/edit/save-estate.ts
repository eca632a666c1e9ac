/**
 * What Save sends: POST for a new estate, PATCH with the starting version and only the changed
 * parts for an existing one. Pure request building (tested) plus the call.
 */
import { createEstate, patchEstate, type EstateApiFeature, type EstatePatch, type EstateWriteGeometry } from '../../api';
import type { EstateFieldsInput } from '../../../../core/estate-schema';
import { sameParts } from './edit-history';
import type { Parts } from '../../../../core/geometry/polygon-parts';
import { geometryOf, partsOf } from '../../../../core/geometry/polygon-parts';
import { changedProperties } from './form-model';

export type SaveRequest =
  | { kind: 'create'; geometry: EstateWriteGeometry; properties: EstateFieldsInput }
  | { kind: 'patch'; id: number; patch: EstatePatch }
  | { kind: 'nothing' };

/**
 * The request for the session's state; `base` is the stored estate the edit started from
 * (or the newer one the planner chose to overwrite after a conflict).
 */
export function buildSaveRequest(base: EstateApiFeature | null, parts: Parts, properties: EstateFieldsInput): SaveRequest {
  const geometry = geometryOf(parts);
  if (!base) {
    if (!geometry) return { kind: 'nothing' };
    return { kind: 'create', geometry, properties };
  }
  const patch: EstatePatch = { version: base.properties.version };
  const changed = changedProperties(base.properties, properties);
  if (Object.keys(changed).length > 0) patch.properties = changed;
  if (geometry && !sameParts(partsOf(base.geometry).parts, parts)) patch.geometry = geometry;
  if (!patch.properties && !patch.geometry) return { kind: 'nothing' };
  return { kind: 'patch', id: base.id, patch };
}

/** Sends the request; null when there was nothing to save. Throws EstateWriteError when refused. */
export async function sendSaveRequest(request: SaveRequest, allowOverlap: boolean): Promise<EstateApiFeature | null> {
  switch (request.kind) {
    case 'create':
      return createEstate(request.geometry, request.properties, { allowOverlap });
    case 'patch':
      return patchEstate(request.id, allowOverlap ? { ...request.patch, allowOverlap: true } : request.patch);
    case 'nothing':
      return null;
  }
}
