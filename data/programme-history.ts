/**
 * The demo city's renovation programme (issue 10): the eligible estates spread over two annual
 * plans and two batches each, a year of dated progress entries (weekly to monthly) by the demo
 * planners, items and funding. Deterministic from the city's seed; the dates are fixed so the
 * dashboard shows the same history on every machine.
 */
import { createRng } from '../core/prng.js';
import type { FundingSourceId } from '../core/programme/funding.js';
import type { StageId } from '../core/programme/stages.js';

export interface ProgrammeEstateSeed {
  id: number;
  households: number;
  floorAreaM2: number;
  buildings: number;
  urgent: boolean;
}

export interface DemoProgramme {
  plans: {
    year: number;
    name: string;
    targetEstates: number;
    targetHouseholds: number;
    targetFloorAreaM2: number;
    targetInvestmentYuan: number;
    targetProgressPct: number;
    targetProgressDate: string;
    estates: { estateId: number; batch: number }[];
  }[];
  entries: {
    estateId: number;
    date: string;
    stage: StageId;
    progressPct: number;
    investmentDoneYuan: number | null;
    note: string;
    author: string;
    /** Index (in `entries`) of the entry this one corrects. */
    corrects: number | null;
  }[];
  items: { estateId: number; itemType: string; quantity: number; unit: string; estimatedCostYuan: number; date: string }[];
  /** Planned amounts on the batch's date; received ones on the estate's latest entry (money follows the works). */
  funding: { estateId: number; source: FundingSourceId; plannedYuan: number; receivedYuan: number; date: string }[];
}

/** The demo history runs from the survey to this day. */
export const DEMO_HISTORY_FROM = '2025-05-12';
export const DEMO_HISTORY_TO = '2026-11-27';
const AUTHORS = ['demo-planner', 'demo-admin'];

/** Batches: the plan year, the batch and the day its estates enter the plan. */
const BATCHES = [
  { year: 2025, batch: 1, date: '2025-06-16', share: 0.22 },
  { year: 2025, batch: 2, date: '2025-08-25', share: 0.2 },
  { year: 2026, batch: 1, date: '2026-03-16', share: 0.32 },
  { year: 2026, batch: 2, date: '2026-06-22', share: 0.26 },
] as const;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.round(days));
  return d.toISOString().slice(0, 10);
}

const round = (value: number, step: number): number => Math.round(value / step) * step;

/** Items of one estate: the basic works every old estate needs, some improvements, a few upgrades. */
function itemsFor(e: ProgrammeEstateSeed, date: string, rand: () => number): DemoProgramme['items'] {
  const items: DemoProgramme['items'] = [];
  const add = (itemType: string, quantity: number, unit: string, yuanPerUnit: number): void => {
    if (quantity > 0) items.push({ estateId: e.id, itemType, quantity, unit, estimatedCostYuan: round(quantity * yuanPerUnit, 100), date });
  };
  add('water_supply', round(e.households * (4 + 3 * rand()), 10), '米', 320);
  add('drainage', round(e.households * (3 + 3 * rand()), 10), '米', 450);
  if (rand() < 0.6) add('gas', round(e.households * (2 + 2 * rand()), 10), '米', 280);
  add('roof_waterproofing', round(e.floorAreaM2 / (4 + 2 * rand()), 10), '平方米', 120);
  add('external_walls', round(e.floorAreaM2 * (0.5 + 0.4 * rand()), 10), '平方米', 90);
  add('security', 1 + Math.floor(rand() * 3), '套', 60_000);
  add('lighting', 8 + Math.floor(rand() * 20), '盏', 3_500);
  add('roads', round(e.floorAreaM2 * (0.15 + 0.2 * rand()), 10), '平方米', 220);
  if (e.buildings > 1 && rand() < 0.55) add('lift_installation', 1 + Math.floor(rand() * Math.min(6, e.buildings)), '部', 650_000);
  if (rand() < 0.7) add('parking', 10 + Math.floor(rand() * 40), '个', 8_000);
  if (rand() < 0.5) add('ev_charging', 6 + Math.floor(rand() * 20), '个', 4_000);
  add('greening', round(e.floorAreaM2 * (0.05 + 0.1 * rand()), 10), '平方米', 150);
  if (rand() < 0.4) add('barrier_free', 2 + Math.floor(rand() * 6), '处', 25_000);
  if (rand() < 0.2) add('elderly_care', 1, '处', 400_000);
  if (rand() < 0.12) add('childcare', 1, '处', 350_000);
  return items;
}

/** Funding of one estate's planned investment, by source shares typical of the seeds. */
function fundingFor(
  estateId: number,
  plannedYuan: number,
  receivedShare: number,
  dates: { planned: string; received: string },
  rand: () => number,
): DemoProgramme['funding'] {
  const shares: [FundingSourceId, number][] = [
    ['central_subsidy', 0.38 + 0.06 * rand()],
    ['local_subsidy', 0.22 + 0.05 * rand()],
    ['special_bonds', rand() < 0.5 ? 0.12 : 0],
    ['residents', 0.04 + 0.03 * rand()],
    ['utilities', 0.08],
    ['original_units', rand() < 0.4 ? 0.05 : 0],
    ['social_capital', rand() < 0.3 ? 0.06 : 0],
  ];
  const total = shares.reduce((sum, [, share]) => sum + share, 0);
  return shares
    .filter(([, share]) => share > 0)
    .flatMap(([source, share]) => {
      const planned = round((plannedYuan * share) / total, 100);
      const received = round(planned * Math.min(1, receivedShare), 100);
      return [
        { estateId, source, plannedYuan: planned, receivedYuan: 0, date: dates.planned },
        ...(received > 0 ? [{ estateId, source, plannedYuan: 0, receivedYuan: received, date: dates.received }] : []),
      ];
    });
}

/**
 * The programme of `eligible` estates (urgent ones in the first batches), from `seed`.
 * @example demoProgramme(estates, 20180).plans.length // 2
 */
export function demoProgramme(eligible: readonly ProgrammeEstateSeed[], seed: number): DemoProgramme {
  const rand = createRng(seed ^ 0x5eed10);
  const order = [...eligible].sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.id - b.id);
  const programme: DemoProgramme = { plans: [], entries: [], items: [], funding: [] };
  const author = (): string => AUTHORS[rand() < 0.85 ? 0 : 1]!;
  let next = 0;
  BATCHES.forEach((batch, b) => {
    const size = b === BATCHES.length - 1 ? order.length - next : Math.round(order.length * batch.share);
    const members = order.slice(next, next + size);
    next += size;
    let plan = programme.plans.find((p) => p.year === batch.year);
    if (!plan) {
      plan = {
        year: batch.year,
        name: `${batch.year}年城镇老旧小区改造计划`,
        targetEstates: 0,
        targetHouseholds: 0,
        targetFloorAreaM2: 0,
        targetInvestmentYuan: 0,
        targetProgressPct: 50,
        targetProgressDate: `${batch.year}-12-31`,
        estates: [],
      };
      programme.plans.push(plan);
    }
    for (const estate of members) {
      const items = itemsFor(estate, batch.date, rand);
      programme.items.push(...items);
      const plannedYuan = items.reduce((sum, item) => sum + item.estimatedCostYuan, 0);
      plan.estates.push({ estateId: estate.id, batch: batch.batch });
      plan.targetEstates += 1;
      plan.targetHouseholds += estate.households;
      plan.targetFloorAreaM2 += estate.floorAreaM2;
      plan.targetInvestmentYuan += plannedYuan;
      const finalPct = historyFor(programme, estate, batch.date, plannedYuan, rand, author);
      const latest = programme.entries.findLast((e) => e.estateId === estate.id)?.date ?? batch.date;
      programme.funding.push(...fundingFor(estate.id, plannedYuan, 0.3 + finalPct / 100, { planned: batch.date, received: latest }, rand));
    }
  });
  // Round the targets as a plan document would state them; a tenth of the estates above what is planned would start.
  for (const plan of programme.plans) {
    plan.targetEstates = Math.round(plan.targetEstates * 0.95);
    plan.targetHouseholds = round(plan.targetHouseholds * 0.95, 10);
    plan.targetFloorAreaM2 = round(plan.targetFloorAreaM2 * 0.95, 100);
    plan.targetInvestmentYuan = round(plan.targetInvestmentYuan * 0.95, 10_000);
  }
  return programme;
}

/** One estate's entries from the survey to DEMO_HISTORY_TO; answers its last physical progress %. */
function historyFor(
  programme: DemoProgramme,
  estate: ProgrammeEstateSeed,
  planDate: string,
  plannedYuan: number,
  rand: () => number,
  author: () => string,
): number {
  const push = (date: string, stage: StageId, progressPct: number, note: string, corrects: number | null = null): boolean => {
    if (date > DEMO_HISTORY_TO) return false;
    const investment =
      stage === 'construction'
        ? round((plannedYuan * progressPct) / 100, 100)
        : stage === 'completed' || stage === 'handed_over'
          ? plannedYuan
          : null;
    programme.entries.push({
      estateId: estate.id,
      date,
      stage,
      progressPct,
      investmentDoneYuan: investment,
      note,
      author: author(),
      corrects,
    });
    return true;
  };
  push(addDays(DEMO_HISTORY_FROM, rand() * 10), 'reserve', 0, '调查摸底完成，纳入项目库');
  let date = planDate;
  if (!push(date, 'planned', 0, '纳入年度改造计划')) return 0;
  date = addDays(date, 18 + rand() * 25);
  if (!push(date, 'design', 0, '一区一策方案征求居民意见并公示')) return 0;
  date = addDays(date, 20 + rand() * 30);
  if (!push(date, 'approved', 0, '联合审查通过，完成立项')) return 0;
  // A slow estate now and then: residents' consultation or pipe works take longer.
  const slow = rand() < 0.2 ? 1.8 : 1;
  date = addDays(date, (14 + rand() * 30) * slow);
  let pct = 0;
  if (!push(date, 'construction', pct, '进场施工')) return 0;
  while (pct < 100) {
    date = addDays(date, (7 + rand() * 23) * slow);
    pct = Math.min(100, pct + Math.round(8 + rand() * 17));
    if (pct < 100) {
      if (!push(date, 'construction', pct, '')) return programme.entries.at(-1)!.progressPct;
      // One entry in thirty was mistyped and corrected the same day, as planners do.
      if (rand() < 0.033 && push(date, 'construction', Math.min(99, pct + 30), '')) {
        push(date, 'construction', pct, `更正：形象进度误填为 ${Math.min(99, pct + 30)}%`, programme.entries.length - 1);
      }
    }
  }
  if (!push(addDays(date, 5 + rand() * 20), 'completed', 100, '竣工联合验收通过')) return pct;
  push(addDays(date, 40 + rand() * 40), 'handed_over', 100, '移交物业，纳入长效管理');
  return 100;
}
