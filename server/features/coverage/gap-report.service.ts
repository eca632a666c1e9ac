/**
 * The gap report (缺项清单) a designer hands on: for an estate, a zone, a sub-district or the city,
 * every missing facility type of every estate with its nearest distance and radius, the zone's
 * pooled gaps, and the household-weighted shares per type and tier. XLSX (three sheets) or CSV
 * (the gap rows). Built from the same coverageOf answer as GET /api/coverage.
 */
import ExcelJS from 'exceljs';
import type { CoverageResponse } from '../../../core/contract/index.js';
import { FACILITY_CATALOGUE, LIFE_CIRCLE_TIER_LABELS, type FacilityTypeId, type LifeCircleTier } from '../../../core/facility-catalogue.js';
import { toCsv } from '../../../core/io/csv.js';
import type { ServiceContext } from '../../context.js';
import { attachmentDisposition } from '../export/export.service.js';
import { addSheet, type ReportFile, type ReportRow } from '../export/report-sheet.js';
import { coverageOf, type CoverageQuery } from './coverage.service.js';

export const GAP_REPORT_FORMATS = ['xlsx', 'csv'] as const;
export type GapReportFormat = (typeof GAP_REPORT_FORMATS)[number];

const GAP_HEADER = [
  '小区编号 Estate id',
  '小区名称 Estate',
  '户数 Households',
  '量起自 Measured from',
  '生活圈 Tier',
  '缺项设施 Missing facility',
  '最近距离（米） Nearest (m)',
  '服务半径（米） Radius (m)',
  '距离模型 Distance model',
];
const SHARE_HEADER = ['类型 Type', '生活圈 Tier', '户数 Households', '覆盖户数 Households within reach', '覆盖率 Share (%)'];

const ORIGIN_LABELS = { gates: '出入口 gates', boundary: '边界 boundary' } as const;
const MODEL_LABELS = { network: '步行路网 walking', euclidean: '直线 straight line' } as const;
const SCOPE_LABELS = { estate: '小区', zone: '片区', subdistrict: '街道', city: '全市' } as const;

const typeById = new Map(FACILITY_CATALOGUE.map((t) => [t.id as FacilityTypeId, t]));

function typeLabel(id: FacilityTypeId): string {
  const type = typeById.get(id);
  return type ? `${type.nameZh} ${type.nameEn}` : id;
}

function tierLabel(id: FacilityTypeId): string {
  const tier = typeById.get(id)?.tier;
  return tier ? LIFE_CIRCLE_TIER_LABELS[tier].zh : '';
}

type Types = CoverageResponse['estates'][number]['types'];
type Row = ReportRow;

function gapRows(
  id: number | null,
  name: string,
  households: number,
  origin: string,
  gaps: readonly FacilityTypeId[],
  types: Types,
  model: string,
): Row[] {
  return gaps.map((gap) => {
    const t = types[gap];
    return [
      id,
      name,
      households,
      origin,
      tierLabel(gap),
      typeLabel(gap),
      t?.distanceM == null ? null : Math.round(t.distanceM),
      t?.radiusM ?? null,
      model,
    ];
  });
}

/** The gap rows: the zone as a whole first (for a zone), then each estate's. */
export function gapReportRows(report: CoverageResponse): Row[] {
  const model = MODEL_LABELS[report.model];
  const rows: Row[] = [];
  if (report.zone)
    rows.push(
      ...gapRows(
        null,
        '片区整体 whole zone',
        report.zone.households,
        '成员小区 members',
        report.zone.gaps as FacilityTypeId[],
        report.zone.types,
        model,
      ),
    );
  for (const e of report.estates)
    rows.push(...gapRows(e.id, e.name, e.households, ORIGIN_LABELS[e.origin], e.gaps as FacilityTypeId[], e.types, model));
  return rows;
}

function shareRows(report: CoverageResponse): Row[] {
  const pct = (covered: number, households: number) => (households > 0 ? Math.round((1000 * covered) / households) / 10 : null);
  const rows: Row[] = [];
  for (const [tier, share] of Object.entries(report.tiers) as [LifeCircleTier, { households: number; coveredHouseholds: number }][])
    rows.push([
      `（全部） ${LIFE_CIRCLE_TIER_LABELS[tier].zh}`,
      LIFE_CIRCLE_TIER_LABELS[tier].zh,
      share.households,
      share.coveredHouseholds,
      pct(share.coveredHouseholds, share.households),
    ]);
  for (const [id, share] of Object.entries(report.shares) as [FacilityTypeId, { households: number; coveredHouseholds: number }][])
    rows.push([typeLabel(id), tierLabel(id), share.households, share.coveredHouseholds, pct(share.coveredHouseholds, share.households)]);
  return rows;
}

export async function gapReport(ctx: ServiceContext, query: CoverageQuery, format: GapReportFormat): Promise<ReportFile> {
  const report = await coverageOf(ctx, query);
  const date = ctx.now().toISOString().slice(0, 10);
  const scope = `${SCOPE_LABELS[query.scope]}${query.id === undefined ? '' : ` ${query.id}`}`;
  const fileName = `生活圈缺项清单_${scope.replace(/\s+/g, '')}_${date}.${format}`;
  const ascii = `life-circle-gaps_${query.scope}${query.id === undefined ? '' : `-${query.id}`}_${date}.${format}`;
  const rows = gapReportRows(report);
  if (format === 'csv') {
    return {
      contentType: 'text/csv; charset=utf-8',
      contentDisposition: attachmentDisposition(fileName, ascii),
      body: Buffer.from(toCsv(GAP_HEADER, rows), 'utf8'),
    };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renewal Atlas 旧改一张图';
  const title = `生活圈缺项清单（${scope}，${MODEL_LABELS[report.model]}，${date}）`;
  addSheet(workbook, '缺项 Gaps', title, GAP_HEADER, rows);
  addSheet(workbook, '覆盖率 Shares', title, SHARE_HEADER, shareRows(report));
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentDisposition: attachmentDisposition(fileName, ascii),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
