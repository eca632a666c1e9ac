/**
 * What a click on the map does. A plain click on an estate selects it (its panel opens) and makes
 * it the picked set; Shift/Ctrl/⌘-click adds it to the picked estates or takes it out; a click in
 * a zone off its estates opens the zone; a click on a facility opens its panel; a click on nothing
 * clears (a modified one keeps the picks). While something is being placed, the click places it.
 */
import type { MapPointerEvent } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';
import type { PickMode } from '../../state/zone-slice';
import { placeOnMap } from '../facilities/place-on-map';

export type ClickOutcome =
  | { kind: 'selectEstate'; id: number; pick: { ids: number[]; mode: PickMode } }
  | { kind: 'openZone'; id: number }
  | { kind: 'openFacility'; index: number }
  | { kind: 'clear'; keepPicked: boolean };

/** @example clickOutcome({ kind: 'estate', id: 4 }, true) // { kind: 'selectEstate', id: 4, pick: { ids: [4], mode: 'toggle' } } */
export function clickOutcome(target: MapPointerEvent['target'], additive: boolean): ClickOutcome {
  if (!target) return { kind: 'clear', keepPicked: additive };
  if (target.kind === 'estate')
    return { kind: 'selectEstate', id: target.id, pick: { ids: [target.id], mode: additive ? 'toggle' : 'replace' } };
  if (target.kind === 'zone') return { kind: 'openZone', id: target.id };
  return { kind: 'openFacility', index: target.index };
}

export function handleMapClick(event: MapPointerEvent): void {
  const store = useAtlasStore.getState();
  // Placing something (a what-if, a facility, a gate): the click says where, and selects nothing.
  if (store.mapPlacement && event.lngLat) {
    void placeOnMap(store.mapPlacement, event.lngLat);
    return;
  }
  const outcome = clickOutcome(event.target, event.additive);
  switch (outcome.kind) {
    case 'selectEstate':
      store.pickEstates(outcome.pick.ids, outcome.pick.mode);
      // With several estates picked the selection card speaks for them, not one estate's panel.
      store.selectEstate(outcome.pick.mode === 'replace' ? outcome.id : null);
      return;
    case 'openZone':
      store.clearSelection();
      store.openZone(outcome.id);
      return;
    case 'openFacility': {
      const facility = store.data?.facilities.features[outcome.index];
      if (typeof facility?.id === 'number') store.selectFacility(facility.id);
      return;
    }
    case 'clear':
      store.clearSelection();
      if (!outcome.keepPicked) store.clearPicked();
      return;
  }
}
