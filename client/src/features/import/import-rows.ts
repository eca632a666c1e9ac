/**
 * Pure row work of the import wizard: samples for the mapping table, checks of the mapping, the
 * preview rows (local problems from the file plus the server's report) and what gets committed.
 */
import type { Geometry, Position } from 'geojson';
import type { ImportFeature, ImportProblem, ImportRowReport } from '../../api';
import type { ImportColumnKey } from '../../../../core/io/ledger-columns';
import { mapRowsToEstates, type MappedRow, type MapRowsOptions } from '../../../../core/io/map-rows';
import type { ImportTable } from '../../../../core/io/read-import-file';
import type { SourceCrs } from '../../../../core/io/source-crs';

export type FieldMapping = Record<string, ImportColumnKey | null>;

/** One row of the preview: the source row, its converted estate (null when unusable) and all its problems. */
export interface PreviewRow {
  /** 0-based index of the row in the file. */
  sourceIndex: number;
  name: string;
  feature: ImportFeature | null;
  landAreaM2: number | null;
  problems: ImportProblem[];
}

/** Rows handled per batch before yielding to the browser, so a 10 000-row file keeps the UI responsive. */
export const ROWS_PER_BATCH = 500;

/** Lets the browser paint and handle input between batches of work. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
}

/**
 * Up to `count` distinct non-empty values of a column, for the mapping table.
 * @example sampleValues(table, '小区名称', 3) // ['幸福里', '建设小区', '东风新村']
 */
export function sampleValues(table: ImportTable, column: string, count = 3): string[] {
  const found = new Set<string>();
  for (const row of table.rows) {
    const text = cellText(row.values[column]);
    if (text) found.add(text.length > 40 ? `${text.slice(0, 40)}…` : text);
    if (found.size >= count) break;
  }
  return [...found];
}

export type MappingIssue = { kind: 'nameRequired' } | { kind: 'duplicateField'; field: ImportColumnKey };

/**
 * What stops a mapping from being used: neither a name column nor a name pattern, or a ledger
 * field fed by two columns.
 */
export function mappingIssues(mapping: FieldMapping, namePattern = ''): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const fields = Object.values(mapping).filter((f): f is ImportColumnKey => f !== null);
  if (!fields.includes('name') && namePattern.trim() === '') issues.push({ kind: 'nameRequired' });
  const seen = new Set<ImportColumnKey>();
  const reported = new Set<ImportColumnKey>();
  for (const field of fields) {
    if (seen.has(field) && !reported.has(field)) {
      issues.push({ kind: 'duplicateField', field });
      reported.add(field);
    }
    seen.add(field);
  }
  return issues;
}

/** The first [lng, lat] of a geometry, for guessing its coordinate system. */
export function firstPosition(geometry: Geometry | null): [number, number] | undefined {
  if (!geometry) return undefined;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const p = firstPosition(g);
      if (p) return p;
    }
    return undefined;
  }
  let node: unknown = geometry.coordinates;
  while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
  const position = node as Position | undefined;
  const [lng, lat] = position ?? [];
  return typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : undefined;
}

/** A sample coordinate of the file: the first row that has a geometry. */
export function sampleLngLat(table: ImportTable): [number, number] | undefined {
  for (const row of table.rows) {
    const p = firstPosition(row.geometry);
    if (p) return p;
  }
  return undefined;
}

/**
 * Adds the server's report (indexed by position in the list of sent features) to the rows.
 * @example withServerReport(rows, [{ index: 0, landAreaM2: 812, problems: [] }])
 */
export function withServerReport(rows: readonly PreviewRow[], report: readonly ImportRowReport[]): PreviewRow[] {
  const sent = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.feature !== null);
  const next = rows.map((row) => ({ ...row, problems: [...row.problems] }));
  for (const entry of report) {
    const target = sent[entry.index];
    const row = target ? next[target.i] : undefined;
    if (!row) continue;
    row.landAreaM2 = entry.landAreaM2;
    for (const problem of entry.problems) {
      // The server repeats some checks made in the browser (a missing name); show each once.
      const known = row.problems.some((p) => p.code === problem.code && (p.message === problem.message || problem.code === 'missing_name'));
      if (!known) row.problems.push(problem);
    }
  }
  return next;
}

/** The features to send for validation, in row order (rows without a usable feature are left out). */
export function featuresToValidate(rows: readonly PreviewRow[]): ImportFeature[] {
  return rows.flatMap((row) => (row.feature ? [row.feature] : []));
}

/** Rows skipped by default: every row with a problem. */
export function defaultSkipped(rows: readonly PreviewRow[]): Set<number> {
  const skipped = new Set<number>();
  rows.forEach((row, i) => {
    if (row.problems.length > 0 || row.feature === null) skipped.add(i);
  });
  return skipped;
}

/** The features to commit: rows not skipped that have a feature. */
export function acceptedFeatures(rows: readonly PreviewRow[], skipped: ReadonlySet<number>): ImportFeature[] {
  return rows.flatMap((row, i) => (row.feature && !skipped.has(i) ? [row.feature] : []));
}

/** Indexes (among rows with a feature, i.e. in the preview layer's data) of problem rows and skipped rows. */
export function previewIndexes(
  rows: readonly PreviewRow[],
  skipped: ReadonlySet<number>,
): { problemIndexes: number[]; skippedIndexes: number[] } {
  const problemIndexes: number[] = [];
  const skippedIndexes: number[] = [];
  let layerIndex = 0;
  rows.forEach((row, i) => {
    if (!row.feature) return;
    if (row.problems.length > 0) problemIndexes.push(layerIndex);
    if (skipped.has(i)) skippedIndexes.push(layerIndex);
    layerIndex += 1;
  });
  return { problemIndexes, skippedIndexes };
}

/** "layer.zip" → "layer": the default layer name. */
export function layerNameOf(fileName: string): string {
  return fileName.replace(/\.[^.]+$/u, '') || fileName;
}

/** A preview row from a mapped row (core/io/map-rows.ts). */
export function previewRowOf(mapped: MappedRow): PreviewRow {
  return {
    sourceIndex: mapped.index,
    name: typeof mapped.properties.name === 'string' ? mapped.properties.name : '',
    feature: mapped.feature as ImportFeature | null,
    landAreaM2: null,
    problems: mapped.problems.map((p) => ({ code: p.code, message: p.message, params: p.params })),
  };
}

/**
 * mapRowsToEstates over slices of the table, yielding to the browser between slices so that
 * converting 10 000 rows does not freeze the page.
 */
export async function mapRowsInBatches(
  table: ImportTable,
  mapping: FieldMapping,
  crs: SourceCrs,
  options: MapRowsOptions = {},
  batchSize = ROWS_PER_BATCH,
): Promise<PreviewRow[]> {
  const out: PreviewRow[] = [];
  for (let start = 0; start < table.rows.length; start += batchSize) {
    const slice: ImportTable = { ...table, rows: table.rows.slice(start, start + batchSize) };
    for (const mapped of mapRowsToEstates(slice, mapping, crs, options)) out.push(previewRowOf(mapped));
    await yieldToBrowser();
  }
  return out;
}
