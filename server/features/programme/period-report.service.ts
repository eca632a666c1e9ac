/**
 * The period report (期报, GET /api/reports/period): the sheet a district sends upward every half
 * month — programme totals, progress by sub-district, every estate with its stage, progress,
 * investment and funding, and the stage changes of the period. Built from the dashboard's answer,
 * so its figures are the dashboard's.
 */
import ExcelJS from 'exceljs';
import type { DashboardAnswer } from '../../../core/contract/index.js';
import { FUNDING_SOURCE_LABELS } from '../../../core/programme/funding.js';
import { KEY_COUNTS, KEY_COUNT_LABELS } from '../../../core/programme/renovation-items.js';
import { DEFAULT_STAGE, StageCatalogue } from '../../../core/programme/stages.js';
import type { ServiceContext } from '../../context.js';
import { attachmentDisposition } from '../export/export.service.js';
import { addSheet, type ReportFile, type ReportRow } from '../export/report-sheet.js';
import { toCsv } from '../../../core/io/csv.js';
import { dashboard, type DashboardQuery } from './dashboard.service.js';

/** A stage in both languages, as the answer's catalogue names it. */
function stageTextOf(catalogue: StageCatalogue): (stage: string) => string {
  return (stage) => `${catalogue.label(stage, 'zh')} ${catalogue.label(stage, 'en')}`;
}
const pct = (ratio: number | null): number | null => (ratio === null ? null : Math.round(ratio * 1000) / 10);
const wan = (yuan: number): number => Math.round(yuan / 100) / 100;

function totalRows(answer: DashboardAnswer): ReportRow[] {
  const { startRate: rate, plan } = answer;
  const rows: ReportRow[] = [
    ['截至日期 As of', answer.asOf],
    ['报告期 Period', `${answer.period.from} — ${answer.period.to}`],
    ['计划年度 Plan year', answer.year],
    ['计划小区 Estates planned', rate.planned.estates],
    ['目标开工 Target starts', plan?.targetEstates ?? null],
    ['已开工（计划内） Started of the plan', rate.started.estates],
    ['开工率（按小区，%） Start rate by estates (%)', pct(rate.byEstates)],
    ['开工率（按户，%） Start rate by households (%)', pct(rate.byHouseholds)],
    ['已开工小区 Estates started', answer.started.estates],
    ['已开工户数 Households started', answer.started.households],
    ['已开工建筑面积（m²） Floor area started (m²)', Math.round(answer.started.floorAreaM2)],
    ['已开工楼栋 Buildings started', answer.started.buildings],
    ['已竣工小区 Estates completed', answer.completed.estates],
    ['已竣工户数 Households completed', answer.completed.households],
    ['形象进度（%） Physical progress (%)', answer.physicalProgressPct === null ? null : Math.round(answer.physicalProgressPct * 10) / 10],
    ['计划投资（万元） Planned investment (10k yuan)', wan(answer.investment.plannedYuan)],
    ['已完成投资（万元） Investment completed (10k yuan)', wan(answer.investment.doneYuan)],
  ];
  for (const key of KEY_COUNTS) rows.push([`${KEY_COUNT_LABELS[key].zh} ${KEY_COUNT_LABELS[key].en}`, answer.itemCounts[key]]);
  for (const f of answer.funding.filter((row) => row.plannedYuan > 0))
    rows.push([
      `资金 ${FUNDING_SOURCE_LABELS[f.source].zh}（计划/到位，万元） ${FUNDING_SOURCE_LABELS[f.source].en}`,
      `${wan(f.plannedYuan)} / ${wan(f.receivedYuan)}`,
    ]);
  rows.push(['市级分担（万元） City share (10k yuan)', wan(answer.localSubsidy.planned.cityYuan)]);
  rows.push(['区级分担（万元） District share (10k yuan)', wan(answer.localSubsidy.planned.districtYuan)]);
  return rows;
}

interface EstateLine {
  id: number;
  code: string | null;
  name: string;
  subdistrict: string | null;
  households: number;
  plannedYuan: number;
  fundingPlannedYuan: number;
  fundingReceivedYuan: number;
  geometry: unknown;
}

const ESTATE_HEADER = [
  '编号 Code',
  '小区 Estate',
  '街道 Sub-district',
  '户数 Households',
  '计划年度 Plan',
  '批次 Batch',
  '阶段 Stage',
  '形象进度（%） Progress (%)',
  '阶段起始 Since',
  '计划投资（万元） Planned (10k yuan)',
  '资金计划（万元） Funding planned',
  '资金到位（万元） Funding received',
];

/** The dashboard's answer with every estate the filter keeps, as report lines (geometry only when asked). */
async function estateLines(ctx: ServiceContext, query: DashboardQuery, withGeometry: boolean) {
  const answer = await dashboard(ctx, query);
  const lines = await ctx.db.query<EstateLine>(
    `SELECT e.id, e.code, e.name, s.name AS subdistrict, e.households,
            COALESCE((SELECT sum(estimated_cost_yuan) FROM estate_item_shares i WHERE i.estate_id = e.id), 0) AS "plannedYuan",
            COALESCE((SELECT sum(planned_yuan) FROM estate_funding_shares f WHERE f.estate_id = e.id), 0) AS "fundingPlannedYuan",
            COALESCE((SELECT sum(received_yuan) FROM estate_funding_shares f WHERE f.estate_id = e.id), 0) AS "fundingReceivedYuan",
            CASE WHEN $1 THEN ST_AsGeoJSON(e.geom, 7)::json END AS geometry
     FROM estates e LEFT JOIN subdistricts s ON s.code = e.subdistrict_code ORDER BY e.code, e.id`,
    [withGeometry],
  );
  const lineOf = new Map(lines.map((l) => [l.id, l]));
  const matched = answer.estates.filter((e) => e.matched).map((e) => ({ programme: e, line: lineOf.get(e.estateId)! }));
  return { answer, matched, lineOf };
}

function estateRow(
  { programme: e, line }: { programme: DashboardAnswer['estates'][number]; line: EstateLine },
  stageText: (stage: string) => string,
): ReportRow {
  return [
    line.code,
    line.name,
    line.subdistrict,
    line.households,
    e.planYear,
    e.batch,
    stageText(e.stage),
    e.progressPct,
    e.since,
    wan(line.plannedYuan),
    wan(line.fundingPlannedYuan),
    wan(line.fundingReceivedYuan),
  ];
}

export async function periodReport(ctx: ServiceContext, query: DashboardQuery): Promise<ReportFile> {
  const { answer, matched, lineOf } = await estateLines(ctx, query, false);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renewal Atlas';
  const title = `城镇老旧小区改造进度期报 ${answer.period.from} — ${answer.period.to}（截至 ${answer.asOf}）`;
  addSheet(workbook, '总表 Totals', title, ['指标 Figure', '数值 Value'], totalRows(answer));
  addSheet(
    workbook,
    '分街道 By sub-district',
    title,
    ['街道 Sub-district', '计划 Planned', '开工 Started', '竣工 Completed', '户数 Households'],
    answer.bySubdistrict.map((r) => [
      r.code === null ? '—' : (answer.subdistrictNames[r.code] ?? r.code),
      r.planned,
      r.started,
      r.completed,
      r.households,
    ]),
  );
  // The programme's estates: those in a plan or past "not in programme".
  const inProgramme = matched.filter(({ programme: e }) => e.stage !== DEFAULT_STAGE || e.planYear !== null);
  const stageText = stageTextOf(new StageCatalogue(answer.stages));
  addSheet(
    workbook,
    '小区清单 Estates',
    title,
    ESTATE_HEADER,
    inProgramme.map((m) => estateRow(m, stageText)),
  );
  addSheet(
    workbook,
    '本期变化 Changes',
    title,
    ['编号 Code', '小区 Estate', '原阶段 From', '现阶段 To'],
    answer.changes.map((c) => [lineOf.get(c.estateId)?.code ?? null, c.name, stageText(c.from), stageText(c.to)]),
  );
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentDisposition: attachmentDisposition(`旧改进度期报_${answer.asOf}.xlsx`, `programme-report_${answer.asOf}.xlsx`),
    body,
  };
}

export const VIEW_FORMATS = ['csv', 'geojson'] as const;
export type ViewFormat = (typeof VIEW_FORMATS)[number];

/** The current filtered view (every estate the dashboard's filter keeps) as CSV or GeoJSON, with its programme state. */
export async function viewExport(ctx: ServiceContext, query: DashboardQuery, format: ViewFormat): Promise<ReportFile> {
  const { answer, matched } = await estateLines(ctx, query, format === 'geojson');
  const base = `programme-view_${answer.asOf}`;
  const catalogue = new StageCatalogue(answer.stages);
  const stageText = stageTextOf(catalogue);
  if (format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      contentDisposition: attachmentDisposition(`旧改进度_${answer.asOf}.csv`, `${base}.csv`),
      body: Buffer.from(
        toCsv(
          ESTATE_HEADER,
          matched.map((m) => estateRow(m, stageText)),
        ),
        'utf8',
      ),
    };
  const collection = {
    type: 'FeatureCollection',
    features: matched.map(({ programme: e, line }) => ({
      type: 'Feature',
      id: line.id,
      geometry: line.geometry,
      properties: {
        code: line.code,
        name: line.name,
        subdistrict: line.subdistrict,
        households: line.households,
        planYear: e.planYear,
        batch: e.batch,
        stage: e.stage,
        stageLabel: catalogue.definition(e.stage).label,
        progressPct: e.progressPct,
        since: e.since,
        asOf: answer.asOf,
        plannedYuan: line.plannedYuan,
        fundingPlannedYuan: line.fundingPlannedYuan,
        fundingReceivedYuan: line.fundingReceivedYuan,
      },
    })),
  };
  return {
    contentType: 'application/geo+json; charset=utf-8',
    contentDisposition: attachmentDisposition(`旧改进度_${answer.asOf}.geojson`, `${base}.geojson`),
    body: Buffer.from(JSON.stringify(collection), 'utf8'),
  };
}
