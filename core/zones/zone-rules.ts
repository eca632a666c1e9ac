/**
 * The rules of a renovation zone (片区, design.md §7): who counts as a neighbour and the optional
 * caps. Defaults come from the design reference; a city changes them in configuration.
 */

export interface ZoneRules {
  /** Estates whose boundaries are within this many metres are neighbours (a branch road is about 50 m). */
  gapM: number;
  /** Most households in one zone; null for no cap. */
  maxHouseholds: number | null;
  /** Most estates in one zone; null for no cap. */
  maxEstates: number | null;
  /** All members of a zone lie in one sub-district (街道). */
  sameSubdistrict: boolean;
}

export const DEFAULT_ZONE_RULES: Readonly<ZoneRules> = { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false };

/** Bounds of the neighbour gap a planner may choose, metres: beyond 500 m estates are no longer 成街连片. */
export const ZONE_GAP_BOUNDS_M = { min: 1, max: 500 } as const;

/** Longest zone name and note, characters. */
export const ZONE_NAME_MAX_CHARS = 60;
export const ZONE_NOTE_MAX_CHARS = 500;
/** Most estates one zone request may name (a whole district's worth). */
export const ZONE_MAX_MEMBERS = 2_000;
