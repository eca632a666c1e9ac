/**
 * The catalogue as an analysis uses it: every facility type with the walking radius and whether it
 * counts, after an administrator's changes (stored in the database) are laid over design.md §8.
 */
import { FACILITY_CATALOGUE, type FacilityTypeId, type LifeCircleTier } from '../facility-catalogue.js';

export interface CoverageType {
  id: FacilityTypeId;
  tier: LifeCircleTier;
  /** The farthest walk at which a facility of this type still serves an estate. */
  radiusM: number;
  /** Whether a missing facility of this type is a gap (an administrator can leave a type out). */
  counted: boolean;
}

/** An administrator's change to one type; what it leaves out stays as the catalogue has it. */
export interface CoverageTypeOverride {
  id: FacilityTypeId;
  radiusM?: number | undefined;
  counted?: boolean | undefined;
}

/** Bounds an administrator may set a radius within: a block's waste point to a 15-minute walk's outer edge, with room. */
export const RADIUS_BOUNDS_M = { min: 10, max: 3000 } as const;

/**
 * The catalogue in its order with `overrides` applied.
 * @example coverageTypes([{ id: 'kindergarten', radiusM: 500 }]).find((t) => t.id === 'kindergarten')?.radiusM // 500
 */
export function coverageTypes(overrides: readonly CoverageTypeOverride[] = []): CoverageType[] {
  const byId = new Map(overrides.map((o) => [o.id, o]));
  return FACILITY_CATALOGUE.map((type) => {
    const override = byId.get(type.id);
    return { id: type.id, tier: type.tier, radiusM: override?.radiusM ?? type.maxWalkM, counted: override?.counted ?? true };
  });
}
