/**
 * The ledger figures of the estates, allocated so that the city's totals are exactly the
 * published ones (city-figures.ts): year built and eligibility, urgency, dangerous buildings,
 * floor area, households and buildings.
 */
import { isEligible, type HazardLevel } from '../core/estate.js';
import { DEMO_FIGURES, type CityFigures } from './city-figures.js';
import { intBetween, uniform, type Rng } from './city-random.js';
import type { EstateDraft } from './estate-sites.js';
import { allocateIntegers } from './integer-allocation.js';

/** A range per era of construction: up to 1980, 1981–1990, 1991–2000, after 2000. */
type EraRanges = readonly (readonly [number, number])[];

export interface LedgerTotalOptions {
  /** Years built of the eligible estates (the oldest-looking places); must agree with `isEligible`. */
  eligibleYears: readonly [number, number];
  /** Years built of the other estates. */
  newerYears: readonly [number, number];
  /** Weight of the noise against a place's oldness when estates are ranked by age. */
  ageNoise: number;
  /** Estates with dangerous buildings in the 117-estate city; scaled with the estate count. */
  hazardsPerDemoCity: number;
  /** Only estates built up to this year have dangerous buildings. */
  hazardLatestYear: number;
  /** Floor area ratio, by era. */
  farRange: EraRanges;
  /** Floor area per household, m², by era. */
  unitM2: EraRanges;
  /** Floor area per building, m², by era. */
  perBuildingM2: EraRanges;
  /** Floor area ratio every estate keeps, when the land allows the total at all. */
  farBounds: readonly [number, number];
  /** Floor area per household an estate's mean stays within, m². */
  householdM2Bounds: readonly [number, number];
  /** Most buildings of one estate. */
  maxBuildings: number;
}

export const DEFAULT_LEDGER_TOTAL_OPTIONS: Readonly<LedgerTotalOptions> = {
  eligibleYears: [1965, 2000],
  newerYears: [2001, 2015],
  ageNoise: 0.35,
  hazardsPerDemoCity: 8,
  hazardLatestYear: 1990,
  farRange: [
    [1.0, 1.6],
    [1.2, 1.9],
    [1.4, 2.2],
    [1.6, 2.6],
  ],
  unitM2: [
    [42, 52],
    [45, 58],
    [50, 66],
    [60, 78],
  ],
  perBuildingM2: [
    [900, 2000],
    [1000, 2400],
    [1500, 3200],
    [2500, 6000],
  ],
  farBounds: [0.65, 2.9],
  householdM2Bounds: [41, 78],
  maxBuildings: 20,
};

/** Per estate, in the order of the drafts. */
export interface LedgerTotals {
  yearBuilt: number[];
  eligible: boolean[];
  urgent: Set<number>;
  hazardLevel: HazardLevel[];
  floorAreaM2: number[];
  households: number[];
  buildings: number[];
}

/**
 * Stage: the ledger figures of `drafts`, summing exactly to `figures`.
 * @example allocateLedgerTotals(stageRng(seed, 'ledgerTotals'), layout.drafts, targetFigures(117)).urgent.size // 18
 */
export function allocateLedgerTotals(
  rng: Rng,
  drafts: readonly EstateDraft[],
  figures: CityFigures,
  options: LedgerTotalOptions = DEFAULT_LEDGER_TOTAL_OPTIONS,
): LedgerTotals {
  const yearBuilt = assignYears(rng, drafts, figures.eligible, options);
  const eligible = yearBuilt.map((y) => isEligible(y));
  const eligibleIdx = yearBuilt.map((_, i) => i).filter((i) => eligible[i]);
  const urgent = weightedPick(rng, eligibleIdx, figures.urgent, (i) => (2002 - (yearBuilt[i] ?? 2000)) ** 1.5);
  const hazardLevel = assignHazards(rng, yearBuilt, eligibleIdx, urgent, figures.estates, options);
  return { yearBuilt, eligible, urgent, hazardLevel, ...sizeEstates(rng, drafts, yearBuilt, figures, options) };
}

/** Eligibility: the oldest-looking places, with some noise, get the earliest years. */
function assignYears(rng: Rng, drafts: readonly EstateDraft[], eligibleCount: number, options: LedgerTotalOptions): number[] {
  const n = drafts.length;
  const [oldFirst, oldLast] = options.eligibleYears;
  const [newFirst, newLast] = options.newerYears;
  const order = drafts.map((d, i) => ({ i, score: d.oldness + options.ageNoise * rng() })).sort((a, b) => b.score - a.score || a.i - b.i);
  const yearBuilt = new Array<number>(n).fill(0);
  order.forEach(({ i }, rank) => {
    if (rank < eligibleCount) {
      const q = eligibleCount <= 1 ? 0 : rank / (eligibleCount - 1);
      yearBuilt[i] = Math.max(oldFirst, Math.min(oldLast, oldFirst + Math.round((oldLast - oldFirst) * q ** 0.7) + intBetween(rng, -2, 2)));
    } else {
      const count = n - eligibleCount;
      const q = count <= 1 ? 0 : (rank - eligibleCount) / (count - 1);
      yearBuilt[i] = Math.max(newFirst, Math.min(newLast, newFirst + Math.round((newLast - newFirst) * q) + intBetween(rng, -1, 1)));
    }
  });
  // The range is used in full: one estate from the first year, one from the last.
  if (eligibleCount > 0) yearBuilt[(order[0] as { i: number }).i] = oldFirst;
  if (n > eligibleCount) yearBuilt[(order[n - 1] as { i: number }).i] = newLast;
  return yearBuilt;
}

/** `count` of `pool`, drawn without replacement with the given weights (Efraimidis & Spirakis). */
function weightedPick(rng: Rng, pool: readonly number[], count: number, weight: (i: number) => number): Set<number> {
  const keyed = pool.map((i) => ({ i, key: Math.log(Math.max(rng(), 1e-300)) / weight(i) })).sort((a, b) => b.key - a.key || a.i - b.i);
  return new Set(keyed.slice(0, count).map((k) => k.i));
}

/** Dangerous buildings in the oldest estates, urgent ones first; the oldest of them are class D. */
function assignHazards(
  rng: Rng,
  yearBuilt: readonly number[],
  eligibleIdx: readonly number[],
  urgent: ReadonlySet<number>,
  estateCount: number,
  options: LedgerTotalOptions,
): HazardLevel[] {
  const hazardCount = Math.round((estateCount * options.hazardsPerDemoCity) / DEMO_FIGURES.estates);
  const oldPool = eligibleIdx.filter((i) => (yearBuilt[i] ?? 2000) <= options.hazardLatestYear);
  const hazardWeight = (i: number): number => (urgent.has(i) ? 4 : 1) * (1995 - (yearBuilt[i] ?? 1990));
  const hazardous = [...weightedPick(rng, oldPool, Math.min(hazardCount, oldPool.length), hazardWeight)];
  hazardous.sort((a, b) => (yearBuilt[a] ?? 0) - (yearBuilt[b] ?? 0) || a - b);
  const hazardLevel = new Array<HazardLevel>(yearBuilt.length).fill('none');
  hazardous.forEach((i, k) => {
    const share = k / Math.max(1, hazardous.length);
    hazardLevel[i] = share < 0.125 ? 'D' : share < 0.5 ? 'C' : 'B';
  });
  return hazardLevel;
}

/** Floor area, households and buildings, with the floor area and household totals exact. */
function sizeEstates(
  rng: Rng,
  drafts: readonly EstateDraft[],
  yearBuilt: readonly number[],
  figures: CityFigures,
  options: LedgerTotalOptions,
): Pick<LedgerTotals, 'floorAreaM2' | 'households' | 'buildings'> {
  const n = drafts.length;
  const era = (y: number): 0 | 1 | 2 | 3 => (y <= 1980 ? 0 : y <= 1990 ? 1 : y <= 2000 ? 2 : 3);
  const within = (table: EraRanges, year: number): number => {
    const r = table[era(year)] as readonly [number, number];
    return uniform(rng, r[0], r[1]);
  };
  const [farMin, farMax] = options.farBounds;
  const [unitMin, unitMax] = options.householdM2Bounds;
  // Small plots hold low old blocks, big ones the taller slabs.
  const wantFloor = drafts.map(
    (d, i) => d.landAreaM2 * within(options.farRange, yearBuilt[i] ?? 2000) * Math.max(0.75, Math.min(1.25, (d.landAreaM2 / 2500) ** 0.2)),
  );
  const landTotal = drafts.reduce((sum, d) => sum + d.landAreaM2, 0);
  // A handful of estates may not have the land for the average floor area; only then drop the FAR range.
  const farFits = landTotal * farMin <= figures.floorAreaM2 - n && figures.floorAreaM2 + n <= landTotal * farMax;
  const floorAreaM2 = allocateIntegers(
    wantFloor,
    drafts.map((d) => (farFits ? d.landAreaM2 * farMin : 1)),
    drafts.map((d) => (farFits ? d.landAreaM2 * farMax : figures.floorAreaM2)),
    figures.floorAreaM2,
  );
  const households = allocateIntegers(
    floorAreaM2.map((f, i) => f / within(options.unitM2, yearBuilt[i] ?? 2000)),
    floorAreaM2.map((f) => Math.max(1, f / unitMax)),
    floorAreaM2.map((f) => f / unitMin),
    figures.households,
  );
  const buildings = floorAreaM2.map((f, i) =>
    Math.max(1, Math.min(options.maxBuildings, Math.round(f / within(options.perBuildingM2, yearBuilt[i] ?? 2000)))),
  );
  return { floorAreaM2, households, buildings };
}
