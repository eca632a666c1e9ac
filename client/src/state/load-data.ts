/** Loads the map's documents through the API module into the store. */
import { fetchCommunities, fetchConfig, fetchEstates, fetchFacilities, fetchRoads, fetchSubdistricts, fetchWater } from '../api';
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

/**
 * Loads the estate collection once after an import and puts it in the store (the summary follows
 * from it). An import answers only the new ids; fetching each as GET /api/estates/:id would take
 * 10 000 requests for a large file, so one GET /api/estates is the cheaper way to the new estates.
 * The other documents stay, so the map is not rebuilt. Rejects when the estates cannot be loaded.
 */
export async function reloadEstatesAfterImport(signal?: AbortSignal): Promise<void> {
  const estates = await fetchEstates({}, signal);
  useAtlasStore.getState().estatesReplaced(estates);
}
