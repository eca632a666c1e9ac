/** How the map is shown: colouring, visible layers, language and facility types (the filter is filter-slice.ts). */
import type { ColourBy, LayerKey, MapViewport, VisibleLayers } from '../map/map-types';
import type { Language } from '../shared/i18n/languages';
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../core/facility-catalogue';

export interface ViewState {
  colourBy: ColourBy;
  visibleLayers: VisibleLayers;
  language: Language;
  /** Facility type ids switched off in the facility legend. */
  hiddenFacilityTypes: readonly string[];
  /** The facility type whose reach colours the estates when colouring by reach. */
  reachTypeId: FacilityTypeId;
  /** What the map shows, as of its last move (null before it has drawn). */
  mapViewport: MapViewport | null;
}

export const DEFAULT_VISIBLE_LAYERS: VisibleLayers = {
  estates: true,
  facilities: true,
  subdistricts: true,
  communities: true,
  roads: true,
  labels: true,
};

/**
 * The residential-block tier (waste points, parcel points, convenience stores) is most of the
 * facility dots and only matters close up; the first view shows the 15/10/5-minute tiers.
 */
export const DEFAULT_HIDDEN_FACILITY_TYPES: readonly string[] = FACILITY_CATALOGUE.filter((f) => f.tier === 'block').map((f) => f.id);

export const initialView: ViewState = {
  colourBy: 'stage',
  visibleLayers: DEFAULT_VISIBLE_LAYERS,
  language: 'zh',
  hiddenFacilityTypes: DEFAULT_HIDDEN_FACILITY_TYPES,
  reachTypeId: 'kindergarten',
  mapViewport: null,
};

export function setColourBy(_state: ViewState, colourBy: ColourBy): Partial<ViewState> {
  return { colourBy };
}

export function setReachType(_state: ViewState, reachTypeId: FacilityTypeId): Partial<ViewState> {
  return { reachTypeId };
}

export function setMapViewport(_state: ViewState, mapViewport: MapViewport): Partial<ViewState> {
  return { mapViewport };
}

export function setLayerVisible(state: ViewState, layer: LayerKey, visible: boolean): Partial<ViewState> {
  if (state.visibleLayers[layer] === visible) return {};
  return { visibleLayers: { ...state.visibleLayers, [layer]: visible } };
}

export function setLanguage(_state: ViewState, language: Language): Partial<ViewState> {
  return { language };
}

export function setFacilityTypeVisible(state: ViewState, typeId: string, visible: boolean): Partial<ViewState> {
  const hidden = state.hiddenFacilityTypes.includes(typeId);
  if (hidden === !visible) return {};
  return {
    hiddenFacilityTypes: visible ? state.hiddenFacilityTypes.filter((id) => id !== typeId) : [...state.hiddenFacilityTypes, typeId],
  };
}

/** Shows every facility type, or hides all of `typeIds`. */
export function setAllFacilityTypesVisible(_state: ViewState, visible: boolean, typeIds: readonly string[]): Partial<ViewState> {
  return { hiddenFacilityTypes: visible ? [] : [...typeIds] };
}
