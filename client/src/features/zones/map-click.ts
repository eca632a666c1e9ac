/**
 * What a click on the map does. A plain click on an estate selects it (its panel opens) and makes
 * it the picked set; Shift/Ctrl/⌘-click adds it to the picked estates or takes it out; a click in
 * a zone off its estates opens the zone; a click on nothing clears (a modified one keeps the picks).
 */
import type { MapPointerEvent } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';
import type { PickMode } from '../../state/zone-slice';

export type ClickOutcome =
  | { kind: 'selectEstate'; id: number; pick: { ids: number[]; mode: PickMode } }
  | { kind: 'openZone'; id: number }
  | { kind: 'clear'; keepPicked: boolean }
  | { kind: 'none' };

/** @example clickOutcome({ kind: 'estate', id: 4 }, true) // { kind: 'selectEstate', id: 4, pick: { ids: [4], mode: 'toggle' } } */
export function clickOutcome(target: MapPointerEvent['target'], additive: boolean): ClickOutcome {
  if (!target) return { kind: 'clear', keepPicked: additive };
  if (target.kind === 'estate')
    return { kind: 'selectEstate', id: target.id, pick: { ids: [target.id], mode: additive ? 'toggle' : 'replace' } };
  if (target.kind === 'zone') return { kind: 'openZone', id: target.id };
  return { kind: 'none' };
}

export function handleMapClick(event: MapPointerEvent): void {
  const store = useAtlasStore.getState();
  // Placing a what-if facility: the click says where, and selects nothing.
  if (store.placingFacilityType && event.lngLat) {
    store.placeVirtualFacility(event.lngLat[0], event.lngLat[1]);
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
    case 'clear':
      store.clearSelection();
      if (!outcome.keepPicked) store.clearPicked();
      return;
    case 'none':
      return;
  }
}
