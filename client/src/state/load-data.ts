/** Loads the map's documents through the API module into the store. */
import {
  ApiError,
  fetchCommunities,
  fetchConfig,
  fetchEstate,
  fetchEstates,
  fetchFacilities,
  fetchRoads,
  fetchSubdistricts,
  fetchTileSources,
  fetchWater,
  isAbortError,
  type CommunityCollection,
  type EstateCollection,
  type FacilityCollection,
  type RoadCollection,
} from '../api';
import { useAtlasStore } from './atlas-store';

const NO_ESTATES: EstateCollection = { type: 'FeatureCollection', features: [] };
const NO_FACILITIES: FacilityCollection = { type: 'FeatureCollection', features: [] };
const NO_ROADS: RoadCollection = { type: 'FeatureCollection', features: [] };
const NO_COMMUNITIES: CommunityCollection = { type: 'FeatureCollection', features: [] };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function loadAtlasData(signal?: AbortSignal): Promise<void> {
  const store = useAtlasStore.getState();
  store.dataLoading();
  try {
    // A city too large for one download draws its estates from tiles (features/atlas/use-estate-tiles.ts);
    // the store then holds only the estates the user opens.
    const config = await fetchConfig(signal);
    const tiled = config.estateSource.kind === 'tiles';
    const [estates, facilities, roads, subdistricts, communities, water, tileSources] = await Promise.all([
      tiled ? Promise.resolve(NO_ESTATES) : fetchEstates({}, signal),
      // Its facilities and roads too: the store holds those of the areas the user looks at (features/atlas/use-held-areas.ts).
      tiled ? Promise.resolve(NO_FACILITIES) : fetchFacilities({}, signal),
      tiled ? Promise.resolve(NO_ROADS) : fetchRoads({}, signal),
      fetchSubdistricts({ withOutlines: !tiled }, signal),
      // And the communities: the map draws their boundaries from tiles, and the estate form loads their names when it first opens (features/edit/use-community-names.ts).
      tiled ? Promise.resolve(NO_COMMUNITIES) : fetchCommunities({ withOutlines: true }, signal),
      fetchWater(signal),
      tiled ? fetchTileSources(signal) : Promise.resolve(null),
    ]);
    useAtlasStore.getState().dataLoaded({
      config,
      estates,
      facilities,
      roads,
      subdistricts,
      communities,
      water,
      // The tiles' URL names the data version of now; after a change the browser asks again and gets a 304 while a tile is unchanged.
      ...(tileSources ? { tileSources, communitiesDeferred: true } : {}),
    });
  } catch (error) {
    if (isAbortError(error)) return;
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
  const data = useAtlasStore.getState().data;
  // A map drawn from tiles asks for the new data version instead (a new collection object tells it to).
  const estates = data?.config.estateSource.kind === 'tiles' ? { ...data.estates } : await fetchEstates({}, signal);
  useAtlasStore.getState().estatesReplaced(estates);
}

/**
 * Estates created, edited or deleted on the server, as GET /api/events announced them (by any
 * planner, this one's own writes echoed too); no ids after an import. Each changed estate is fetched:
 * one the store holds at the same version or later is this browser's own write, already in; a newer
 * one replaces it; a city held whole takes a new estate and drops a deleted one. A tiled city's tiles,
 * ledger page and totals ask again for an estate it does not hold.
 */
export async function followEstateChanges(estateIds: readonly number[]): Promise<void> {
  if (!useAtlasStore.getState().data) return;
  if (estateIds.length === 0) return reloadEstatesAfterImport();
  for (const id of estateIds) {
    const estate = await fetchEstate(id).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    // Read after the answer: this browser's own write may have been stored meanwhile.
    const store = useAtlasStore.getState();
    const held = store.data?.estates.features.find((f) => f.id === id);
    const tiled = store.data?.config.estateSource.kind === 'tiles';
    if (estate === null) {
      if (held || tiled) store.estateRemoved(id);
    } else if (held) {
      if (held.properties.version < estate.properties.version) store.estateStored(estate);
    } else if (tiled) {
      store.estatesChanged();
    } else {
      store.estateStored(estate);
    }
  }
}

/**
 * After a facility changed elsewhere (GET /api/events): the whole collection again, or, in a city
 * drawn from tiles, the areas it holds asked again in place, so nothing on screen blinks out.
 */
export async function refreshFacilities(signal?: AbortSignal): Promise<void> {
  const areas = useAtlasStore.getState().heldAreas;
  if (areas === null) return useAtlasStore.getState().facilitiesReplaced(await fetchFacilities({}, signal));
  const answers = await Promise.all(areas.map((area) => fetchFacilities({ bbox: area }, signal)));
  useAtlasStore.getState().facilitiesRefreshed(areas, answers);
}

/**
 * After facilities were imported or saved in bulk: the whole collection again, or, in a city drawn
 * from tiles, an empty store whose areas then load afresh.
 */
export async function reloadFacilities(signal?: AbortSignal): Promise<void> {
  const store = useAtlasStore.getState();
  if (store.heldAreas !== null) store.facilitiesCleared();
  else store.facilitiesReplaced(await fetchFacilities({}, signal));
}
