/**
 * /api/export (docs/API.md): the ledger as GeoJSON, CSV or XLSX — by the estate filters (GET), or
 * for a selection by ids (POST with the ids in the body, so a selection of any size fits).
 */
import { buildUrl, request, type QueryValue } from './request';
import type { EstateFilter } from './types';
import { filterQuery } from './atlas-api';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: the checked rows (ids) or everything matching the estate filters. */
export type ExportScope = { ids: readonly number[] } | { filter: EstateFilter };

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { geojson: 'geojson', csv: 'csv', xlsx: 'xlsx' };

/** The export URL for a format and scope. @example exportUrl('csv', { ids: [1, 2] }) // '/api/export?format=csv&ids=1%2C2' */
export function exportUrl(format: ExportFormat, scope: ExportScope): string {
  return buildUrl('/api/export', exportQuery(format, scope));
}

function exportQuery(format: ExportFormat, scope: ExportScope): Record<string, QueryValue> {
  return 'ids' in scope ? { format, ids: scope.ids.join(',') } : { format, ...filterQuery(scope.filter) };
}

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first), else null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

export interface ExportFile {
  blob: Blob;
  fileName: string;
}

/** Fetches an export; throws ApiError with the server's message when it answers an error. */
export async function fetchExport(format: ExportFormat, scope: ExportScope, signal?: AbortSignal): Promise<ExportFile> {
  const answer =
    'ids' in scope
      ? await request('/api/export', { method: 'POST', body: { format, ids: scope.ids }, signal, as: 'file' })
      : await request('/api/export', { query: exportQuery(format, scope), signal, as: 'file' });
  const fileName = fileNameFromDisposition(answer.header('Content-Disposition')) ?? `estates.${EXTENSIONS[format]}`;
  return { blob: answer.blob, fileName };
}
