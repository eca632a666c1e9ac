/** The programme routes (docs/API.md → Programme): the dashboard, progress entries, and the period report. */
import type { DashboardAnswer, ProgressEntryAnswer } from '../../../core/contract/index';
import type { ProgrammeFilter } from '../../../core/programme/programme-filter';
import type { IsoDate, ProgressEntry, ProgressInput } from '../../../core/programme/progress-history';
import { fileNameFromDisposition, type ExportFile } from './export';
import { invalidAnswer } from './invalid';
import { request, type QueryValue } from './request';

export interface DashboardQuery {
  /** null: today. */
  asOf: IsoDate | null;
  filter: ProgrammeFilter;
}

/** The dashboard query as URL parameters (lists comma-separated, empty ones left out). */
export function dashboardParams({ asOf, filter }: DashboardQuery): Record<string, QueryValue> {
  return {
    asOf,
    planYear: filter.planYear,
    batch: filter.batch,
    subdistrict: filter.subdistrictCodes.join(','),
    stage: filter.stages.join(','),
    category: filter.categories.join(','),
  };
}

export async function fetchDashboard(query: DashboardQuery, signal?: AbortSignal): Promise<DashboardAnswer> {
  const body = await request('/api/dashboard', { query: dashboardParams(query), signal });
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

/** The period report (XLSX) of the dashboard's date and filter. */
export async function fetchPeriodReport(query: DashboardQuery): Promise<ExportFile> {
  const answer = await request('/api/reports/period', { query: dashboardParams(query), as: 'file' });
  return {
    blob: answer.blob,
    fileName: fileNameFromDisposition(answer.header('Content-Disposition')) ?? 'programme-report.xlsx',
  };
}
