/**
 * /api/export (docs/API.md): the ledger as GeoJSON, CSV or XLSX — by the estate filters (GET), or
 * for a selection by ids (POST with the ids in the body, so a selection of any size fits).
 */
import { ApiError, buildUrl, parseErrorBody, type QueryValue } from './http';
import type { EstateFilter } from './types';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: the checked rows (ids) or everything matching the estate filters. */
export type ExportScope = { ids: readonly number[] } | { filter: EstateFilter };

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { geojson: 'geojson', csv: 'csv', xlsx: 'xlsx' };

/** The export URL for a format and scope. @example exportUrl('csv', { ids: [1, 2] }) // '/api/export?format=csv&ids=1%2C2' */
export function exportUrl(format: ExportFormat, scope: ExportScope): string {
  const query: Record<string, QueryValue> =
    'ids' in scope
      ? { format, ids: scope.ids.join(',') }
      : {
          format,
          subdistrict: scope.filter.subdistrict,
          district: scope.filter.district,
          bbox: scope.filter.bbox ? scope.filter.bbox.join(',') : undefined,
        };
  return buildUrl('/api/export', query);
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
  let response: Response;
  try {
    response =
      'ids' in scope
        ? await fetch('/api/export', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ format, ids: scope.ids }),
            signal,
          })
        : await fetch(exportUrl(format, scope), { signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', `Cannot reach the server for /api/export: ${String(cause)}`, '/api/export');
  }
  if (!response.ok) {
    let parsed: { code: string; message: string } | null;
    try {
      parsed = parseErrorBody(JSON.parse(await response.text()));
    } catch {
      parsed = null;
    }
    throw new ApiError(
      response.status,
      parsed?.code ?? `http_${response.status}`,
      `${parsed?.message ?? (response.statusText || 'request failed')} (/api/export, HTTP ${response.status})`,
      '/api/export',
    );
  }
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? `estates.${EXTENSIONS[format]}`;
  return { blob, fileName };
}
