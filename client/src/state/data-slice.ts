/**
 * The documents loaded from the API, with their loading state. A write splices the stored estate
 * it gets back into the collection instead of downloading everything again; the summary strip is
 * computed from the estates in the store and the filter (state/use-filtered-estates.ts).
 */
import type {
  AtlasConfig,
  CommunityCollection,
  EstateApiFeature,
  EstateCollection,
  FacilityCollection,
  FacilityFeature,
  RoadCollection,
  SubdistrictCollection,
  Summary,
  WaterCollection,
} from '../api';
import { bboxContains, type Bbox } from '../../../core/geometry/bbox';
import type { TileSources } from '../../../core/contract/index';

export interface AtlasData {
  config: AtlasConfig;
  estates: EstateCollection;
  facilities: FacilityCollection;
  roads: RoadCollection;
  subdistricts: SubdistrictCollection;
  /** In a city drawn from tiles: no outlines (drawn from `tileSources`), and no names until the estate form first needs them (communitiesLoaded). */
  communities: CommunityCollection;
  /** True while a tiled city's community names are not loaded yet. */
  communitiesDeferred?: boolean;
  /**
   * A tiled city's tile layers as the load found them (GET /api/tiles): the estates' until the first
   * estate write; the community and sub-district boundaries' for the life of the map (their lists then hold no outlines).
   */
  tileSources?: TileSources;
  water: WaterCollection;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DataState {
  status: LoadStatus;
  data: AtlasData | null;
  /** Readable message of the last failed load. */
  error: string | null;
  /**
   * In a city drawn from tiles, the areas whose facilities and roads the store holds (features/
   * atlas/use-held-areas.ts loads them); null when it holds every one of both.
   */
  heldAreas: readonly Bbox[] | null;
  /** Counts facility writes and reloads: what sums the facilities on the server follows it. */
  facilityWrites: number;
  /**
   * Counts estate writes (a save, a delete, an import): what the server answers for the whole
   * ledger follows it (a tiled city's tiles, ledger page and totals), not an estate merely opened.
   */
  estateWrites: number;
  /**
   * A tiled city's totals over the estates the atlas filter passes, as GET /api/summary last answered
   * (features/atlas/use-summary-figures.ts): one request for the summary strip and the ledger alike.
   */
  serverSummary: Summary | null;
}

export const initialData: DataState = {
  status: 'idle',
  data: null,
  error: null,
  heldAreas: null,
  facilityWrites: 0,
  estateWrites: 0,
  serverSummary: null,
};

export function dataLoading(): Partial<DataState> {
  return { status: 'loading', error: null };
}

export function dataLoaded(_state: DataState, data: AtlasData): Partial<DataState> {
  return { status: 'ready', data, error: null, heldAreas: data.config.estateSource.kind === 'tiles' ? [] : null };
}

/** The server's totals for a tiled city, or null when they could not be had. */
export function summaryLoaded(_state: DataState, summary: Summary | null): Partial<DataState> {
  return { serverSummary: summary };
}

export function dataFailed(_state: DataState, message: string): Partial<DataState> {
  return { status: 'error', error: message };
}

function withFacilities(state: DataState, features: FacilityFeature[]): Partial<DataState> {
  if (!state.data) return {};
  return { data: { ...state.data, facilities: { ...state.data.facilities, features } }, facilityWrites: state.facilityWrites + 1 };
}

/** A facility write's answer replaces the facility with its id, or joins the collection at the end. */
export function facilityStored(state: DataState, facility: FacilityFeature): Partial<DataState> {
  const features = state.data?.facilities.features ?? [];
  const at = features.findIndex((f) => f.id === facility.id);
  return withFacilities(state, at < 0 ? [...features, facility] : features.map((f, i) => (i === at ? facility : f)));
}

export function facilityRemoved(state: DataState, id: number): Partial<DataState> {
  return withFacilities(
    state,
    (state.data?.facilities.features ?? []).filter((f) => f.id !== id),
  );
}

export function facilitiesReplaced(state: DataState, facilities: FacilityCollection): Partial<DataState> {
  return withFacilities(state, facilities.features);
}

/** What GET /api/facilities and GET /api/roads answer for one area of a tiled city. */
export interface AreaLayers {
  facilities: FacilityCollection;
  roads: RoadCollection;
}

/** `features` followed by those of `more` whose ids it does not hold: earlier positions stay valid. */
function appendUnseen<F extends { id?: string | number | undefined }>(features: readonly F[], more: readonly F[]): F[] | null {
  const held = new Set(features.map((f) => f.id));
  const added = more.filter((f) => !held.has(f.id));
  return added.length === 0 ? null : [...features, ...added];
}

/**
 * The facilities and roads of one more area of a tiled city join the store: those it does not hold
 * yet go at the end, so the positions the map and the coverage results refer to stay valid, and a
 * collection with nothing new stays the same object (nothing redraws or reruns).
 * @example areaMerged(state, area, answer).heldAreas // [...before, area]
 */
export function areaMerged(state: DataState, area: Bbox, layers: AreaLayers): Partial<DataState> {
  // An answer that arrives after the store was emptied (a reload) or the city changed is dropped.
  if (!state.data || state.heldAreas === null) return {};
  const facilities = appendUnseen(state.data.facilities.features, layers.facilities.features);
  const roads = appendUnseen(state.data.roads.features, layers.roads.features);
  const heldAreas = [...state.heldAreas, area];
  if (!facilities && !roads) return { heldAreas };
  const data = {
    ...state.data,
    facilities: facilities ? { ...state.data.facilities, features: facilities } : state.data.facilities,
    roads: roads ? { ...state.data.roads, features: roads } : state.data.roads,
  };
  return { data, heldAreas };
}

/**
 * A facility changed elsewhere, in a tiled city: the answers for the areas asked again replace what
 * the store held in those areas; facilities of an area that joined meanwhile stay.
 * @example facilitiesRefreshed(state, state.heldAreas, answers).data.facilities // the areas' facilities as answered
 */
export function facilitiesRefreshed(state: DataState, areas: readonly Bbox[], answers: readonly FacilityCollection[]): Partial<DataState> {
  if (!state.data || state.heldAreas === null) return {};
  const answered = new Map(answers.flatMap((answer) => answer.features).map((f) => [f.id, f]));
  const inAsked = ([lng = 0, lat = 0]: readonly number[]) => areas.some((area) => bboxContains(area, [lng, lat, lng, lat]));
  const kept = state.data.facilities.features.filter((f) => !answered.has(f.id) && !inAsked(f.geometry.coordinates));
  return withFacilities(state, [...kept, ...answered.values()]);
}

/** After a facility import in a tiled city: no facilities held, every area loads again (its roads already held stay). */
export function facilitiesCleared(state: DataState): Partial<DataState> {
  if (state.heldAreas === null) return {};
  return { ...withFacilities(state, []), heldAreas: [] };
}

function withEstates(state: DataState, features: EstateApiFeature[]): Partial<DataState> {
  if (!state.data) return {};
  return { data: { ...state.data, estates: { ...state.data.estates, features } } };
}

/**
 * The stored estate a POST or PATCH answered replaces the estate with its id, keeping its place
 * in the collection, or is appended when new.
 * @example estateStored(state, patched).data?.estates.features // same order, `patched` in place
 */
export function estateStored(state: DataState, estate: EstateApiFeature): Partial<DataState> {
  if (!state.data) return {};
  return { ...estateOpened(state, estate), estateWrites: state.estateWrites + 1 };
}

/**
 * An estate a tiled city fetched because the user opened it joins the store as a stored one does,
 * but nothing changed on the server: `estateWrites` stays.
 */
export function estateOpened(state: DataState, estate: EstateApiFeature): Partial<DataState> {
  const features = state.data?.estates.features ?? [];
  const index = features.findIndex((f) => f.id === estate.id);
  const next = index < 0 ? [...features, estate] : features.map((f, i) => (i === index ? estate : f));
  return withEstates(state, next);
}

/**
 * Estates the store does not hold changed on the server (a tiled city, or a planner elsewhere):
 * what follows the whole ledger asks again, as after a write of this browser's own.
 */
export function estatesChanged(state: DataState): Partial<DataState> {
  return { estateWrites: state.estateWrites + 1 };
}

/** A deleted estate leaves the collection. */
export function estateRemoved(state: DataState, id: number): Partial<DataState> {
  if (!state.data) return {};
  const features = state.data.estates.features;
  const written = { estateWrites: state.estateWrites + 1 };
  // Gone from the server even when the store did not hold it (a tiled city).
  if (!features.some((f) => f.id === id)) return written;
  return {
    ...withEstates(
      state,
      features.filter((f) => f.id !== id),
    ),
    ...written,
  };
}

/** The community names a tiled city loads when the estate form first opens. */
export function communitiesLoaded(state: DataState, communities: CommunityCollection): Partial<DataState> {
  if (!state.data) return {};
  return { data: { ...state.data, communities, communitiesDeferred: false } };
}

/** A freshly loaded estate collection (after an import) replaces the old one; the other documents stay. */
export function estatesReplaced(state: DataState, estates: EstateCollection): Partial<DataState> {
  if (!state.data) return {};
  return { ...withEstates(state, estates.features), estateWrites: state.estateWrites + 1 };
}
