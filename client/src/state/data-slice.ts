/**
 * The documents loaded from the API, with their loading state. A write splices the stored estate
 * it gets back into the collection and updates the summary from the estates in the store, instead
 * of downloading everything again.
 */
import { estateTotals } from '../../../core/estate-totals';
import type {
  AtlasConfig,
  CommunityCollection,
  EstateApiFeature,
  EstateCollection,
  FacilityCollection,
  RoadCollection,
  SubdistrictCollection,
  Summary,
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
  summary: Summary | null;
  summaryStatus: LoadStatus;
  summaryError: string | null;
}

export const initialData: DataState = {
  status: 'idle',
  data: null,
  error: null,
  summary: null,
  summaryStatus: 'idle',
  summaryError: null,
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

export function summaryLoading(): Partial<DataState> {
  return { summaryStatus: 'loading', summaryError: null };
}

export function summaryLoaded(_state: DataState, summary: Summary): Partial<DataState> {
  return { summaryStatus: 'ready', summary, summaryError: null };
}

export function summaryFailed(_state: DataState, message: string): Partial<DataState> {
  return { summaryStatus: 'error', summaryError: message };
}

/**
 * The summary of the estates in a sub-district (null = all), the figures GET /api/summary would
 * answer for the same filter.
 */
export function summaryOf(estates: readonly EstateApiFeature[], subdistrict: string | null): Summary {
  const inFilter = subdistrict === null ? estates : estates.filter((f) => f.properties.subdistrictCode === subdistrict);
  return estateTotals(inFilter.map((f) => f.properties));
}

function withEstates(state: DataState, features: EstateApiFeature[], subdistrict: string | null): Partial<DataState> {
  if (!state.data) return {};
  return {
    data: { ...state.data, estates: { ...state.data.estates, features } },
    summary: summaryOf(features, subdistrict),
    summaryStatus: 'ready',
    summaryError: null,
  };
}

/**
 * The stored estate a POST or PATCH answered replaces the estate with its id, keeping its place
 * in the collection, or is appended when new.
 * @example estateStored(state, patched, null).data?.estates.features // same order, `patched` in place
 */
export function estateStored(state: DataState, estate: EstateApiFeature, subdistrict: string | null): Partial<DataState> {
  const features = state.data?.estates.features ?? [];
  const index = features.findIndex((f) => f.id === estate.id);
  const next = index < 0 ? [...features, estate] : features.map((f, i) => (i === index ? estate : f));
  return withEstates(state, next, subdistrict);
}

/** A deleted estate leaves the collection. */
export function estateRemoved(state: DataState, id: number, subdistrict: string | null): Partial<DataState> {
  const features = state.data?.estates.features ?? [];
  if (!features.some((f) => f.id === id)) return {};
  return withEstates(state, features.filter((f) => f.id !== id), subdistrict);
}

/** A freshly loaded estate collection (after an import) replaces the old one; the other documents stay. */
export function estatesReplaced(state: DataState, estates: EstateCollection, subdistrict: string | null): Partial<DataState> {
  return withEstates(state, estates.features, subdistrict);
}
