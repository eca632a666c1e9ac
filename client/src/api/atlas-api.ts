/** Typed calls to the Renewal Atlas API (docs/API.md). Components use these, never fetch. */
import { getJson, type QueryValue } from './request';
import { invalidAnswer } from './invalid';
import { zoneRulesOf } from './zones';
import {
  isAtlasConfig,
  isEstateIdListing,
  isFacilityCounts,
  isEstateFeature,
  isFeatureCollection,
  isSummary,
  isTileSources,
  isTileStages,
} from './checks';
import type { EstateIdListing } from '../../../core/estate-id-listing';
import {
  COLLECTION_ESTATE_SOURCE,
  ledgerSortParam,
  type FacilityCounts,
  type LedgerSort,
  type TileSources,
  type TileStages,
} from '../../../core/contract/index';
import type {
  AtlasConfig,
  CommunityCollection,
  EstateApiFeature,
  EstateCollection,
  EstateFilter,
  FacilityCollection,
  RoadCollection,
  SubdistrictCollection,
  Summary,
  WaterCollection,
} from './types';

const invalid = invalidAnswer;

/** The query of an estate filter (the atlas filter's parts only when they restrict), shared by the reads and the export. */
export function filterQuery(filter: EstateFilter = {}): Record<string, QueryValue> {
  return {
    subdistrict: filter.subdistrict,
    district: filter.district,
    bbox: filter.bbox ? filter.bbox.join(',') : undefined,
    limit: filter.limit,
    // The atlas filter: each part only when it restricts.
    subdistrictCodes: filter.subdistrictCodes?.length ? filter.subdistrictCodes.join(',') : undefined,
    eligible: filter.eligible?.length ? filter.eligible.join(',') : undefined,
    urgent: filter.urgent?.length ? filter.urgent.join(',') : undefined,
    yearFrom: filter.yearFrom ?? undefined,
    yearTo: filter.yearTo ?? undefined,
    search: filter.search?.trim() ? filter.search.trim() : undefined,
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
    estateSource: body.estateSource ?? COLLECTION_ESTATE_SOURCE,
    // Servers before zones answer without the rules; the suggestion panel then uses the design defaults.
    ...('zoneRules' in body ? { zoneRules: zoneRulesOf(body) } : {}),
  };
}

export function fetchEstates(filter?: EstateFilter, signal?: AbortSignal): Promise<EstateCollection> {
  return getCollection<EstateCollection>('/api/estates', filterQuery(filter), signal);
}

/**
 * GET /api/estates with `sort`, `offset` and `limit`: one page of the ledger, for a city whose
 * browser holds only the estates it opened (the map draws the others from tiles).
 */
export function fetchLedgerPage(
  filter: EstateFilter,
  page: { offset: number; limit: number; sort: LedgerSort | null },
  signal?: AbortSignal,
): Promise<EstateCollection> {
  const query = {
    ...filterQuery(filter),
    offset: page.offset,
    limit: page.limit,
    sort: page.sort ? ledgerSortParam(page.sort) : undefined,
  };
  return getCollection<EstateCollection>('/api/estates', query, signal);
}

/** GET /api/estates/:id: one estate, for a map that draws the others from tiles. */
export async function fetchEstate(id: number, signal?: AbortSignal): Promise<EstateApiFeature> {
  const path = `/api/estates/${encodeURIComponent(String(id))}`;
  const body = await getJson(path, undefined, signal);
  if (!isEstateFeature(body)) throw invalid(path, 'an estate Feature');
  return body as unknown as EstateApiFeature;
}

/** The estates of the whole ledger the filter keeps or leaves out, whichever list is shorter (a tiled map fades by it). */
export async function fetchMatchingEstates(filter: EstateFilter, signal?: AbortSignal): Promise<EstateIdListing> {
  const body = await getJson('/api/estates/matching', filterQuery(filter), signal);
  if (!isEstateIdListing(body)) throw invalid('/api/estates/matching', 'the matching estates');
  return body;
}

/** GET /api/tiles: the tile layers under the current data version, their URLs whole (MapLibre fetches tiles in a worker;
 * not through `URL`, which would escape the template's braces). */
export async function fetchTileSources(signal?: AbortSignal): Promise<TileSources> {
  const body = await getJson('/api/tiles', undefined, signal);
  if (!isTileSources(body)) throw invalid('/api/tiles', 'the tile layers');
  const layers = Object.entries(body.layers).map(([id, layer]) => [
    id,
    { ...layer, tiles: layer.tiles.map((path) => `${window.location.origin}${path}`) },
  ]);
  return { ...body, layers: Object.fromEntries(layers) as TileSources['layers'] };
}

/** The stages on `asOf` (null: today) of the estates whose stage may differ from their tiles' (cut at `since`). */
export async function fetchTileStages(since: number, asOf: string | null, signal?: AbortSignal): Promise<TileStages> {
  const body = await getJson('/api/tiles/estates/stages', { since, asOf }, signal);
  if (!isTileStages(body)) throw invalid('/api/tiles/estates/stages', 'the estate stages');
  return body;
}

export async function fetchFacilityCounts(signal?: AbortSignal): Promise<FacilityCounts> {
  const body = await getJson('/api/facilities/counts', undefined, signal);
  if (!isFacilityCounts(body)) throw invalid('/api/facilities/counts', 'the facility counts');
  return body;
}

export function fetchFacilities(
  query: { type?: string; bbox?: [number, number, number, number] } = {},
  signal?: AbortSignal,
): Promise<FacilityCollection> {
  return getCollection<FacilityCollection>('/api/facilities', { type: query.type, bbox: query.bbox?.join(',') }, signal);
}

export function fetchRoads(query: { bbox?: [number, number, number, number] } = {}, signal?: AbortSignal): Promise<RoadCollection> {
  return getCollection<RoadCollection>('/api/roads', { bbox: query.bbox?.join(',') }, signal);
}

/** `withOutlines: false` for a map that draws the boundaries from tiles: names, boxes and label points only. */
export function fetchSubdistricts({ withOutlines }: { withOutlines: boolean }, signal?: AbortSignal): Promise<SubdistrictCollection> {
  return getCollection<SubdistrictCollection>('/api/subdistricts', withOutlines ? undefined : { geometry: 'none' }, signal);
}

/** `withOutlines: false` for a map that draws the boundaries from tiles and needs the names only. */
export function fetchCommunities({ withOutlines }: { withOutlines: boolean }, signal?: AbortSignal): Promise<CommunityCollection> {
  return getCollection<CommunityCollection>('/api/communities', withOutlines ? undefined : { geometry: 'none' }, signal);
}

export function fetchWater(signal?: AbortSignal): Promise<WaterCollection> {
  return getCollection<WaterCollection>('/api/water', undefined, signal);
}

export async function fetchSummary(filter?: EstateFilter, signal?: AbortSignal): Promise<Summary> {
  const body = await getJson('/api/summary', filterQuery(filter), signal);
  if (!isSummary(body)) throw invalid('/api/summary', 'the summary figures');
  return body;
}
