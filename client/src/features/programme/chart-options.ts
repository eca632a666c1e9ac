/**
 * The dashboard's ECharts options, as pure functions of the answer and the language: the charts
 * draw the server's figures (core/programme), never figures of their own.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardAnswer } from '../../../../core/contract/index';
import { FUNDING_SOURCE_LABELS } from '../../../../core/programme/funding';
import { RENOVATION_CATEGORY_LABELS } from '../../../../core/programme/renovation-items';
import { COMPLETED_STAGE, STARTED_STAGE, StageCatalogue } from '../../../../core/programme/stages';
import { prefersLightText } from '../../../../core/colour';
import { formatNumber } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';

/** Words the charts need, from the caller's translation. */
export interface ChartWords {
  planned: string;
  started: string;
  completed: string;
  startTarget: string;
  received: string;
  outstanding: string;
  estatesUnit: string;
  tenThousandYuan: string;
}

/** The answer's stage catalogue, built once per answer for all its charts. */
const catalogues = new WeakMap<DashboardAnswer['stages'], StageCatalogue>();
function catalogueOf(answer: DashboardAnswer): StageCatalogue {
  let catalogue = catalogues.get(answer.stages);
  if (!catalogue) catalogues.set(answer.stages, (catalogue = new StageCatalogue(answer.stages)));
  return catalogue;
}

/** A stage's colour in the answer's catalogue. */
const colourOf = (answer: DashboardAnswer, stage: string): string => catalogueOf(answer).definition(stage).colour;

const GRID = { left: 8, right: 16, top: 34, bottom: 8, containLabel: true };
const TEXT = { fontSize: 11 };

/** Stages from the pool on: how many estates have reached each (the funnel of the programme). */
export function stageFunnelOption(answer: DashboardAnswer, language: Language): EChartsCoreOption {
  const catalogue = catalogueOf(answer);
  const inProgramme = catalogue.programmeStages;
  const reached = inProgramme.map((stage) =>
    answer.byStage.filter((row) => catalogue.rank(row.stage) >= catalogue.rank(stage.id)).reduce((sum, row) => sum + row.estates, 0),
  );
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        minSize: '18%',
        label: { position: 'inside', formatter: '{b} {c}', ...TEXT },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: inProgramme.map((stage, i) => ({
          name: stage.label[language],
          value: reached[i],
          itemStyle: { color: stage.colour },
          label: { color: prefersLightText(stage.colour) ? '#ffffff' : '#1f1f1f' },
        })),
      },
    ],
  };
}

/** The most sub-districts the bar chart draws: a province has thousands, and a bar per one is neither readable nor quick. */
export const CHARTED_SUBDISTRICTS_MAX = 20;

type SubdistrictRow = DashboardAnswer['bySubdistrict'][number] & { code: string };

/**
 * The sub-districts the bar chart draws: every one in code order when they fit, else the
 * `CHARTED_SUBDISTRICTS_MAX` with the most planned estates (then started, completed), most first;
 * with how many there are in all.
 * @example chartedSubdistricts(answerOf40).rows.length // 20, chartedSubdistricts(answerOf40).total // 40
 */
export function chartedSubdistricts(answer: DashboardAnswer): { rows: SubdistrictRow[]; total: number } {
  const rows = answer.bySubdistrict.filter((r): r is SubdistrictRow => r.code !== null);
  if (rows.length <= CHARTED_SUBDISTRICTS_MAX) return { rows, total: rows.length };
  const ranked = [...rows].sort(
    (a, b) => b.planned - a.planned || b.started - a.started || b.completed - a.completed || a.code.localeCompare(b.code),
  );
  return { rows: ranked.slice(0, CHARTED_SUBDISTRICTS_MAX), total: rows.length };
}

/** Planned, started and completed estates per charted sub-district (`chartedSubdistricts`). */
export function subdistrictBarsOption(answer: DashboardAnswer, words: ChartWords): EChartsCoreOption {
  const { rows } = chartedSubdistricts(answer);
  const names = rows.map((r) => answer.subdistrictNames[r.code] ?? r.code);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: TEXT },
    grid: GRID,
    xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: TEXT },
    series: [
      { name: words.planned, type: 'bar', data: rows.map((r) => r.planned), itemStyle: { color: colourOf(answer, 'planned') } },
      { name: words.started, type: 'bar', data: rows.map((r) => r.started), itemStyle: { color: colourOf(answer, STARTED_STAGE) } },
      { name: words.completed, type: 'bar', data: rows.map((r) => r.completed), itemStyle: { color: colourOf(answer, COMPLETED_STAGE) } },
    ],
  };
}

/** The start target of the plan year as a straight ramp from 0 on 1 January to the target on 31 December. */
function targetRamp(answer: DashboardAnswer): (number | null)[] {
  const target = answer.plan?.targetEstates ?? null;
  return answer.overTime.map(({ date }) => {
    if (target === null || Number(date.slice(0, 4)) !== answer.year) return null;
    const start = Date.UTC(answer.year, 0, 1);
    const end = Date.UTC(answer.year + 1, 0, 1);
    return Math.round(((Date.parse(`${date}T00:00:00Z`) - start) / (end - start)) * target * 10) / 10;
  });
}

/** Cumulative starts and completions at each month end, with the year's start target. */
export function overTimeOption(answer: DashboardAnswer, words: ChartWords): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: TEXT },
    grid: GRID,
    xAxis: { type: 'category', data: answer.overTime.map((p) => p.date.slice(0, 7)), axisLabel: TEXT },
    yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    series: [
      {
        name: words.started,
        type: 'line',
        data: answer.overTime.map((p) => p.started),
        itemStyle: { color: colourOf(answer, STARTED_STAGE) },
      },
      {
        name: words.completed,
        type: 'line',
        data: answer.overTime.map((p) => p.completed),
        itemStyle: { color: colourOf(answer, COMPLETED_STAGE) },
      },
      {
        name: words.startTarget,
        type: 'line',
        data: targetRamp(answer),
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#595959' },
        symbol: 'none',
      },
    ],
  };
}

/** Money per source: received and still outstanding, stacked (万元). */
export function fundingOption(answer: DashboardAnswer, language: Language, words: ChartWords): EChartsCoreOption {
  const rows = answer.funding.filter((f) => f.plannedYuan > 0);
  const wan = (yuan: number) => Math.round(yuan / 100) / 100;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${formatNumber(Number(v), language, 1)} ${words.tenThousandYuan}` },
    legend: { top: 0, textStyle: TEXT },
    grid: GRID,
    xAxis: { type: 'value', axisLabel: TEXT },
    yAxis: { type: 'category', data: rows.map((f) => FUNDING_SOURCE_LABELS[f.source][language]), inverse: true, axisLabel: TEXT },
    series: [
      { name: words.received, type: 'bar', stack: 'money', data: rows.map((f) => wan(f.receivedYuan)), itemStyle: { color: '#1351d3' } },
      {
        name: words.outstanding,
        type: 'bar',
        stack: 'money',
        data: rows.map((f) => wan(Math.max(0, f.plannedYuan - f.receivedYuan))),
        itemStyle: { color: '#9fb7e8' },
      },
    ],
  };
}

/** Estimated cost per renovation category (万元). */
export function categoryOption(answer: DashboardAnswer, language: Language, words: ChartWords): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${formatNumber(Number(v), language, 1)} ${words.tenThousandYuan}` },
    grid: { ...GRID, top: 8 },
    xAxis: { type: 'category', data: answer.itemsByCategory.map((c) => RENOVATION_CATEGORY_LABELS[c.category][language]), axisLabel: TEXT },
    yAxis: { type: 'value', axisLabel: TEXT },
    series: [{ type: 'bar', data: answer.itemsByCategory.map((c) => Math.round(c.costYuan / 100) / 100), itemStyle: { color: '#cc79a7' } }],
  };
}
