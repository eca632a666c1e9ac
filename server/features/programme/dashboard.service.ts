/**
 * GET /api/dashboard: the programme on a date, under the leaders' filter — the figures of
 * core/programme for the map's legend, the charts and the period report. Each estate's state, the
 * over-time series and the totals are derived in the database (dashboard.sql.ts), so a national
 * city sends one row per estate instead of its whole history.
 */
import type { DashboardAnswer, EstateProgramme, PlanRecord } from '../../../core/contract/index.js';
import { fundingBySource, splitLocalSubsidy } from '../../../core/programme/funding.js';
import { monthEnds, programmeFigures, type PlanTargets } from '../../../core/programme/programme-figures.js';
import { hasProgrammeFilter, matchesProgrammeFilter, type ProgrammeFilter } from '../../../core/programme/programme-filter.js';
import type { IsoDate, ProgressState } from '../../../core/programme/progress-history.js';
import { dayBefore, reportingPeriodOf, stageChanges, type ReportingPeriodKind } from '../../../core/programme/reporting-period.js';
import { itemsByCategory, keyCountsOf } from '../../../core/programme/renovation-items.js';
import { DEFAULT_STAGE, type StageCatalogue } from '../../../core/programme/stages.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import {
  loadEstateFacts,
  loadEstateNames,
  loadHistoryFrom,
  loadMatchedTotals,
  loadStageCountChanges,
  type EstateFactsRow,
  type StageClasses,
} from './dashboard.sql.js';
import { getPlan } from './plans.service.js';
import { loadStageCatalogue } from './stages.service.js';
import { RejectedError } from '../../domain-errors.js';

/** The replay chart spans at most this many months back from the date. */
const MAX_CHART_MONTHS = 36;

function targetsOf(plan: PlanRecord | null, year: number): PlanTargets {
  return {
    year,
    estatesToStart: plan?.targetEstates ?? null,
    households: plan?.targetHouseholds ?? null,
    floorAreaM2: plan?.targetFloorAreaM2 ?? null,
    investmentYuan: plan?.targetInvestmentYuan ?? null,
    progressPct: plan?.targetProgressPct ?? null,
    progressByDate: plan?.targetProgressDate ?? null,
  };
}

function monthsBefore(date: IsoDate, months: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

export interface DashboardQuery {
  asOf: IsoDate;
  /** The plan year the start rate is measured against (default: the year of `asOf`). */
  year: number;
  filter: ProgrammeFilter;
  period: ReportingPeriodKind;
}

/** The states the SQL derived, keyed by estate, as core's figures read them (estates without history absent). */
function statesOf(rows: readonly EstateFactsRow[]): { now: Map<number, ProgressState>; before: Map<number, Pick<ProgressState, 'stage'>> } {
  const now = new Map<number, ProgressState>();
  const before = new Map<number, Pick<ProgressState, 'stage'>>();
  for (const row of rows) {
    if (row.stage !== null && row.since !== null && row.entryId !== null)
      now.set(row.id, {
        estateId: row.id,
        stage: row.stage,
        progressPct: row.progressPct ?? 0,
        investmentDoneYuan: row.investmentDoneYuan,
        since: row.since,
        entryId: row.entryId,
      });
    if (row.stageBefore !== null) before.set(row.id, { stage: row.stageBefore });
  }
  return { now, before };
}

/** What the over-time series counts as started and completed. */
function stageClasses(catalogue: StageCatalogue): StageClasses {
  return {
    started: catalogue.ids.filter((stage) => catalogue.isStarted(stage)),
    completed: catalogue.ids.filter((stage) => catalogue.isCompleted(stage)),
    defaultStage: DEFAULT_STAGE,
  };
}

/**
 * The cumulative chart's series: started and completed estates (and households) of `matched` on
 * each date. The SQL counts changes from the default stage; an estate without history is in it.
 */
function overTime(
  changes: Awaited<ReturnType<typeof loadStageCountChanges>>,
  matched: readonly EstateFactsRow[],
  catalogue: StageCatalogue,
) {
  const started = catalogue.isStarted(DEFAULT_STAGE) ? matched.length : 0;
  const completed = catalogue.isCompleted(DEFAULT_STAGE) ? matched.length : 0;
  const completedHouseholds = completed > 0 ? matched.reduce((sum, e) => sum + e.households, 0) : 0;
  return changes.map((c) => ({
    date: c.date,
    started: started + c.started,
    completed: completed + c.completed,
    completedHouseholds: completedHouseholds + c.completedHouseholds,
  }));
}

/** Each plan year the estates are in, with the batches used in it, both ascending. */
function planBatchesOf(rows: readonly { planYear: number | null; batch: number | null }[]): DashboardAnswer['planBatches'] {
  const byYear = new Map<number, Set<number>>();
  for (const { planYear, batch } of rows) {
    if (planYear === null) continue;
    const batches = byYear.get(planYear) ?? new Set<number>();
    if (batch !== null) batches.add(batch);
    byYear.set(planYear, batches);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, batches]) => ({ year, batches: [...batches].sort((a, b) => a - b) }));
}

export async function dashboard(ctx: ServiceContext<Queryable>, query: DashboardQuery): Promise<DashboardAnswer> {
  const { asOf, year, filter } = query;
  const period = reportingPeriodOf(asOf, query.period);
  const [historyFrom, plan, catalogue, subdistricts] = await Promise.all([
    loadHistoryFrom(ctx.db, asOf),
    getPlan(ctx.db, year),
    loadStageCatalogue(ctx.db),
    ctx.db.query<{ code: string; name: string }>('SELECT code, name FROM subdistricts ORDER BY code'),
  ]);
  const unknownStage = filter.stages.find((stage) => !catalogue.has(stage));
  if (unknownStage !== undefined) throw new RejectedError('stage_unknown', { stage: unknownStage, stages: catalogue.ids.join(', ') });
  const chartFrom = [historyFrom ?? asOf, monthsBefore(asOf, MAX_CHART_MONTHS)].sort().at(-1)!;
  const chartDates = monthEnds(chartFrom, asOf);
  const matchedTotals = (ids: readonly number[] | null) =>
    Promise.all([loadMatchedTotals(ctx.db, asOf, ids), loadStageCountChanges(ctx.db, asOf, chartDates, ids, stageClasses(catalogue))]);
  // Without a filter every estate matches: the totals and the series need no list of ids, and a
  // server reads them beside the estates instead of after.
  const filtered = hasProgrammeFilter(filter);
  const [rows, unfiltered] = await Promise.all([
    loadEstateFacts(ctx.db, asOf, dayBefore(period.from)),
    filtered ? null : matchedTotals(null),
  ]);
  const states = statesOf(rows);

  const estates: EstateProgramme[] = rows.map((e) => {
    const stage = e.stage ?? DEFAULT_STAGE;
    const facts = { subdistrictCode: e.subdistrictCode, planYear: e.planYear, batch: e.batch, stage, categories: e.categories };
    return {
      estateId: e.id,
      stage,
      progressPct: e.progressPct ?? 0,
      since: e.since,
      planYear: e.planYear,
      batch: e.batch,
      categories: e.categories,
      matched: matchesProgrammeFilter(filter, facts),
    };
  });
  const matchedRows = rows.filter((_, i) => estates[i]!.matched);
  const [totals, stageCountChanges] = unfiltered ?? (await matchedTotals(matchedRows.map((e) => e.id)));
  const funding = fundingBySource(totals.funding);
  const local = funding.find((f) => f.source === 'local_subsidy') ?? { plannedYuan: 0, receivedYuan: 0 };
  const split = ctx.settings.programme.subsidySplit;
  const changes = stageChanges(
    matchedRows.map((e) => e.id),
    states.before,
    states.now,
  );
  const names = await loadEstateNames(
    ctx.db,
    changes.map((c) => c.estateId),
  );

  return {
    ...programmeFigures(matchedRows, states.now, targetsOf(plan, year), catalogue),
    stages: [...catalogue.stages],
    asOf,
    year,
    plan: plan ? (({ estates: _members, ...rest }) => rest)(plan) : null,
    planBatches: planBatchesOf(rows),
    subdistrictNames: Object.fromEntries(subdistricts.map((s) => [s.code, s.name])),
    overTime: overTime(stageCountChanges, matchedRows, catalogue),
    funding,
    localSubsidy: { split, planned: splitLocalSubsidy(local.plannedYuan, split), received: splitLocalSubsidy(local.receivedYuan, split) },
    itemCounts: keyCountsOf(totals.items),
    itemsByCategory: itemsByCategory(totals.items),
    period,
    changes: changes.map((c) => ({ ...c, name: names.get(c.estateId) ?? '' })),
    estates,
    historyFrom,
  };
}
