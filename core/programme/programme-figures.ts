/**
 * The programme's headline figures (design.md §5) from estates and their derived states: counts
 * per stage, start rate (开工率) against the year's plan and target, completions, investment,
 * physical progress, progress by sub-district and over time. One function for the dashboard, the
 * map's legend and the period report, so every figure agrees.
 */
import { byDateThenId, effectiveEntries, stageIn, type IsoDate, type ProgressEntry, type ProgressState } from './progress-history.js';
import { DEFAULT_STAGE, type StageCatalogue, type StageId } from './stages.js';

/** What the figures need of an estate (or of a zone's member). */
export interface ProgrammeEstate {
  id: number;
  households: number;
  floorAreaM2: number;
  buildings: number;
  subdistrictCode: string | null;
  /** The annual plan the estate is in (its year), or null. */
  planYear: number | null;
  /** Planned investment: the sum of its items' estimated costs, yuan. */
  plannedInvestmentYuan: number;
}

/** An annual plan's targets (年度计划目标); null where the plan sets none. */
export interface PlanTargets {
  year: number;
  estatesToStart: number | null;
  households: number | null;
  floorAreaM2: number | null;
  investmentYuan: number | null;
  /** Physical progress to reach by `progressByDate` (seed 001: 50 % by year end). */
  progressPct: number | null;
  progressByDate: IsoDate | null;
}

export interface Tally {
  estates: number;
  households: number;
  floorAreaM2: number;
  buildings: number;
}

export interface ProgrammeFigures {
  byStage: { stage: StageId; estates: number; households: number }[];
  startRate: {
    /** Started ÷ planned this year, by number of estates (null when the year plans none). */
    byEstates: number | null;
    byHouseholds: number | null;
    planned: Tally;
    started: Tally;
    /** Started ÷ the plan's target, where the plan sets one. */
    ofTargetByEstates: number | null;
    ofTargetByHouseholds: number | null;
  };
  started: Tally;
  completed: Tally;
  investment: { doneYuan: number; plannedYuan: number };
  /** Household-weighted physical progress of this year's planned estates: completed 100 %, under construction its %, else 0. */
  physicalProgressPct: number | null;
  bySubdistrict: { code: string | null; planned: number; started: number; completed: number; households: number }[];
}

const emptyTally = (): Tally => ({ estates: 0, households: 0, floorAreaM2: 0, buildings: 0 });

function add(tally: Tally, estate: ProgrammeEstate): void {
  tally.estates += 1;
  tally.households += estate.households;
  tally.floorAreaM2 += estate.floorAreaM2;
  tally.buildings += estate.buildings;
}

const ratio = (part: number, whole: number | null): number | null => (whole !== null && whole > 0 ? part / whole : null);

/**
 * The figures of `estates` in their `states` (derived for one date), for the plan of `targets.year`.
 * @example programmeFigures([], new Map(), targets, DEFAULT_STAGE_CATALOGUE).startRate.byEstates // null (nothing planned)
 */
export function programmeFigures(
  estates: readonly ProgrammeEstate[],
  states: ReadonlyMap<number, ProgressState>,
  targets: PlanTargets,
  catalogue: StageCatalogue,
): ProgrammeFigures {
  const isStarted = (stage: StageId) => catalogue.isStarted(stage);
  const isCompleted = (stage: StageId) => catalogue.isCompleted(stage);
  const byStage = new Map(catalogue.ids.map((stage) => [stage, { stage, estates: 0, households: 0 }]));
  const planned = emptyTally();
  const plannedStarted = emptyTally();
  const started = emptyTally();
  const completed = emptyTally();
  const investment = { doneYuan: 0, plannedYuan: 0 };
  const bySubdistrict = new Map<string | null, ProgrammeFigures['bySubdistrict'][number]>();
  let progressWeighted = 0;

  for (const estate of estates) {
    const stage = stageIn(states, estate.id);
    const row = byStage.get(stage) ?? { stage, estates: 0, households: 0 };
    byStage.set(stage, row);
    row.estates += 1;
    row.households += estate.households;
    if (isStarted(stage)) add(started, estate);
    if (isCompleted(stage)) add(completed, estate);
    investment.doneYuan += states.get(estate.id)?.investmentDoneYuan ?? 0;
    investment.plannedYuan += estate.plannedInvestmentYuan;
    const inPlan = estate.planYear === targets.year;
    if (inPlan) {
      add(planned, estate);
      if (isStarted(stage)) add(plannedStarted, estate);
      const pct = isCompleted(stage) ? 100 : isStarted(stage) ? (states.get(estate.id)?.progressPct ?? 0) : 0;
      progressWeighted += pct * estate.households;
    }
    const district = bySubdistrict.get(estate.subdistrictCode) ?? {
      code: estate.subdistrictCode,
      planned: 0,
      started: 0,
      completed: 0,
      households: 0,
    };
    if (inPlan) district.planned += 1;
    if (isStarted(stage)) district.started += 1;
    if (isCompleted(stage)) district.completed += 1;
    district.households += estate.households;
    bySubdistrict.set(estate.subdistrictCode, district);
  }

  return {
    byStage: [...byStage.values()],
    startRate: {
      byEstates: ratio(plannedStarted.estates, planned.estates),
      byHouseholds: ratio(plannedStarted.households, planned.households),
      planned,
      started: plannedStarted,
      ofTargetByEstates: ratio(plannedStarted.estates, targets.estatesToStart),
      ofTargetByHouseholds: ratio(plannedStarted.households, targets.households),
    },
    started,
    completed,
    investment,
    physicalProgressPct: planned.households > 0 ? progressWeighted / planned.households : null,
    bySubdistrict: [...bySubdistrict.values()].sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '')),
  };
}

/** The last day of each month from `from`'s month to `to`'s, with `to` itself last (the replay's and the chart's steps). */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (end >= to) break;
    dates.push(end);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  dates.push(to);
  return dates;
}

/**
 * Started and completed estates (and households) of `estates` on each of `dates` (ascending): the
 * cumulative chart's series. One sweep through the history in date order, as statesAsOf orders it.
 */
export function progressOverTime(
  estates: readonly Pick<ProgrammeEstate, 'id' | 'households'>[],
  entries: readonly ProgressEntry[],
  dates: readonly IsoDate[],
  catalogue: StageCatalogue,
): { date: IsoDate; started: number; completed: number; completedHouseholds: number }[] {
  const counted = effectiveEntries(entries).sort(byDateThenId);
  const stages = new Map<number, StageId>();
  let next = 0;
  return dates.map((date) => {
    for (; next < counted.length && counted[next]!.date <= date; next++) stages.set(counted[next]!.estateId, counted[next]!.stage);
    let startedCount = 0;
    let completedCount = 0;
    let completedHouseholds = 0;
    for (const estate of estates) {
      const stage = stages.get(estate.id) ?? DEFAULT_STAGE;
      if (catalogue.isStarted(stage)) startedCount += 1;
      if (catalogue.isCompleted(stage)) {
        completedCount += 1;
        completedHouseholds += estate.households;
      }
    }
    return { date, started: startedCount, completed: completedCount, completedHouseholds };
  });
}
