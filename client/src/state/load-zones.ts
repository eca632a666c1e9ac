/** Loads the renovation zones through the API module into the store; apart from the map's documents, so a failure leaves the map working. */
import { ApiError, fetchZones, isAbortError } from '../api';
import { useAtlasStore } from './atlas-store';

/** Counts the loads asked for: changes announced in quick succession may answer out of order, and only the last asked is kept. */
let lastLoad = 0;

export async function loadZones(signal?: AbortSignal): Promise<void> {
  const load = ++lastLoad;
  try {
    const zones = await fetchZones(signal);
    if (load === lastLoad) useAtlasStore.getState().zonesLoaded(zones.features);
  } catch (error) {
    if (isAbortError(error) || load !== lastLoad) return;
    const language = useAtlasStore.getState().language;
    useAtlasStore.getState().zonesFailed(error instanceof ApiError ? error.messageIn(language) : String(error));
  }
}
