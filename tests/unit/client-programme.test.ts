import { describe, expect, it } from 'vitest';
import { addStage, moveStage, removeStage, updateStage, withIds } from '../../client/src/features/programme/stage-list-edits';
import { DEFAULT_STAGES, stageListRefusal } from '../../core/programme/stages';
import type { DashboardAnswer } from '../../core/contract/index';
import {
  CHARTED_SUBDISTRICTS_MAX,
  chartedSubdistricts,
  stageFunnelOption,
  subdistrictBarsOption,
} from '../../client/src/features/programme/chart-options';
import * as programme from '../../client/src/state/programme-slice';

const answer = {
  stages: [...DEFAULT_STAGES],
  byStage: [
    { stage: 'not_in_programme', estates: 5, households: 50 },
    { stage: 'reserve', estates: 1, households: 10 },
    { stage: 'planned', estates: 0, households: 0 },
    { stage: 'design', estates: 2, households: 20 },
    { stage: 'approved', estates: 0, households: 0 },
    { stage: 'construction', estates: 3, households: 30 },
    { stage: 'completed', estates: 1, households: 10 },
    { stage: 'handed_over', estates: 4, households: 40 },
  ],
  bySubdistrict: [
    { code: 'B', planned: 2, started: 1, completed: 0, households: 9 },
    { code: null, planned: 0, started: 0, completed: 0, households: 1 },
  ],
  subdistrictNames: { B: '城中街道' },
  estates: [
    { estateId: 7, stage: 'design', progressPct: 0, since: '2026-01-02', planYear: 2026, batch: 1, categories: [], matched: false },
  ],
} as unknown as DashboardAnswer;

const words = {
  planned: 'P',
  started: 'S',
  completed: 'C',
  startTarget: 'T',
  received: 'R',
  outstanding: 'O',
  estatesUnit: 'e',
  tenThousandYuan: 'w',
};

describe('dashboard charts', () => {
  it('funnels the estates that reached each stage, from the pool on', () => {
    const series = (stageFunnelOption(answer, 'en') as { series: { data: { name: string; value: number }[] }[] }).series[0]!;
    expect(series.data.map((d) => d.value)).toEqual([11, 10, 10, 8, 8, 5, 4]);
    expect(series.data[0]!.name).toBe('Reserve');
  });
  it('names sub-districts and leaves out estates without one', () => {
    const option = subdistrictBarsOption(answer, words) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.yAxis.data).toEqual(['城中街道']);
    expect(option.series.map((s) => s.data)).toEqual([[2], [1], [0]]);
  });
  it('charts every sub-district in code order when they fit, else the ones with the most planned estates, most first', () => {
    const many = Array.from({ length: CHARTED_SUBDISTRICTS_MAX + 5 }, (_, i) => ({
      code: `S${String(i).padStart(3, '0')}`,
      // Planned 0–4 repeating, started breaking the ties the other way round.
      planned: i % 5,
      started: i % 3,
      completed: 0,
      households: 1,
    }));
    const big = { ...answer, bySubdistrict: [...many, { code: null, planned: 99, started: 0, completed: 0, households: 1 }] };
    const charted = chartedSubdistricts(big);
    expect(charted.total).toBe(many.length);
    expect(charted.rows).toHaveLength(CHARTED_SUBDISTRICTS_MAX);
    const ranked = [...many].sort((a, b) => b.planned - a.planned || b.started - a.started || a.code.localeCompare(b.code));
    expect(charted.rows.map((r) => r.code)).toEqual(ranked.slice(0, CHARTED_SUBDISTRICTS_MAX).map((r) => r.code));
    // Every left-out sub-district has no more planned estates than the last one charted.
    const last = charted.rows.at(-1)!;
    for (const r of ranked.slice(CHARTED_SUBDISTRICTS_MAX)) expect(r.planned).toBeLessThanOrEqual(last.planned);
    const option = subdistrictBarsOption(big, words) as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toHaveLength(CHARTED_SUBDISTRICTS_MAX);
    // Few enough: all of them, in the answer's (code) order.
    const few = { ...answer, bySubdistrict: many.slice(0, 4) };
    expect(chartedSubdistricts(few)).toEqual({ rows: many.slice(0, 4), total: 4 });
  });
});

describe('programme slice', () => {
  it('keeps the answer and indexes its estates by id', () => {
    const state = { ...programme.initialProgramme, ...programme.dashboardLoaded(programme.initialProgramme, answer) };
    expect(state.programmeByEstate.get(7)?.matched).toBe(false);
    expect(state.dashboardStatus).toBe('ready');
    // The same stage list keeps the catalogue object (memoised colourings stay); a new list replaces it.
    expect(state.stageCatalogue).toBe(programme.initialProgramme.stageCatalogue);
    const renamed = { ...answer, stages: updateStage(DEFAULT_STAGES, 1, { label: { zh: '项目储备', en: 'Pool' } }) };
    const next = { ...state, ...programme.dashboardLoaded(state, renamed) };
    expect(next.stageCatalogue).not.toBe(state.stageCatalogue);
    expect(next.stageCatalogue.label('reserve', 'en')).toBe('Pool');
  });
  it('counts changes and merges filter patches', () => {
    expect(programme.programmeChanged({ ...programme.initialProgramme, programmeRevision: 2 })).toEqual({ programmeRevision: 3 });
    const filtered = programme.setProgrammeFilter(programme.initialProgramme, { stages: ['design'] });
    expect(filtered.programmeFilter).toEqual({ planYear: null, batch: null, stages: ['design'], categories: [] });
  });
});

describe('the administrator’s stage list edits', () => {
  it('adds a stage before construction in a colour that keeps the palette rule', () => {
    const added = addStage(DEFAULT_STAGES, { zh: '招标', en: 'Tendering' });
    expect(added.map((s) => s.id).indexOf('')).toBe(added.map((s) => s.id).indexOf('construction') - 1);
    expect(stageListRefusal(withIds(added))).toBeNull();
  });

  it('derives ids from English names, numbered when taken', () => {
    const list = [
      ...DEFAULT_STAGES,
      { id: '', label: { zh: '招标', en: 'Tender / bid' }, colour: '#000000' },
      { id: '', label: { zh: '再招标', en: 'Tender bid' }, colour: '#000000' },
    ];
    expect(
      withIds(list)
        .slice(-2)
        .map((s) => s.id),
    ).toEqual(['tender_bid', 'tender_bid_2']);
    expect(withIds([{ id: '', label: { zh: '招标', en: '招标' }, colour: '#000000' }])[0]!.id).toBe('stage');
    expect(withIds([{ id: '', label: { zh: 'x', en: '2nd round' }, colour: '#000000' }])[0]!.id).toBe('nd_round');
  });

  it('moves, renames and removes without touching the list it was given', () => {
    const moved = moveStage(DEFAULT_STAGES, 1, 1);
    expect(moved.slice(1, 3).map((s) => s.id)).toEqual(['planned', 'reserve']);
    expect(moveStage(DEFAULT_STAGES, 0, -1).map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id));
    const renamed = updateStage(DEFAULT_STAGES, 1, { label: { zh: '项目储备', en: 'Reserve' } });
    expect(renamed[1]!.label.zh).toBe('项目储备');
    expect(removeStage(DEFAULT_STAGES, 1)).toHaveLength(DEFAULT_STAGES.length - 1);
    expect(DEFAULT_STAGES[1]!.label.zh).toBe('储备');
  });
});
