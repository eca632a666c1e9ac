/** The documents loaded from the API, with their loading state. */
import type {
  AtlasConfig,
  CommunityCollection,
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
