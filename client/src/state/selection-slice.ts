/** What the user points at: the selected estate (side panel) and the hovered object (tooltip). */

export type HoverTarget = { kind: 'estate'; id: number } | { kind: 'facility'; index: number } | { kind: 'zone'; id: number };

export interface SelectionState {
  selectedEstateId: number | null;
  hovered: HoverTarget | null;
}

export const initialSelection: SelectionState = {
  selectedEstateId: null,
  hovered: null,
};

export function selectEstate(_state: SelectionState, id: number | null): Partial<SelectionState> {
  return { selectedEstateId: id };
}

export function clearSelection(): Partial<SelectionState> {
  return { selectedEstateId: null };
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
