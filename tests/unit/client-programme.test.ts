import { describe, expect, it } from 'vitest';
import type { DashboardAnswer } from '../../core/contract/index';
import { stageFunnelOption, subdistrictBarsOption } from '../../client/src/features/programme/chart-options';
import * as programme from '../../client/src/state/programme-slice';

const answer = {
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
});

describe('programme slice', () => {
  it('keeps the answer and indexes its estates by id', () => {
    const state = { ...programme.initialProgramme, ...programme.dashboardLoaded(programme.initialProgramme, answer) };
    expect(state.programmeByEstate.get(7)?.matched).toBe(false);
    expect(state.dashboardStatus).toBe('ready');
  });
  it('counts changes and merges filter patches', () => {
    expect(programme.programmeChanged({ ...programme.initialProgramme, programmeRevision: 2 })).toEqual({ programmeRevision: 3 });
    const filtered = programme.setProgrammeFilter(programme.initialProgramme, { stages: ['design'] });
    expect(filtered.programmeFilter).toEqual({ planYear: null, batch: null, stages: ['design'], categories: [] });
  });
});
