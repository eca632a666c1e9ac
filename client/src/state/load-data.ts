/** Loads the map's documents and the summary through the API module into the store. */
import {
  fetchCommunities,
  fetchConfig,
  fetchEstates,
  fetchFacilities,
  fetchRoads,
  fetchSubdistricts,
  fetchSummary,
  fetchWater,
} from '../api';
import { useAtlasStore } from './atlas-store';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function loadAtlasData(signal?: AbortSignal): Promise<void> {
  const store = useAtlasStore.getState();
  store.dataLoading();
  try {
    const [config, estates, facilities, roads, subdistricts, communities, water] = await Promise.all([
      fetchConfig(signal),
      fetchEstates({}, signal),
      fetchFacilities({}, signal),
      fetchRoads(signal),
      fetchSubdistricts(signal),
      fetchCommunities(signal),
      fetchWater(signal),
    ]);
    useAtlasStore.getState().dataLoaded({ config, estates, facilities, roads, subdistricts, communities, water });
  } catch (error) {
    if (isAbort(error)) return;
    useAtlasStore.getState().dataFailed(messageOf(error));
  }
}

export async function loadSummary(subdistrict: string | null, signal?: AbortSignal): Promise<void> {
  useAtlasStore.getState().summaryLoading();
  try {
    const summary = await fetchSummary({ subdistrict }, signal);
    useAtlasStore.getState().summaryLoaded(summary);
  } catch (error) {
    if (isAbort(error)) return;
    useAtlasStore.getState().summaryFailed(messageOf(error));
  }
}

/**
 * Reloads only the estates (after a save, delete or import), keeping the other documents as they
 * are so the map is not rebuilt; rejects when the estates cannot be loaded.
 */
export async function reloadEstates(signal?: AbortSignal): Promise<void> {
  const estates = await fetchEstates({}, signal);
  const latest = useAtlasStore.getState().data;
  if (latest) useAtlasStore.getState().dataLoaded({ ...latest, estates });
}
