/**
 * The one filter of the atlas — sub-districts, eligibility, urgency, year range and text search —
 * as pure functions. The same filter decides which estates the map shows in colour (the others
 * are faded), the summary strip's figures, the ledger's rows and an export's "current filter".
 */
import type { EstateApiFeature, EstateApiProperties } from '../api';

import type { YesNo } from '../../../core/ledger-fields';
export { YES_NO, type YesNo } from '../../../core/ledger-fields';

/** An empty list or null means "no restriction". */
export interface AtlasFilter {
  /** Sub-district codes ('' = estates without a sub-district). */
  subdistrictCodes: readonly string[];
  eligible: readonly YesNo[];
  urgent: readonly YesNo[];
  yearFrom: number | null;
  yearTo: number | null;
  /** Matched case-insensitively against name, code and address. */
  search: string;
}

export const EMPTY_ATLAS_FILTER: AtlasFilter = {
  subdistrictCodes: [],
  eligible: [],
  urgent: [],
  yearFrom: null,
  yearTo: null,
  search: '',
};

/** Whether the filter restricts the estates at all. */
export function hasActiveFilter(filter: AtlasFilter): boolean {
  return (
    filter.subdistrictCodes.length > 0 ||
    filter.eligible.length > 0 ||
    filter.urgent.length > 0 ||
    filter.yearFrom !== null ||
    filter.yearTo !== null ||
    filter.search.trim() !== ''
  );
}

/** The one sub-district the filter restricts to, when sub-districts are all it restricts; else null. */
export function soleSubdistrict(filter: AtlasFilter): string | null {
  const [only, ...others] = filter.subdistrictCodes;
  if (only === undefined || others.length > 0) return null;
  return hasActiveFilter({ ...filter, subdistrictCodes: [] }) ? null : only;
}

function matchesYesNo(selected: readonly YesNo[], value: boolean): boolean {
  return selected.length === 0 || selected.includes(value ? 'yes' : 'no');
}

function matchesSearch(p: EstateApiProperties, needle: string): boolean {
  if (!needle) return true;
  return [p.name, p.code, p.address].some((text) => text?.toLowerCase().includes(needle) === true);
}

/** A year outside a given range excludes the estate; an unknown year only passes an open range. */
function matchesYear(yearBuilt: number | null, from: number | null, to: number | null): boolean {
  if (from === null && to === null) return true;
  // The API reports an unknown year as 0 (or null from older rows).
  if (yearBuilt === null || yearBuilt <= 0) return false;
  return (from === null || yearBuilt >= from) && (to === null || yearBuilt <= to);
}

/** Whether one estate passes the filter; `needle` is the trimmed, lower-cased search. */
function passes(p: EstateApiProperties, filter: AtlasFilter, needle: string): boolean {
  if (filter.subdistrictCodes.length > 0 && !filter.subdistrictCodes.includes(p.subdistrictCode ?? '')) return false;
  return (
    matchesYesNo(filter.eligible, p.eligible) &&
    matchesYesNo(filter.urgent, p.urgent === true) &&
    matchesYear(p.yearBuilt, filter.yearFrom, filter.yearTo) &&
    matchesSearch(p, needle)
  );
}

/**
 * The estates that pass the filter, in input order.
 * @example filterEstates(estates, { ...EMPTY_ATLAS_FILTER, search: '幸福' })
 */
export function filterEstates(estates: readonly EstateApiFeature[], filter: AtlasFilter): EstateApiFeature[] {
  if (!hasActiveFilter(filter)) return [...estates];
  const needle = filter.search.trim().toLowerCase();
  return estates.filter((estate) => passes(estate.properties, filter, needle));
}

/** Ids of the estates the filter leaves out (the map draws them faded). */
export function excludedEstateIds(estates: readonly EstateApiFeature[], filter: AtlasFilter): Set<number> {
  if (!hasActiveFilter(filter)) return new Set();
  const needle = filter.search.trim().toLowerCase();
  return new Set(estates.filter((estate) => !passes(estate.properties, filter, needle)).map((f) => f.id));
}
