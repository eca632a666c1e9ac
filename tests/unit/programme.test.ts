import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubsidySplit, splitLocalSubsidy } from '../../core/programme/funding';
import {
  monthEnds,
  programmeFigures,
  progressOverTime,
  type PlanTargets,
  type ProgrammeEstate,
} from '../../core/programme/programme-figures';
import { EMPTY_PROGRAMME_FILTER, matchesProgrammeFilter } from '../../core/programme/programme-filter';
import { calendarDate, isoDateSchema, progressRefusal, statesAsOf, type ProgressEntry } from '../../core/programme/progress-history';
import { previousPeriod, reportingPeriodOf, stageChanges } from '../../core/programme/reporting-period';
import { keyCountsOf } from '../../core/programme/renovation-items';
import { DEFAULT_STAGE_CATALOGUE, StageCatalogue, type StageId } from '../../core/programme/stages';

let nextId = 1;
function entry(estateId: number, date: string, stage: StageId, extra: Partial<ProgressEntry> = {}): ProgressEntry {
  return {
    id: nextId++,
    estateId,
    zoneId: null,
    date,
    stage,
    progressPct: 0,
    investmentDoneYuan: null,
    note: '',
    corrects: null,
    authorName: 'demo-planner',
    recordedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe('states from the progress history', () => {
  const design = entry(1, '2026-03-01', 'design');
  const start = entry(1, '2026-05-10', 'construction', { progressPct: 10, investmentDoneYuan: 500 });
  const later = entry(1, '2026-06-10', 'construction', { progressPct: 40 });
  const other = entry(2, '2026-04-01', 'planned');

  it('derives each estate’s state on a date from the entries on or before it', () => {
    const history = [later, design, other, start];
    expect(statesAsOf(history, '2026-02-28').size).toBe(0);
    expect(statesAsOf(history, '2026-03-01').get(1)).toMatchObject({ stage: 'design', since: '2026-03-01' });
    expect(statesAsOf(history, '2026-05-31').get(1)).toMatchObject({ stage: 'construction', progressPct: 10, investmentDoneYuan: 500 });
    // An entry without an investment figure keeps the last one reported.
    expect(statesAsOf(history, '2026-12-31').get(1)).toMatchObject({ progressPct: 40, investmentDoneYuan: 500 });
    expect(statesAsOf(history, '2026-12-31').get(2)?.stage).toBe('planned');
  });

  it('lets a correction replace its entry on every date, even before the correction was made', () => {
    const fix = entry(1, '2026-07-01', 'construction', { progressPct: 35, corrects: later.id, note: '误填' });
    const history = [design, start, later, fix];
    expect(statesAsOf(history, '2026-06-20').get(1)?.progressPct).toBe(10);
    expect(statesAsOf(history, '2026-07-01').get(1)?.progressPct).toBe(35);
  });

  it('gives a zone its least advanced member’s stage', () => {
    expect(DEFAULT_STAGE_CATALOGUE.leastAdvanced(['completed', 'design', 'construction'])).toBe('design');
    expect(DEFAULT_STAGE_CATALOGUE.leastAdvanced([])).toBe('not_in_programme');
  });

  it('orders same-day entries as recorded', () => {
    const a = entry(3, '2026-05-01', 'design');
    const b = entry(3, '2026-05-01', 'approved');
    expect(statesAsOf([b, a], '2026-05-01').get(3)?.stage).toBe('approved');
  });

  it('matches a replay of the sorted history for any order of entries (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), stage: fc.integer({ min: 0, max: 7 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 28 }),
        (raw, asOfDay) => {
          const entries = raw.map((r, i) => ({
            ...entry(9, `2026-02-${String(r.day).padStart(2, '0')}`, DEFAULT_STAGE_CATALOGUE.ids[r.stage]!),
            id: i + 1,
          }));
          const asOf = `2026-02-${String(asOfDay).padStart(2, '0')}`;
          const last = entries
            .filter((e) => e.date <= asOf)
            .sort((x, y) => (x.date === y.date ? x.id - y.id : x.date < y.date ? -1 : 1))
            .at(-1);
          expect(statesAsOf([...entries].reverse(), asOf).get(9)?.stage).toBe(last?.stage);
        },
      ),
    );
  });
});

describe('the rules of appending an entry', () => {
  const history = [entry(5, '2026-03-01', 'design'), entry(5, '2026-05-01', 'construction', { progressPct: 20 })];
  const today = '2026-06-01';
  const candidate = { date: '2026-05-20', stage: 'construction' as StageId, progressPct: 30, corrects: null, note: '' };

  it('accepts progress moving forward', () => {
    expect(progressRefusal(history, candidate, today, DEFAULT_STAGE_CATALOGUE)).toBeNull();
    expect(progressRefusal([], { ...candidate, stage: 'handed_over' }, today, DEFAULT_STAGE_CATALOGUE)).toBeNull();
  });
  it('refuses a future date, a percentage outside 0–100 and a stage going backwards', () => {
    expect(progressRefusal(history, { ...candidate, date: '2026-06-02' }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'progress_date_future',
    );
    expect(progressRefusal(history, { ...candidate, progressPct: 100.5 }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'progress_pct_out_of_range',
    );
    expect(progressRefusal(history, { ...candidate, progressPct: Number.NaN }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'progress_pct_out_of_range',
    );
    expect(progressRefusal(history, { ...candidate, stage: 'approved' }, today, DEFAULT_STAGE_CATALOGUE)).toMatchObject({
      code: 'stage_backwards',
      params: { previousStage: 'construction', previousDate: '2026-05-01' },
    });
    expect(progressRefusal(history, { ...candidate, date: '2026-04-01', stage: 'completed' }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'stage_overtakes_later',
    );
  });
  it('takes a backwards stage as a correction with a reason, once per entry', () => {
    const wrong = history[1]!;
    expect(progressRefusal(history, { ...candidate, stage: 'approved', corrects: wrong.id }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'correction_reason_required',
    );
    expect(
      progressRefusal(history, { ...candidate, stage: 'approved', corrects: wrong.id, note: '未开工' }, today, DEFAULT_STAGE_CATALOGUE),
    ).toBeNull();
    const corrected = [...history, entry(5, '2026-05-02', 'approved', { corrects: wrong.id, note: '未开工' })];
    expect(progressRefusal(corrected, { ...candidate, corrects: wrong.id, note: 'again' }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe(
      'correction_target_invalid',
    );
  });
  it('takes stages and their order from the catalogue in force', () => {
    expect(progressRefusal(history, { ...candidate, stage: 'tendering' }, today, DEFAULT_STAGE_CATALOGUE)?.code).toBe('stage_unknown');
    // An administrator moves design after construction: design after construction is then forward.
    const [none, reserve, planned, design, approved, construction, ...rest] = DEFAULT_STAGE_CATALOGUE.stages;
    const moved = new StageCatalogue([none!, reserve!, planned!, approved!, construction!, design!, ...rest]);
    expect(progressRefusal(history, { ...candidate, stage: 'design' }, today, moved)).toBeNull();
    expect(progressRefusal(history, { ...candidate, stage: 'approved' }, today, moved)).toMatchObject({
      code: 'stage_backwards',
      params: { stageZh: '立项审批', otherStageEn: 'Construction' },
    });
  });
  it('reads calendar dates strictly, in China’s time zone', () => {
    expect(isoDateSchema.safeParse('2026-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDate(new Date('2026-05-31T17:30:00Z'))).toBe('2026-06-01');
  });
});

describe('programme figures', () => {
  const estate = (id: number, households: number, planYear: number | null, sub = 'A'): ProgrammeEstate => ({
    id,
    households,
    floorAreaM2: households * 50,
    buildings: 2,
    subdistrictCode: sub,
    planYear,
    plannedInvestmentYuan: 1000,
  });
  const estates = [estate(1, 100, 2026), estate(2, 300, 2026, 'B'), estate(3, 50, 2026), estate(4, 80, null)];
  const targets: PlanTargets = {
    year: 2026,
    estatesToStart: 4,
    households: 500,
    floorAreaM2: null,
    investmentYuan: null,
    progressPct: 50,
    progressByDate: '2026-12-31',
  };
  const history = [
    entry(1, '2026-04-01', 'construction', { progressPct: 50, investmentDoneYuan: 400 }),
    entry(2, '2026-04-01', 'completed', { progressPct: 100, investmentDoneYuan: 1000 }),
    entry(3, '2026-04-01', 'approved'),
    entry(4, '2026-04-01', 'construction', { progressPct: 10 }),
  ];

  it('computes the start rate by estates and households against the plan and its target', () => {
    const figures = programmeFigures(estates, statesAsOf(history, '2026-06-30'), targets, DEFAULT_STAGE_CATALOGUE);
    expect(figures.startRate.byEstates).toBeCloseTo(2 / 3, 12);
    expect(figures.startRate.byHouseholds).toBeCloseTo(400 / 450, 12);
    expect(figures.startRate.ofTargetByEstates).toBeCloseTo(2 / 4, 12);
    expect(figures.startRate.ofTargetByHouseholds).toBeCloseTo(400 / 500, 12);
    expect(figures.started.estates).toBe(3);
    expect(figures.completed).toMatchObject({ estates: 1, households: 300, floorAreaM2: 15000, buildings: 2 });
    expect(figures.investment).toEqual({ doneYuan: 1400, plannedYuan: 4000 });
    // (50 % × 100 + 100 % × 300 + 0 × 50) / 450 households
    expect(figures.physicalProgressPct).toBeCloseTo((50 * 100 + 100 * 300) / 450, 12);
    expect(figures.byStage.find((s) => s.stage === 'construction')).toEqual({ stage: 'construction', estates: 2, households: 180 });
    expect(figures.bySubdistrict).toEqual([
      { code: 'A', planned: 2, started: 2, completed: 0, households: 230 },
      { code: 'B', planned: 1, started: 1, completed: 1, households: 300 },
    ]);
  });
  it('has no start rate when nothing is planned', () => {
    expect(programmeFigures([estate(9, 10, null)], new Map(), targets, DEFAULT_STAGE_CATALOGUE).startRate.byEstates).toBeNull();
  });
  it('counts cumulative starts and completions per month end', () => {
    expect(monthEnds('2026-02-10', '2026-04-15')).toEqual(['2026-02-28', '2026-03-31', '2026-04-15']);
    expect(monthEnds('2025-12-31', '2025-12-31')).toEqual(['2025-12-31']);
    const series = progressOverTime(estates, history, ['2026-03-31', '2026-04-30'], DEFAULT_STAGE_CATALOGUE);
    expect(series).toEqual([
      { date: '2026-03-31', started: 0, completed: 0, completedHouseholds: 0 },
      { date: '2026-04-30', started: 3, completed: 1, completedHouseholds: 300 },
    ]);
  });
  it('sweeps the history once and agrees with the state of each date', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            estate: fc.integer({ min: 1, max: 4 }),
            day: fc.integer({ min: 1, max: 28 }),
            stage: fc.integer({ min: 0, max: 7 }),
          }),
          {
            maxLength: 30,
          },
        ),
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 6 }),
        (raw, days) => {
          const entries = raw.map((r, i) => ({
            ...entry(r.estate, `2026-02-${String(r.day).padStart(2, '0')}`, DEFAULT_STAGE_CATALOGUE.ids[r.stage]!),
            id: i + 1,
            corrects: i > 0 && r.day % 5 === 0 ? i : null,
          }));
          const dates = [...new Set(days)].sort((a, b) => a - b).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
          const members = [1, 2, 3, 4].map((id) => ({ id, households: id * 10 }));
          const series = progressOverTime(members, entries, dates, DEFAULT_STAGE_CATALOGUE);
          dates.forEach((date, i) => {
            const states = statesAsOf(entries, date);
            const stageOf = (id: number) => states.get(id)?.stage ?? 'not_in_programme';
            expect(series[i]!.started).toBe(members.filter((m) => DEFAULT_STAGE_CATALOGUE.isStarted(stageOf(m.id))).length);
            expect(series[i]!.completed).toBe(members.filter((m) => DEFAULT_STAGE_CATALOGUE.isCompleted(stageOf(m.id))).length);
          });
        },
      ),
    );
  });
  it('filters by plan, batch, sub-district, stage and category with one predicate', () => {
    const facts = { subdistrictCode: 'A', planYear: 2026, batch: 2, stage: 'design' as StageId, categories: ['basic' as const] };
    expect(matchesProgrammeFilter(EMPTY_PROGRAMME_FILTER, facts)).toBe(true);
    expect(matchesProgrammeFilter({ ...EMPTY_PROGRAMME_FILTER, batch: 1 }, facts)).toBe(false);
    expect(matchesProgrammeFilter({ ...EMPTY_PROGRAMME_FILTER, stages: ['design', 'approved'] }, facts)).toBe(true);
    expect(matchesProgrammeFilter({ ...EMPTY_PROGRAMME_FILTER, categories: ['upgrade'] }, facts)).toBe(false);
    expect(matchesProgrammeFilter({ ...EMPTY_PROGRAMME_FILTER, subdistrictCodes: ['B'] }, facts)).toBe(false);
  });
});

describe('funding, items and reporting periods', () => {
  it('splits the local subsidy 7 : 3 by default, the parts always adding up', () => {
    expect(splitLocalSubsidy(1_000_000)).toEqual({ cityYuan: 700_000, districtYuan: 300_000 });
    expect(splitLocalSubsidy(1001, { city: 1, district: 2 })).toEqual({ cityYuan: 334, districtYuan: 667 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (amount, city, district) => {
          const parts = splitLocalSubsidy(amount, { city, district });
          expect(parts.cityYuan + parts.districtYuan).toBe(amount);
          expect(Math.abs(parts.cityYuan - (amount * city) / (city + district))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
    expect(parseSubsidySplit('6：4')).toEqual({ city: 6, district: 4 });
    expect(parseSubsidySplit('0:0')).toBeNull();
    expect(() => splitLocalSubsidy(1, { city: 0, district: 0 })).toThrow(RangeError);
  });
  it('rolls up key counts: lifts, parking, care facilities and pipe kilometres', () => {
    expect(
      keyCountsOf([
        { itemType: 'lift_installation', quantity: 3 },
        { itemType: 'water_supply', quantity: 1200 },
        { itemType: 'gas', quantity: 300 },
        { itemType: 'parking', quantity: 40 },
        { itemType: 'greening', quantity: 500 },
      ]),
    ).toEqual({ lifts: 3, parkingSpaces: 40, elderlyCare: 0, childcare: 0, pipesKm: 1.5 });
  });
  it('cuts half months at the 15th and lists the stage changes of a period', () => {
    expect(reportingPeriodOf('2026-02-20', 'half_month')).toEqual({ kind: 'half_month', from: '2026-02-16', to: '2026-02-28' });
    expect(reportingPeriodOf('2026-02-15', 'half_month')).toEqual({ kind: 'half_month', from: '2026-02-01', to: '2026-02-15' });
    expect(previousPeriod(reportingPeriodOf('2026-03-03', 'half_month'))).toEqual({
      kind: 'half_month',
      from: '2026-02-16',
      to: '2026-02-28',
    });
    expect(reportingPeriodOf('2024-02-03', 'month')).toEqual({ kind: 'month', from: '2024-02-01', to: '2024-02-29' });
    const history = [entry(1, '2026-02-10', 'design'), entry(1, '2026-02-20', 'approved'), entry(2, '2026-02-18', 'planned')];
    const changes = stageChanges([1, 2, 3], statesAsOf(history, '2026-02-15'), statesAsOf(history, '2026-02-28'));
    expect(changes).toEqual([
      { estateId: 1, from: 'design', to: 'approved' },
      { estateId: 2, from: 'not_in_programme', to: 'planned' },
    ]);
  });
});
