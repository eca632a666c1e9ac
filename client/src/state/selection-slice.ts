/** What the user points at: the selected estate or facility (one side panel at a time) and the hovered object (tooltip). */

export type HoverTarget = { kind: 'estate'; id: number } | { kind: 'facility'; index: number } | { kind: 'zone'; id: number };

export interface SelectionState {
  selectedEstateId: number | null;
  selectedFacilityId: number | null;
  hovered: HoverTarget | null;
}

export const initialSelection: SelectionState = {
  selectedEstateId: null,
  selectedFacilityId: null,
  hovered: null,
};

export function selectEstate(state: SelectionState, id: number | null): Partial<SelectionState> {
  return { selectedEstateId: id, selectedFacilityId: id === null ? state.selectedFacilityId : null };
}

export function selectFacility(state: SelectionState, id: number | null): Partial<SelectionState> {
  return { selectedFacilityId: id, selectedEstateId: id === null ? state.selectedEstateId : null };
}

export function clearSelection(): Partial<SelectionState> {
  return { selectedEstateId: null, selectedFacilityId: null };
}

export function setHovered(state: SelectionState, hovered: HoverTarget | null): Partial<SelectionState> {
  // Hover events fire on every mouse move; keep the same object so subscribers don't re-render.
  if (sameHover(state.hovered, hovered)) return {};
  return { hovered };
}

export function sameHover(a: HoverTarget | null, b: HoverTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'estate' && b.kind === 'estate') return a.id === b.id;
  if (a.kind === 'zone' && b.kind === 'zone') return a.id === b.id;
  if (a.kind === 'facility' && b.kind === 'facility') return a.index === b.index;
  return false;
}
