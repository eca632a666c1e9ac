/**
 * GET /api/dashboard: the programme on a date, under the leaders' filter — the figures of
 * core/programme for the map's legend, the charts and the period report, from one load.
 */
import type { DashboardAnswer, EstateProgramme, PlanRecord } from '../../../core/contract/index.js';
import { fundingBySource, splitLocalSubsidy } from '../../../core/programme/funding.js';
import { monthEnds, programmeFigures, progressOverTime, type PlanTargets } from '../../../core/programme/programme-figures.js';
import { matchesProgrammeFilter, type ProgrammeFilter } from '../../../core/programme/programme-filter.js';
import { statesAsOf, stageIn, type IsoDate } from '../../../core/programme/progress-history.js';
import { dayBefore, reportingPeriodOf, stageChanges, type ReportingPeriodKind } from '../../../core/programme/reporting-period.js';
import { categoriesOf, itemsByCategory, keyCountsOf } from '../../../core/programme/renovation-items.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { loadEntries } from './progress.service.js';
import { getPlan } from './plans.service.js';
import { loadStageCatalogue } from './stages.service.js';
import { RejectedError } from '../../domain-errors.js';

interface EstateRow {
  id: number;
  name: string;
  households: number;
  floorAreaM2: number;
  buildings: number;
  subdistrictCode: string | null;
  planYear: number | null;
  batch: number | null;
}

/** The replay chart spans at most this many months back from the date. */
const MAX_CHART_MONTHS = 36;

/** Estates with their plan, and the items and funding recorded on or before `asOf` (each member's share of a zone's). */
async function loadProgrammeRows(db: Queryable, asOf: IsoDate) {
  const [estates, items, funding, subdistricts] = await Promise.all([
    db.query<EstateRow>(
      `SELECT e.id, e.name, e.households, e.floor_area_m2 AS "floorAreaM2", e.buildings, e.subdistrict_code AS "subdistrictCode",
              pe.year AS "planYear", pe.batch
       FROM estates e LEFT JOIN plan_estates pe ON pe.estate_id = e.id ORDER BY e.id`,
    ),
    db.query<{ estateId: number; itemType: string; quantity: number; costYuan: number }>(
      `SELECT estate_id AS "estateId", item_type AS "itemType", quantity, estimated_cost_yuan AS "costYuan"
       FROM estate_item_shares WHERE recorded_on <= $1::date`,
      [asOf],
    ),
    db.query<{ estateId: number; source: string; plannedYuan: number; receivedYuan: number }>(
      `SELECT estate_id AS "estateId", source, planned_yuan AS "plannedYuan", received_yuan AS "receivedYuan"
       FROM estate_funding_shares WHERE recorded_on <= $1::date`,
      [asOf],
    ),
    db.query<{ code: string; name: string }>('SELECT code, name FROM subdistricts ORDER BY code'),
  ]);
  return { estates, items, funding, subdistricts };
}

function groupBy<T extends { estateId: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.estateId);
    if (group) group.push(row);
    else groups.set(row.estateId, [row]);
  }
  return groups;
}

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
  /** Only these estates in the per-estate list (a tiled map holds few of 200 000); absent or null: every estate. */
  estateIds?: readonly number[] | null;
}

export async function dashboard(ctx: ServiceContext<Queryable>, query: DashboardQuery): Promise<DashboardAnswer> {
  const { asOf, year, filter } = query;
  const [rows, entries, plan, catalogue] = await Promise.all([
    loadProgrammeRows(ctx.db, asOf),
    loadEntries(ctx.db, null, asOf),
    getPlan(ctx.db, year),
    loadStageCatalogue(ctx.db),
  ]);
  const unknownStage = filter.stages.find((stage) => !catalogue.has(stage));
  if (unknownStage !== undefined) throw new RejectedError('stage_unknown', { stage: unknownStage, stages: catalogue.ids.join(', ') });
  const states = statesAsOf(entries, asOf);
  const itemsOf = groupBy(rows.items);

  const estates: EstateProgramme[] = rows.estates.map((e) => {
    const state = states.get(e.id);
    const categories = categoriesOf(itemsOf.get(e.id) ?? []);
    const facts = { subdistrictCode: e.subdistrictCode, planYear: e.planYear, batch: e.batch, stage: stageIn(states, e.id), categories };
    return {
      estateId: e.id,
      stage: facts.stage,
      progressPct: state?.progressPct ?? 0,
      since: state?.since ?? null,
      planYear: e.planYear,
      batch: e.batch,
      categories,
      matched: matchesProgrammeFilter(filter, facts),
    };
  });
  const matchedIds = new Set(estates.filter((e) => e.matched).map((e) => e.estateId));
  const matched = rows.estates
    .filter((e) => matchedIds.has(e.id))
    .map((e) => ({ ...e, plannedInvestmentYuan: (itemsOf.get(e.id) ?? []).reduce((sum, item) => sum + item.costYuan, 0) }));
  const matchedItems = rows.items.filter((item) => matchedIds.has(item.estateId));
  const funding = fundingBySource(rows.funding.filter((f) => matchedIds.has(f.estateId)));
  const local = funding.find((f) => f.source === 'local_subsidy') ?? { plannedYuan: 0, receivedYuan: 0 };
  const split = ctx.settings.programme.subsidySplit;

  const period = reportingPeriodOf(asOf, query.period);
  const before = statesAsOf(entries, dayBefore(period.from));
  const names = new Map(rows.estates.map((e) => [e.id, e.name]));
  const listed = query.estateIds == null ? null : new Set(query.estateIds);
  const historyFrom = entries[0]?.date ?? null;
  const chartFrom = historyFrom === null ? asOf : [historyFrom, monthsBefore(asOf, MAX_CHART_MONTHS)].sort().at(-1)!;

  return {
    ...programmeFigures(matched, states, targetsOf(plan, year), catalogue),
    stages: [...catalogue.stages],
    asOf,
    year,
    plan: plan ? (({ estates: _members, ...rest }) => rest)(plan) : null,
    batches: [...new Set(rows.estates.filter((e) => e.planYear === year && e.batch !== null).map((e) => e.batch!))].sort((a, b) => a - b),
    subdistrictNames: Object.fromEntries(rows.subdistricts.map((s) => [s.code, s.name])),
    overTime: progressOverTime(matched, entries, monthEnds(chartFrom, asOf), catalogue),
    funding,
    localSubsidy: { split, planned: splitLocalSubsidy(local.plannedYuan, split), received: splitLocalSubsidy(local.receivedYuan, split) },
    itemCounts: keyCountsOf(matchedItems),
    itemsByCategory: itemsByCategory(matchedItems),
    period,
    changes: stageChanges([...matchedIds], before, states).map((c) => ({ ...c, name: names.get(c.estateId) ?? '' })),
    estates: listed === null ? estates : estates.filter((e) => listed.has(e.estateId)),
    historyFrom,
  };
}
