/**
 * Store slice of renovation zones (片区): the zones loaded, the estates picked on the map to form
 * or change one (click, Shift/Ctrl-click, box, lasso), the zone shown in the zone panel, and the
 * suggestions drawn on the map. Updaters are pure: (state, argument) → partial state.
 */
import type { ZoneApiFeature, ZoneLinkFeature, ZoneSuggestion } from '../api';

/** How a map gesture changes the picked estates: replace them, add to them, or toggle each. */
export type PickMode = 'replace' | 'add' | 'toggle' | 'remove';

/** The tool a drag on the map uses: none (the map pans), a box or a freehand lasso. */
export const SELECT_TOOLS = ['click', 'box', 'lasso'] as const;
export type SelectTool = (typeof SELECT_TOOLS)[number];

/** What the zone drawer shows: the list of zones, one zone, or the suggestions. */
export type ZonePanelView = 'list' | 'zone' | 'suggest';

export interface ZoneState {
  /** Null until GET /api/zones answered. */
  zones: readonly ZoneApiFeature[] | null;
  zonesError: string | null;
  pickedEstateIds: readonly number[];
  selectTool: SelectTool;
  zonePanel: ZonePanelView | null;
  selectedZoneId: number | null;
  /** Neighbour links of the selected zone (GET /api/zones/:id/detail), drawn on the map. */
  zoneLinks: readonly ZoneLinkFeature[];
  /** Suggestions drawn on the map as dashed outlines while the suggestion panel is open. */
  suggestions: readonly ZoneSuggestion[];
  /** Index into `suggestions` of the one pointed at in the list (drawn emphasised). */
  focusedSuggestion: number | null;
}

export const initialZones: ZoneState = {
  zones: null,
  zonesError: null,
  pickedEstateIds: [],
  selectTool: 'click',
  zonePanel: null,
  selectedZoneId: null,
  zoneLinks: [],
  suggestions: [],
  focusedSuggestion: null,
};

/**
 * The picked estates after a gesture hit `ids`.
 * @example pickedAfter([1, 2], [2, 3], 'toggle') // [1, 3]
 */
export function pickedAfter(current: readonly number[], ids: readonly number[], mode: PickMode): number[] {
  switch (mode) {
    case 'replace':
      return [...new Set(ids)];
    case 'add':
      return [...new Set([...current, ...ids])];
    case 'remove': {
      const gone = new Set(ids);
      return current.filter((id) => !gone.has(id));
    }
    case 'toggle': {
      const hit = new Set(ids);
      return [...current.filter((id) => !hit.has(id)), ...[...hit].filter((id) => !current.includes(id))];
    }
  }
}

export function pickEstates(state: ZoneState, ids: readonly number[], mode: PickMode): Partial<ZoneState> {
  const next = pickedAfter(state.pickedEstateIds, ids, mode);
  if (next.length === state.pickedEstateIds.length && next.every((id, i) => id === state.pickedEstateIds[i])) return {};
  return { pickedEstateIds: next };
}

export function clearPicked(state: ZoneState): Partial<ZoneState> {
  return state.pickedEstateIds.length === 0 ? {} : { pickedEstateIds: [] };
}

export function setSelectTool(_state: ZoneState, tool: SelectTool): Partial<ZoneState> {
  return { selectTool: tool };
}

/** A zone panel whose zone is gone goes back to the list. */
const BACK_TO_LIST = { selectedZoneId: null, zoneLinks: [], zonePanel: 'list' } as const satisfies Partial<ZoneState>;

/** The list as the server answered it; a zone the panel showed that is gone (deleted elsewhere) closes the panel, as zoneRemoved does. */
export function zonesLoaded(state: ZoneState, zones: readonly ZoneApiFeature[]): Partial<ZoneState> {
  const closing = state.selectedZoneId !== null && !zones.some((z) => z.id === state.selectedZoneId);
  return { zones, zonesError: null, ...(closing ? BACK_TO_LIST : {}) };
}

export function zonesFailed(_state: ZoneState, message: string): Partial<ZoneState> {
  return { zonesError: message };
}

/** A stored zone (POST or PATCH answer) replaces the one with its id, or joins the list. */
export function zoneStored(state: ZoneState, zone: ZoneApiFeature): Partial<ZoneState> {
  const zones = state.zones ?? [];
  const index = zones.findIndex((z) => z.id === zone.id);
  return { zones: index < 0 ? [...zones, zone] : zones.map((z, i) => (i === index ? zone : z)) };
}

/** A deleted zone leaves the list, and the panel when it showed it. */
export function zoneRemoved(state: ZoneState, id: number): Partial<ZoneState> {
  const closing = state.selectedZoneId === id;
  return {
    zones: (state.zones ?? []).filter((z) => z.id !== id),
    ...(closing ? BACK_TO_LIST : {}),
  };
}

/** Opens the zone panel on one zone; its links come later from the detail. */
export function openZone(state: ZoneState, id: number): Partial<ZoneState> {
  return { zonePanel: 'zone', selectedZoneId: id, zoneLinks: state.selectedZoneId === id ? state.zoneLinks : [] };
}

export function showZonePanel(state: ZoneState, view: ZonePanelView | null): Partial<ZoneState> {
  const leavingSuggest = view !== 'suggest';
  return {
    zonePanel: view,
    ...(view === 'zone' ? {} : { selectedZoneId: null, zoneLinks: [] }),
    ...(leavingSuggest && state.suggestions.length > 0 ? { suggestions: [], focusedSuggestion: null } : {}),
  };
}

export function setZoneLinks(state: ZoneState, zoneId: number, links: readonly ZoneLinkFeature[]): Partial<ZoneState> {
  return state.selectedZoneId === zoneId ? { zoneLinks: links } : {};
}

export function setSuggestions(_state: ZoneState, suggestions: readonly ZoneSuggestion[]): Partial<ZoneState> {
  return { suggestions, focusedSuggestion: null };
}

export function focusSuggestion(state: ZoneState, index: number | null): Partial<ZoneState> {
  return state.focusedSuggestion === index ? {} : { focusedSuggestion: index };
}

/** The zone holding each estate, for "already in a zone" and the add/remove actions. */
export function zoneOfEstate(zones: readonly ZoneApiFeature[] | null): ReadonlyMap<number, ZoneApiFeature> {
  const byEstate = new Map<number, ZoneApiFeature>();
  for (const zone of zones ?? []) for (const id of zone.properties.estateIds) byEstate.set(id, zone);
  return byEstate;
}
