/**
 * The estate (小区) ledger record, as planners keep it in the survey ledger
 * (调查摸底情况统计表). Field names carry their unit; land area is always
 * computed by PostGIS from the polygon, never typed in.
 */
import type { MultiPolygon } from 'geojson';

export const PROPERTY_TYPES = ['housing_reform', 'unit_managed', 'commercial', 'mixed'] as const;
/** 产权性质: 房改房 / 单位自管 / 商品房 / 混合 */
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const HAZARD_LEVELS = ['none', 'B', 'C', 'D'] as const;
/** 危房等级 (none = no dangerous buildings) */
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** Default eligibility cut-off: built before the end of 2000 (国办发〔2020〕23号). Cities may configure 2004 or 2005. */
export const DEFAULT_ELIGIBILITY_CUTOFF_YEAR = 2000;

/** Attributes a planner types in. */
export interface EstateInput {
  code: string;
  name: string;
  address: string;
  district: string;
  subdistrict: string;
  community: string;
  /** null when the survey has no year (eligibility by year then says no) */
  yearBuilt: number | null;
  buildings: number;
  households: number;
  floorAreaM2: number;
  propertyType: PropertyType;
  originalOwnerUnit: string;
  hasPropertyManagement: boolean;
  hasOwnersCommittee: boolean;
  urgent: boolean;
  hazardLevel: HazardLevel;
  willingnessPct: number | null;
  notes: string;
  /**
   * A planner's decision that overrides the cut-off-year rule (true = include, false = exclude);
   * null = follow the rule. An override always carries its reason.
   */
  eligibilityOverride: boolean | null;
  eligibilityOverrideReason: string | null;
}

/** An estate as the API returns it: the input plus what the database derives. */
export interface EstateProperties extends EstateInput {
  landAreaM2: number;
  /** The override when there is one, else the cut-off-year rule. */
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
