/** Loads the renovation zones through the API module into the store; apart from the map's documents, so a failure leaves the map working. */
import { ApiError, fetchZones, isAbortError } from '../api';
import { useAtlasStore } from './atlas-store';

export async function loadZones(signal?: AbortSignal): Promise<void> {
  try {
    const zones = await fetchZones(signal);
    useAtlasStore.getState().zonesLoaded(zones.features);
  } catch (error) {
    if (isAbortError(error)) return;
    const language = useAtlasStore.getState().language;
    useAtlasStore.getState().zonesFailed(error instanceof ApiError ? error.messageIn(language) : String(error));
  }
}
