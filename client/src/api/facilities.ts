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

export async function createFacility(body: FacilityCreateBody): Promise<FacilityFeature> {
  return asFacility('/api/facilities', await request('/api/facilities', { method: 'POST', body }));
}

export async function patchFacility(id: number, body: Partial<FacilityInput> & { version: number }): Promise<FacilityFeature> {
  const path = `/api/facilities/${id}`;
  return asFacility(path, await request(path, { method: 'PATCH', body }));
}

export async function deleteFacility(id: number, version: number): Promise<void> {
  await request(`/api/facilities/${id}`, { method: 'DELETE', query: { version } });
}

export async function importFacilities(source: string, facilities: readonly FacilityInput[]): Promise<{ created: number }> {
  const body = await request('/api/facilities/import', { method: 'POST', body: { source, facilities } });
  const created = (body as { created?: unknown } | null)?.created;
  if (typeof created !== 'number') throw invalidAnswer('/api/facilities/import', 'the count of facilities imported');
  return { created };
}

export async function addEstateGate(estateId: number, lng: number, lat: number): Promise<void> {
  await request(`/api/estates/${estateId}/gates`, { method: 'POST', body: { lng, lat } });
}

export async function deleteEstateGate(id: number): Promise<void> {
  await request(`/api/estate-gates/${id}`, { method: 'DELETE' });
}
