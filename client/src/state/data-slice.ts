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
  WaterCollection,
} from '../api';

export interface AtlasData {
  config: AtlasConfig;
  estates: EstateCollection;
  facilities: FacilityCollection;
  roads: RoadCollection;
  subdistricts: SubdistrictCollection;
  communities: CommunityCollection;
  water: WaterCollection;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DataState {
  status: LoadStatus;
  data: AtlasData | null;
  /** Readable message of the last failed load. */
  error: string | null;
}

export const initialData: DataState = {
  status: 'idle',
  data: null,
  error: null,
};

export function dataLoading(): Partial<DataState> {
  return { status: 'loading', error: null };
}

export function dataLoaded(_state: DataState, data: AtlasData): Partial<DataState> {
  return { status: 'ready', data, error: null };
}

export function dataFailed(_state: DataState, message: string): Partial<DataState> {
  return { status: 'error', error: message };
}

function withFacilities(state: DataState, features: FacilityFeature[]): Partial<DataState> {
  if (!state.data) return {};
  return { data: { ...state.data, facilities: { ...state.data.facilities, features } } };
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
  const features = state.data?.estates.features ?? [];
  const index = features.findIndex((f) => f.id === estate.id);
  const next = index < 0 ? [...features, estate] : features.map((f, i) => (i === index ? estate : f));
  return withEstates(state, next);
}

/** A deleted estate leaves the collection. */
export function estateRemoved(state: DataState, id: number): Partial<DataState> {
  const features = state.data?.estates.features ?? [];
  if (!features.some((f) => f.id === id)) return {};
  return withEstates(
    state,
    features.filter((f) => f.id !== id),
  );
}

/** A freshly loaded estate collection (after an import) replaces the old one; the other documents stay. */
export function estatesReplaced(state: DataState, estates: EstateCollection): Partial<DataState> {
  return withEstates(state, estates.features);
}
