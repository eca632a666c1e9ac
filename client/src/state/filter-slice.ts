/** Store slice of the one atlas filter (state/atlas-filter.ts), set from the sidebar and the ledger alike. */
import { EMPTY_ATLAS_FILTER, type AtlasFilter } from './atlas-filter';

export interface FilterState {
  filter: AtlasFilter;
}

export const initialFilter: FilterState = { filter: EMPTY_ATLAS_FILTER };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Changes some parts of the filter; no change when every part is already as asked. Sub-district
 * codes are kept once each.
 * @example setFilter(state, { urgent: ['yes'] }) // { filter: { ...state.filter, urgent: ['yes'] } }
 */
export function setFilter(state: FilterState, patch: Partial<AtlasFilter>): Partial<FilterState> {
  const next: AtlasFilter = { ...state.filter, ...patch };
  if (patch.subdistrictCodes) next.subdistrictCodes = [...new Set(patch.subdistrictCodes)];
  const current = state.filter;
  const unchanged =
    sameList(next.subdistrictCodes, current.subdistrictCodes) &&
    sameList(next.eligible, current.eligible) &&
    sameList(next.urgent, current.urgent) &&
    next.yearFrom === current.yearFrom &&
    next.yearTo === current.yearTo &&
    next.search === current.search;
  return unchanged ? {} : { filter: next };
}

/** Clears every part of the filter. */
export function resetFilter(state: FilterState): Partial<FilterState> {
  return state.filter === EMPTY_ATLAS_FILTER ? {} : { filter: EMPTY_ATLAS_FILTER };
}
