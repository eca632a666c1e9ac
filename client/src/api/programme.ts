/** The programme routes (docs/API.md → Programme): the dashboard, progress entries, and the period report. */
import type {
  DashboardAnswer,
  FundingRecord,
  PlanRecord,
  ProgrammeChange,
  ProgressEntryAnswer,
  ProjectRef,
  RenovationItemRecord,
  StageCatalogueRecord,
} from '../../../core/contract/index';
import type { StageDefinition } from '../../../core/programme/stages';
import type { ProgrammeFilter } from '../../../core/programme/programme-filter';
import type { IsoDate, ProgressEntry, ProgressInput } from '../../../core/programme/progress-history';
import type { ReportingPeriodKind } from '../../../core/programme/reporting-period';
import { fileNameFromDisposition, type ExportFile } from './export';
import { isProgrammeChange } from './checks';
import { invalidAnswer } from './invalid';
import { request, type QueryValue } from './request';

export interface DashboardQuery {
  /** null: today. */
  asOf: IsoDate | null;
  filter: ProgrammeFilter;
  /** The reporting period of "changes" and the period report; null: the server's (REPORTING_PERIOD). */
  period: ReportingPeriodKind | null;
}

/** The dashboard query as URL parameters (lists comma-separated, empty ones left out). */
export function dashboardParams({ asOf, filter, period }: DashboardQuery): Record<string, QueryValue> {
  return {
    asOf,
    period,
    planYear: filter.planYear,
    batch: filter.batch,
    subdistrict: filter.subdistrictCodes.join(','),
    stage: filter.stages.join(','),
    category: filter.categories.join(','),
  };
}

/** The change a `programme` event of GET /api/events carries, or null when its data is no such change. */
export function programmeChangeOf(data: unknown): ProgrammeChange | null {
  if (typeof data !== 'string') return null;
  try {
    const body: unknown = JSON.parse(data);
    return isProgrammeChange(body) ? body : null;
  } catch {
    return null;
  }
}

/** `estates`: the ids the per-estate list is limited to, comma-separated (dashboard-estates.ts); null for all. */
export async function fetchDashboard(query: DashboardQuery, estates: string | null, signal?: AbortSignal): Promise<DashboardAnswer> {
  const body = await request('/api/dashboard', { query: { ...dashboardParams(query), estates }, signal });
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { byStage?: unknown }).byStage))
    throw invalidAnswer('/api/dashboard', 'the dashboard figures');
  return body as DashboardAnswer;
}

export async function fetchProgress(estateId: number, signal?: AbortSignal): Promise<ProgressEntryAnswer[]> {
  const body = await request('/api/progress', { query: { estateId }, signal });
  if (!Array.isArray(body)) throw invalidAnswer('/api/progress', 'a list of progress entries');
  return body as ProgressEntryAnswer[];
}

export async function recordProgress(input: ProgressInput): Promise<ProgressEntry[]> {
  const body = await request('/api/progress', { method: 'POST', body: input });
  if (!Array.isArray(body)) throw invalidAnswer('/api/progress', 'the entries recorded');
  return body as ProgressEntry[];
}

/** What the dashboard downloads: the period report (XLSX), or the filtered view as CSV or GeoJSON. */
export type ProgrammeFileKind = 'report' | 'csv' | 'geojson';

/** A programme file for the dashboard's date and filter. */
export async function fetchProgrammeFile(kind: ProgrammeFileKind, query: DashboardQuery): Promise<ExportFile> {
  const answer =
    kind === 'report'
      ? await request('/api/reports/period', { query: dashboardParams(query), as: 'file' })
      : await request('/api/reports/view', { query: { ...dashboardParams(query), format: kind }, as: 'file' });
  return {
    blob: answer.blob,
    fileName: fileNameFromDisposition(answer.header('Content-Disposition')) ?? `programme.${kind === 'report' ? 'xlsx' : kind}`,
  };
}

/** `date` defaults to today on the server. */
export type ItemInput = Omit<RenovationItemRecord, 'id' | 'zoneId' | 'estateId' | 'unit' | 'note' | 'date'> &
  ProjectRef & { date?: IsoDate };
export type FundingInput = Omit<FundingRecord, 'id' | 'zoneId' | 'estateId' | 'note' | 'date'> & ProjectRef & { date?: IsoDate };

function asList<T>(path: string, body: unknown): T[] {
  if (!Array.isArray(body)) throw invalidAnswer(path, 'a list');
  return body as T[];
}

export async function fetchItems(project: ProjectRef, signal?: AbortSignal): Promise<RenovationItemRecord[]> {
  return asList('/api/items', await request('/api/items', { query: project, signal }));
}

export async function addItem(input: ItemInput): Promise<void> {
  await request('/api/items', { method: 'POST', body: input });
}

export async function deleteItem(id: number): Promise<void> {
  await request(`/api/items/${id}`, { method: 'DELETE' });
}

export async function fetchFunding(project: ProjectRef, signal?: AbortSignal): Promise<FundingRecord[]> {
  return asList('/api/funding', await request('/api/funding', { query: project, signal }));
}

export async function addFunding(input: FundingInput): Promise<void> {
  await request('/api/funding', { method: 'POST', body: input });
}

export async function deleteFunding(id: number): Promise<void> {
  await request(`/api/funding/${id}`, { method: 'DELETE' });
}

export async function fetchPlans(signal?: AbortSignal): Promise<PlanRecord[]> {
  return asList('/api/plans', await request('/api/plans', { signal }));
}

export type PlanInput = Omit<PlanRecord, 'year' | 'version'> & { version?: number };

export async function savePlan(year: number, plan: PlanInput): Promise<PlanRecord> {
  return (await request(`/api/plans/${year}`, { method: 'PUT', body: plan })) as PlanRecord;
}

function asStageCatalogue(path: string, body: unknown): StageCatalogueRecord {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { stages?: unknown }).stages))
    throw invalidAnswer(path, 'the stage list');
  return body as StageCatalogueRecord;
}

export async function fetchStages(signal?: AbortSignal): Promise<StageCatalogueRecord> {
  return asStageCatalogue('/api/stages', await request('/api/stages', { signal }));
}

/** PUT /api/stages (stages.write): the whole list, in order, with the version it was edited from. */
export async function saveStages(stages: readonly StageDefinition[], version: number): Promise<StageCatalogueRecord> {
  return asStageCatalogue('/api/stages', await request('/api/stages', { method: 'PUT', body: { stages, version } }));
}
