/**
 * The programme filter of the leaders' map and dashboard: plan year, batch, sub-districts, stages
 * and renovation categories. One predicate for the server's figures and the map's fading, so the
 * totals always describe the estates shown in colour.
 */
import type { RenovationCategory } from './renovation-items.js';
import type { StageId } from './stages.js';

/** Empty lists and nulls do not restrict. */
export interface ProgrammeFilter {
  /** Estates in this year's annual plan. */
  planYear: number | null;
  batch: number | null;
  /** Sub-district codes. */
  subdistrictCodes: readonly string[];
  /** Stages as of the replay date. */
  stages: readonly StageId[];
  /** Estates with at least one item of these categories. */
  categories: readonly RenovationCategory[];
}

export const EMPTY_PROGRAMME_FILTER: ProgrammeFilter = { planYear: null, batch: null, subdistrictCodes: [], stages: [], categories: [] };

/** What the filter looks at of one estate. */
export interface EstateProgrammeFacts {
  subdistrictCode: string | null;
  planYear: number | null;
  batch: number | null;
  stage: StageId;
  categories: readonly RenovationCategory[];
}

export function hasProgrammeFilter(filter: ProgrammeFilter): boolean {
  return (
    filter.planYear !== null ||
    filter.batch !== null ||
    filter.subdistrictCodes.length > 0 ||
    filter.stages.length > 0 ||
    filter.categories.length > 0
  );
}

/**
 * @example matchesProgrammeFilter({ ...EMPTY_PROGRAMME_FILTER, stages: ['construction'] }, { stage: 'design', … }) // false
 */
export function matchesProgrammeFilter(filter: ProgrammeFilter, facts: EstateProgrammeFacts): boolean {
  if (filter.planYear !== null && facts.planYear !== filter.planYear) return false;
  if (filter.batch !== null && facts.batch !== filter.batch) return false;
  if (filter.subdistrictCodes.length > 0 && (facts.subdistrictCode === null || !filter.subdistrictCodes.includes(facts.subdistrictCode)))
    return false;
  if (filter.stages.length > 0 && !filter.stages.includes(facts.stage)) return false;
  if (filter.categories.length > 0 && !facts.categories.some((c) => filter.categories.includes(c))) return false;
  return true;
}
