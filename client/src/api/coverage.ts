/** Life-circle reads (docs/API.md → Life circles): the catalogue as set, and estates' gates. */
import { facilityTypesResponseSchema, type FacilityTypesResponse } from '../../../core/contract/index';
import { isFeatureCollection } from './checks';
import { invalidAnswer } from './invalid';
import { getJson } from './request';

export interface EstateGate {
  id: number;
  estateId: number;
  lngLat: [number, number];
}

export async function fetchFacilityTypes(signal?: AbortSignal): Promise<FacilityTypesResponse['types']> {
  const parsed = facilityTypesResponseSchema.safeParse(await getJson('/api/facility-types', undefined, signal));
  if (!parsed.success) throw invalidAnswer('/api/facility-types', 'the facility catalogue');
  return parsed.data.types;
}

export async function fetchEstateGates(signal?: AbortSignal): Promise<EstateGate[]> {
  const body = await getJson('/api/estate-gates', undefined, signal);
  if (!isFeatureCollection(body)) throw invalidAnswer('/api/estate-gates', 'a FeatureCollection of gates');
  const gates: EstateGate[] = [];
  for (const feature of body.features) {
    const estateId = feature.properties?.estateId;
    const coordinates: unknown = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    if (typeof estateId !== 'number' || typeof feature.id !== 'number' || !Array.isArray(coordinates)) continue;
    const [lng, lat] = coordinates as unknown[];
    if (typeof lng === 'number' && typeof lat === 'number') gates.push({ id: feature.id, estateId, lngLat: [lng, lat] });
  }
  return gates;
}
