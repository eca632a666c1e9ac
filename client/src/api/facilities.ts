/** Facility and gate writes (docs/API.md → Facilities, Life circles). Refusals are ApiErrors with the server's bilingual wording. */
import type { FacilityFeature } from '../../../core/contract/index';
import type { FacilityInput } from '../../../core/facilities/facility-record';
import { isFeature } from './checks';
import { invalidAnswer } from './invalid';
import { request } from './request';

function asFacility(path: string, body: unknown): FacilityFeature {
  if (!isFeature(body) || body.geometry?.type !== 'Point') throw invalidAnswer(path, 'a facility Feature');
  return body as unknown as FacilityFeature;
}

/** What a create sends: a name and status may be left out (none, existing). */
export type FacilityCreateBody = Omit<FacilityInput, 'name' | 'status'> & Partial<Pick<FacilityInput, 'name' | 'status'>>;

/** The wire form of a facility: a GeoJSON Point Feature with `{ type, name, status }`. */
function featureOf({ lng, lat, ...properties }: FacilityCreateBody) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}

export async function createFacility(body: FacilityCreateBody): Promise<FacilityFeature> {
  return asFacility('/api/facilities', await request('/api/facilities', { method: 'POST', body: featureOf(body) }));
}

export async function patchFacility(id: number, change: Partial<FacilityInput> & { version: number }): Promise<FacilityFeature> {
  const path = `/api/facilities/${id}`;
  const { version, lng, lat, ...properties } = change;
  const body = {
    version,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(lng !== undefined && lat !== undefined ? { geometry: { type: 'Point', coordinates: [lng, lat] } } : {}),
  };
  return asFacility(path, await request(path, { method: 'PATCH', body }));
}

export async function deleteFacility(id: number, version: number): Promise<void> {
  await request(`/api/facilities/${id}`, { method: 'DELETE', query: { version } });
}

export async function importFacilities(source: string, facilities: readonly FacilityInput[]): Promise<{ created: number }> {
  const body = await request('/api/facilities/import', {
    method: 'POST',
    body: { type: 'FeatureCollection', source, features: facilities.map(featureOf) },
  });
  const created = (body as { created?: unknown } | null)?.created;
  if (typeof created !== 'number') throw invalidAnswer('/api/facilities/import', 'the count of facilities imported');
  return { created };
}

export async function addEstateGate(estateId: number, lng: number, lat: number): Promise<void> {
  await request(`/api/estates/${estateId}/gates`, {
    method: 'POST',
    body: { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: null },
  });
}

export async function deleteEstateGate(estateId: number, id: number): Promise<void> {
  await request(`/api/estates/${estateId}/gates/${id}`, { method: 'DELETE' });
}
