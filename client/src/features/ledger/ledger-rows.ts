/**
 * The ledger table's rows as pure functions: which estates pass the table's filters and text
 * search (their totals are core/estate-totals.ts). Kept out of React so 10 000 rows can be tested directly.
 */
import type { EstateApiFeature, EstateApiProperties } from '../../api';

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

/** The table's own filters; an empty list or null means "no restriction". */
export interface LedgerFilters {
  /** Sub-district codes ('' = estates without a sub-district). */
  subdistrictCodes: readonly string[];
  eligible: readonly YesNo[];
  urgent: readonly YesNo[];
  yearFrom: number | null;
  yearTo: number | null;
  /** Matched case-insensitively against name, code and address. */
  search: string;
}

export const EMPTY_LEDGER_FILTERS: LedgerFilters = {
  subdistrictCodes: [],
  eligible: [],
  urgent: [],
  yearFrom: null,
  yearTo: null,
  search: '',
};

/** Whether any of the table's own filters restricts the rows. */
export function hasActiveFilters(filters: LedgerFilters): boolean {
  return (
    filters.subdistrictCodes.length > 0 ||
    filters.eligible.length > 0 ||
    filters.urgent.length > 0 ||
    filters.yearFrom !== null ||
    filters.yearTo !== null ||
    filters.search.trim() !== ''
  );
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

/**
 * The estates of the sidebar's sub-district (null = all) that pass the table's filters, in input order.
 * @example filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, search: '幸福' })
 */
export function filterLedgerRows(
  estates: readonly EstateApiFeature[],
  sidebarSubdistrict: string | null,
  filters: LedgerFilters,
): EstateApiFeature[] {
  const needle = filters.search.trim().toLowerCase();
  return estates.filter((estate) => {
    const p = estate.properties;
    const subdistrict = p.subdistrictCode ?? '';
    if (sidebarSubdistrict !== null && subdistrict !== sidebarSubdistrict) return false;
    if (filters.subdistrictCodes.length > 0 && !filters.subdistrictCodes.includes(subdistrict)) return false;
    return (
      matchesYesNo(filters.eligible, p.eligible) &&
      matchesYesNo(filters.urgent, p.urgent === true) &&
      matchesYear(p.yearBuilt, filters.yearFrom, filters.yearTo) &&
      matchesSearch(p, needle)
    );
  });
}
