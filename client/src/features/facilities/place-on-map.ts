/**
 * What a map click does while something is being placed: a what-if facility joins the store; a
 * new facility, a gate or a moved facility is written, and the store takes the server's answer.
 * A refusal keeps the placement going and says why in the UI language.
 */
import type { LngLat } from '../../../../core/geometry/lng-lat';
import { addEstateGate, ApiError, createFacility, patchFacility } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import type { MapPlacement } from '../../state/coverage-slice';

function refusalText(error: unknown): string {
  const language = useAtlasStore.getState().language;
  if (error instanceof ApiError) return error.messageIn(language);
  return error instanceof Error ? error.message : String(error);
}

export async function placeOnMap(placement: MapPlacement, [lng, lat]: LngLat): Promise<void> {
  const store = useAtlasStore.getState();
  try {
    switch (placement.kind) {
      case 'whatIf':
        store.placeVirtualFacility(lng, lat);
        return;
      case 'newFacility': {
        const created = await createFacility({ type: placement.type, lng, lat });
        store.facilityStored(created);
        store.setMapPlacement(null);
        if (typeof created.id === 'number') store.selectFacility(created.id);
        return;
      }
      case 'gate':
        await addEstateGate(placement.estateId, lng, lat);
        store.setMapPlacement(null);
        store.coverageInputsChanged();
        return;
      case 'moveFacility': {
        const facility = store.data?.facilities.features.find((f) => f.id === placement.id);
        if (!facility) return store.setMapPlacement(null);
        const moved = await patchFacility(placement.id, { version: facility.properties.version, lng, lat });
        store.facilityStored(moved);
        store.setMapPlacement(null);
        return;
      }
    }
  } catch (error) {
    useAtlasStore.getState().placementFailed(refusalText(error));
  }
}
