/**
 * Life-circle coverage (design.md §8): for each estate and facility type, the distance to the
 * nearest facility and whether it is within the type's radius; the gaps are every counted type,
 * of every tier, that is out of reach — tiers do not substitute for each other.
 */
import type { FacilityTypeId, LifeCircleTier } from '../facility-catalogue.js';
import type { CoverageType } from './coverage-types.js';
import { nearestFacility, type EstateOrigins, type FacilityIndex } from './facility-index.js';

export interface CoverageEstate {
  id: number;
  households: number;
  origins: EstateOrigins;
}

export interface TypeCoverage {
  /** Distance to the nearest facility of the type; null when there is none of that type. */
  distanceM: number | null;
  radiusM: number;
  covered: boolean;
  /** Position of the nearest facility in the list the index was built from. */
  nearest: number | null;
}

export interface EstateCoverage {
  id: number;
  origin: 'gates' | 'boundary';
  households: number;
  /** Counted types out of reach, in catalogue order. */
  gaps: FacilityTypeId[];
  types: Partial<Record<FacilityTypeId, TypeCoverage>>;
  /** Share of counted types within reach, 0–100. */
  scorePct: number;
}

/**
 * Coverage of one estate by every counted type.
 * @example estateCoverage(estate, facilityIndex(facilities), coverageTypes()).gaps // ['nursery', …]
 */
export function estateCoverage(estate: CoverageEstate, facilities: FacilityIndex, types: readonly CoverageType[]): EstateCoverage {
  const result: Partial<Record<FacilityTypeId, TypeCoverage>> = {};
  for (const type of types) {
    if (!type.counted) continue;
    const nearest = nearestFacility(facilities, type.id, estate.origins, type.radiusM);
    const distanceM = nearest ? nearest.distanceM : null;
    result[type.id] = {
      distanceM,
      radiusM: type.radiusM,
      covered: distanceM !== null && distanceM <= type.radiusM,
      nearest: nearest?.facility ?? null,
    };
  }
  return summariseCoverage(estate.id, estate.origins.gates ? 'gates' : 'boundary', estate.households, result, types);
}

/** An estate's coverage from its per-type distances: the gaps (counted types out of reach) and the score. */
export function summariseCoverage(
  id: number,
  origin: EstateCoverage['origin'],
  households: number,
  types: Partial<Record<FacilityTypeId, TypeCoverage>>,
  catalogue: readonly CoverageType[],
): EstateCoverage {
  const counted = catalogue.filter((t) => t.counted);
  const gaps = counted.filter((t) => !types[t.id]?.covered).map((t) => t.id);
  const scorePct = counted.length === 0 ? 100 : (100 * (counted.length - gaps.length)) / counted.length;
  return { id, origin, households, gaps, types, scorePct };
}

export interface ZoneCoverage {
  /** The zone as a whole: a type is covered when any member reaches it (design.md §7). */
  zone: Omit<EstateCoverage, 'id' | 'origin'>;
  members: EstateCoverage[];
}

/**
 * Pools members' coverage: facilities anywhere in a zone serve all its members.
 * @example zoneCoverage([a, b], coverageTypes()).zone.gaps // types neither a nor b reaches
 */
export function zoneCoverage(members: readonly EstateCoverage[], catalogue: readonly CoverageType[]): ZoneCoverage {
  const pooled: Partial<Record<FacilityTypeId, TypeCoverage>> = {};
  for (const type of catalogue) {
    if (!type.counted) continue;
    let best: TypeCoverage | undefined;
    for (const member of members) {
      const t = member.types[type.id];
      if (t?.distanceM != null && (best?.distanceM == null || t.distanceM < best.distanceM)) best = t;
    }
    pooled[type.id] = best ?? { distanceM: null, radiusM: type.radiusM, covered: false, nearest: null };
  }
  const households = members.reduce((sum, m) => sum + m.households, 0);
  const { gaps, types, scorePct } = summariseCoverage(0, 'boundary', households, pooled, catalogue);
  return { zone: { households, gaps, types, scorePct }, members: [...members] };
}

export interface HouseholdShare {
  households: number;
  coveredHouseholds: number;
}

export interface CoverageShares {
  /** Per counted type: households of the estates in scope, and of those within reach. */
  shares: Partial<Record<FacilityTypeId, HouseholdShare>>;
  /** Per tier: households whose estate reaches every counted type of the tier. */
  tiers: Partial<Record<LifeCircleTier, HouseholdShare>>;
}

/**
 * Household-weighted shares of a set of estates' coverage.
 * @example coverageShares(results, coverageTypes()).shares.kindergarten // { households: 8593, coveredHouseholds: 6120 }
 */
export function coverageShares(results: readonly EstateCoverage[], catalogue: readonly CoverageType[]): CoverageShares {
  const shares: CoverageShares['shares'] = {};
  const tiers: CoverageShares['tiers'] = {};
  const counted = catalogue.filter((t) => t.counted);
  for (const type of counted) shares[type.id] = { households: 0, coveredHouseholds: 0 };
  for (const type of counted) tiers[type.tier] = { households: 0, coveredHouseholds: 0 };
  for (const estate of results) {
    const uncoveredTiers = new Set<LifeCircleTier>();
    for (const type of counted) {
      const share = shares[type.id]!;
      share.households += estate.households;
      if (estate.types[type.id]?.covered) share.coveredHouseholds += estate.households;
      else uncoveredTiers.add(type.tier);
    }
    for (const [tier, share] of Object.entries(tiers) as [LifeCircleTier, HouseholdShare][]) {
      share.households += estate.households;
      if (!uncoveredTiers.has(tier)) share.coveredHouseholds += estate.households;
    }
  }
  return { shares, tiers };
}
