/** Typed calls to the Renewal Atlas API (docs/API.md). Components use these, never fetch. */
import { getJson, type QueryValue } from './request';
import { invalidAnswer } from './invalid';
import { zoneRulesOf } from './zones';
import { isAtlasConfig, isFeatureCollection, isSummary } from './checks';
import type {
  AtlasConfig,
  CommunityCollection,
  EstateCollection,
  EstateFilter,
  FacilityCollection,
  RoadCollection,
  SubdistrictCollection,
  Summary,
  WaterCollection,
} from './types';

const invalid = invalidAnswer;

function filterQuery(filter: EstateFilter = {}): Record<string, QueryValue> {
  return {
    subdistrict: filter.subdistrict,
    district: filter.district,
    bbox: filter.bbox ? filter.bbox.join(',') : undefined,
    limit: filter.limit,
  };
}

async function getCollection<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  const body = await getJson(path, query, signal);
  if (!isFeatureCollection(body)) throw invalid(path, 'a GeoJSON FeatureCollection');
  // The features are the server's own output; their properties are typed by the contract.
  return body as T;
}

export async function fetchConfig(signal?: AbortSignal): Promise<AtlasConfig> {
  const body = await getJson('/api/config', undefined, signal);
  if (!isAtlasConfig(body)) throw invalid('/api/config', 'the configuration object');
  return {
    eligibilityCutoffYear: body.eligibilityCutoffYear,
    basemap: { styleUrl: body.basemap.styleUrl || null, tiandituKey: body.basemap.tiandituKey || null },
    // Servers before zones answer without the rules; the suggestion panel then uses the design defaults.
    ...('zoneRules' in body ? { zoneRules: zoneRulesOf(body) } : {}),
  };
}

export function fetchEstates(filter?: EstateFilter, signal?: AbortSignal): Promise<EstateCollection> {
  return getCollection<EstateCollection>('/api/estates', filterQuery(filter), signal);
}

export function fetchFacilities(
  query: { type?: string; bbox?: [number, number, number, number] } = {},
  signal?: AbortSignal,
): Promise<FacilityCollection> {
  return getCollection<FacilityCollection>('/api/facilities', { type: query.type, bbox: query.bbox?.join(',') }, signal);
}

export function fetchRoads(signal?: AbortSignal): Promise<RoadCollection> {
  return getCollection<RoadCollection>('/api/roads', undefined, signal);
}

export function fetchSubdistricts(signal?: AbortSignal): Promise<SubdistrictCollection> {
  return getCollection<SubdistrictCollection>('/api/subdistricts', undefined, signal);
}

export function fetchCommunities(signal?: AbortSignal): Promise<CommunityCollection> {
  return getCollection<CommunityCollection>('/api/communities', undefined, signal);
}

export function fetchWater(signal?: AbortSignal): Promise<WaterCollection> {
  return getCollection<WaterCollection>('/api/water', undefined, signal);
}

export async function fetchSummary(filter?: EstateFilter, signal?: AbortSignal): Promise<Summary> {
  const body = await getJson('/api/summary', filterQuery(filter), signal);
  if (!isSummary(body)) throw invalid('/api/summary', 'the summary figures');
  return body;
}
