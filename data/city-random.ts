/**
 * Seeded random helpers of the demo city generator. Each stage draws from its own stream
 * (`stageRng`), so a change inside one stage leaves the numbers of every other stage as they were.
 */
import { createRng } from '../core/prng.js';

export type Rng = () => number;

/** Stream number of each stage. Changing one changes that stage's output (and the committed files). */
export const CITY_STAGE = {
  ringRoad: 1,
  streetGrid: 2,
  roadClasses: 3,
  parcels: 4,
  estateSites: 5,
  estateOutlines: 6,
  adminUnits: 7,
  roadNames: 8,
  ledgerTotals: 9,
  estateRecords: 10,
  rotation: 11,
  lakes: 12,
  facilities: 13,
  river: 14,
} as const;
export type CityStage = keyof typeof CITY_STAGE;

export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
export const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list.');
  return item;
}

/** An independent random stream per stage, so changing one stage leaves the others as they were. */
export function stageRng(seed: number, stage: CityStage): Rng {
  return createRng((Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(CITY_STAGE[stage] + 1, 0x85ebca6b)) >>> 0);
}
