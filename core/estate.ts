/**
 * The estate (小区) ledger record, as planners keep it in the survey ledger
 * (调查摸底情况统计表). Field names carry their unit; land area is always
 * computed by PostGIS from the polygon, never typed in.
 */
import type { MultiPolygon } from 'geojson';
import type { LedgerInputValues } from './ledger-fields.js';

export { HAZARD_LEVELS, PROPERTY_TYPES } from './ledger-fields.js';
export type { HazardLevel, PropertyType } from './ledger-fields.js';

/** Default eligibility cut-off: built before the end of 2000 (国办发〔2020〕23号). Cities may configure 2004 or 2005. */
export const DEFAULT_ELIGIBILITY_CUTOFF_YEAR = 2000;

/**
 * Attributes a planner types in (core/ledger-fields.ts), each null when unknown. An eligibility
 * override (true = include, false = exclude, null = follow the cut-off-year rule) carries its reason.
 */
export type EstateInput = LedgerInputValues;

/** An estate as the API returns it: the input plus what the database derives. */
export interface EstateProperties extends EstateInput {
  /** Names of the administrative units the estate lies in; null when not (yet) assigned. */
  district: string | null;
  subdistrict: string | null;
  community: string | null;
  /** ST_Area(geography) of the polygon, m². */
  landAreaM2: number;
  /** The override when there is one, else the cut-off-year rule (an unknown year is not eligible). */
  eligible: boolean;
  /** The import layer the estate came from (its source file and coordinate system), null when drawn. */
  importLayerId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EstateFeature {
  type: 'Feature';
  id: number;
  geometry: MultiPolygon;
  properties: EstateProperties;
}

/**
 * Whether an estate falls within the renovation programme by its construction year.
 * @example isEligible(1998) // true; isEligible(2003, 2004) // true
 */
export function isEligible(yearBuilt: number, cutoffYear: number = DEFAULT_ELIGIBILITY_CUTOFF_YEAR): boolean {
  return yearBuilt <= cutoffYear;
}

/**
 * Eligibility of one estate: a planner's override wins, else the cut-off-year rule.
 * @example resolveEligibility(2003, null, 2000) // false; resolveEligibility(2003, true, 2000) // true
 */
export function resolveEligibility(
  yearBuilt: number | null,
  override: boolean | null,
  cutoffYear: number = DEFAULT_ELIGIBILITY_CUTOFF_YEAR,
): boolean {
  if (override !== null) return override;
  return yearBuilt !== null && isEligible(yearBuilt, cutoffYear);
}
