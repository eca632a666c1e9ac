/** Life-circle reads (docs/API.md → Life circles): the catalogue as set, and estates' gates. */
import { facilityTypesResponseSchema, siteAnswerSchema, type FacilityTypesResponse, type SiteAnswer } from '../../../core/contract/index';
import { isFeatureCollection } from './checks';
import { invalidAnswer } from './invalid';
import { getJson, request } from './request';
import { fileNameFromDisposition, type ExportFile } from './export';
import type { CoverageModel } from '../../../core/contract/coverage';

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

/** The scope of a gap report: an estate or zone by id, a sub-district by code, or the whole city. */
export type GapReportScope = { kind: 'estate' | 'zone'; id: number } | { kind: 'subdistrict'; id: string } | { kind: 'city' };

/** GET /api/coverage/report: the gap report as a file, in the model and with planned facilities as the map shows them. */
export async function fetchGapReport(
  scope: GapReportScope,
  options: { format: 'xlsx' | 'csv'; model: CoverageModel; includePlanned: boolean },
): Promise<ExportFile> {
  const answer = await request('/api/coverage/report', {
    query: {
      scope: scope.kind,
      id: 'id' in scope ? String(scope.id) : undefined,
      model: options.model,
      planned: options.includePlanned ? 'include' : 'exclude',
      format: options.format,
    },
    as: 'file',
  });
  return {
    blob: answer.blob,
    fileName: fileNameFromDisposition(answer.header('Content-Disposition')) ?? `life-circle-gaps.${options.format}`,
  };
}

/** GET /api/coverage/sites: where K more facilities of a type would reach the most households not yet reached. */
export async function fetchSiteSuggestions(
  query: { type: string; k: number; model: CoverageModel; includePlanned: boolean },
  signal?: AbortSignal,
): Promise<SiteAnswer> {
  const body = await getJson(
    '/api/coverage/sites',
    { type: query.type, k: String(query.k), model: query.model, planned: query.includePlanned ? 'include' : 'exclude' },
    signal,
  );
  const parsed = siteAnswerSchema.safeParse(body);
  if (!parsed.success) throw invalidAnswer('/api/coverage/sites', 'the suggested sites');
  return parsed.data;
}

/** PUT /api/facility-types/:id (catalogue.write): a type's walking radius and whether it counts; the catalogue as it now stands. */
export async function putFacilityType(id: string, change: { radiusM: number; counted: boolean }): Promise<FacilityTypesResponse['types']> {
  const path = `/api/facility-types/${encodeURIComponent(id)}`;
  const parsed = facilityTypesResponseSchema.safeParse(await request(path, { method: 'PUT', body: change }));
  if (!parsed.success) throw invalidAnswer(path, 'the facility catalogue');
  return parsed.data.types;
}
