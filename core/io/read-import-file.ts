/**
 * Reads a planner's file into one table shape, whatever the format: GeoJSON, a zipped Shapefile,
 * or CSV/XLSX with a WKT geometry column. Runs in the browser (the import wizard) and in Node;
 * input is bytes, never a path.
 *
 * A bad row never throws: its geometry comes back null with `geometryError` set. Only a file that
 * cannot be read at all (wrong kind, no .dbf in the zip, broken JSON) throws, with a message that
 * says what to do.
 */
import type { Geometry } from 'geojson';
import { iter as unzipEntries } from 'but-unzip';
import Papa from 'papaparse';
import { parseDbf, parseShp } from 'shpjs';
import { wktToGeoJSON } from '@terraformer/wkt';
import { isRecord } from '../checks.js';
import { unsupportedCrs } from '../geometry/geojson-crs.js';
import { unescapeFormula } from './csv.js';
import { isGeometryHeader } from './field-matching.js';
import { decodeText, encodingFromCodePage, encodingFromDbfLanguageDriver, isValidUtf8 } from './text-encoding.js';

import type { ImportFormat } from '../contract/index.js';

export type { ImportFormat } from '../contract/index.js';

export interface ImportRow {
  /** 0-based position among the file's data rows (features, records or rows below the header). */
  index: number;
  /** Attribute values by column name: strings, numbers, booleans, Dates or null. */
  values: Record<string, unknown>;
  geometry: Geometry | null;
  /** Why the row's geometry could not be read (bad WKT, broken GeoJSON geometry); null when fine or absent. */
  geometryError: string | null;
  /** A GeoJSON `crs` other than WGS84 declared for this row (by the file, the feature or the geometry): the row is refused. */
  unsupportedCrs?: string;
}

export interface ImportTable {
  format: ImportFormat;
  /** Attribute columns in file order (the geometry column of a CSV/XLSX is not among them). */
  columns: string[];
  rows: ImportRow[];
  /** The Shapefile's .prj text, for guessSourceCrs. */
  prjText: string | null;
  /** The text encoding used (Shapefile .dbf, CSV), null for formats that define their own. */
  encoding: string | null;
  /** The CSV/XLSX column the geometry was read from. */
  geometryColumn: string | null;
}

export interface ImportFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Accepted file name endings, for the file picker's `accept`. */
export const IMPORT_FILE_EXTENSIONS = ['.geojson', '.json', '.zip', '.csv', '.txt', '.xlsx'] as const;

/**
 * Reads an import file by its name's extension.
 * @example const table = await readImportFile({ name: file.name, bytes: await file.arrayBuffer() });
 */
export async function readImportFile(file: ImportFile): Promise<ImportTable> {
  const extension = /\.([^.]+)$/u.exec(file.name.toLowerCase())?.[1] ?? '';
  const bytes = new Uint8Array(file.bytes);
  switch (extension) {
    case 'geojson':
    case 'json':
      return readGeoJson(bytes);
    case 'zip':
      return readZippedShapefile(bytes);
    case 'csv':
    case 'txt':
      return readCsv(bytes);
    case 'xlsx':
      return readXlsx(file.bytes);
    case 'shp':
    case 'dbf':
      throw new Error(`"${file.name}": put the .shp, .shx, .dbf, .prj (and .cpg) of the layer in one .zip and import the .zip.`);
    case 'xls':
      throw new Error(`"${file.name}": the old .xls format is not supported; save it as .xlsx in Excel or WPS and import that.`);
    default:
      throw new Error(
        `"${file.name}": unsupported file type; import GeoJSON (.geojson/.json), a zipped Shapefile (.zip), or CSV/XLSX with a WKT column.`,
      );
  }
}

// ---------------------------------------------------------------- GeoJSON

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** A geometry object of a known type with coordinates (or geometries), else the reason it isn't. */
function checkGeometry(value: unknown): { geometry: Geometry | null; error: string | null } {
  if (value === null || value === undefined) return { geometry: null, error: null };
  if (!isRecord(value) || typeof value.type !== 'string' || !GEOMETRY_TYPES.has(value.type)) {
    return { geometry: null, error: 'not a GeoJSON geometry (no known "type")' };
  }
  const parts = value.type === 'GeometryCollection' ? value.geometries : value.coordinates;
  if (!Array.isArray(parts))
    return { geometry: null, error: `a ${value.type} without ${value.type === 'GeometryCollection' ? 'geometries' : 'coordinates'}` };
  return { geometry: value as unknown as Geometry, error: null };
}

function readGeoJson(bytes: Uint8Array): ImportTable {
  const { text } = decodeText(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`The file is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  let features: unknown[];
  if (isRecord(data) && data.type === 'FeatureCollection' && Array.isArray(data.features)) features = data.features;
  else if (isRecord(data) && data.type === 'Feature') features = [data];
  else if (isRecord(data) && typeof data.type === 'string' && GEOMETRY_TYPES.has(data.type))
    features = [{ type: 'Feature', geometry: data, properties: {} }];
  else throw new Error('The JSON is not GeoJSON: expected a FeatureCollection, a Feature or a geometry.');

  // The 2008 GeoJSON `crs` member: coordinates in another system would be misplaced, so such rows are refused.
  const fileCrs = unsupportedCrs(data.crs);
  const columns = new ColumnSet();
  const rows = features.map((feature, index): ImportRow => {
    if (!isRecord(feature)) return { index, values: {}, geometry: null, geometryError: 'not a GeoJSON Feature' };
    const values = isRecord(feature.properties) ? { ...feature.properties } : {};
    columns.addAll(Object.keys(values));
    const { geometry, error } = checkGeometry(feature.geometry);
    const crs = fileCrs ?? unsupportedCrs(feature.crs) ?? (isRecord(feature.geometry) ? unsupportedCrs(feature.geometry.crs) : null);
    const row: ImportRow = { index, values, geometry, geometryError: error };
    if (crs !== null) row.unsupportedCrs = crs;
    return row;
  });
  return { format: 'geojson', columns: columns.list(), rows, prjText: null, encoding: null, geometryColumn: null };
}

// ---------------------------------------------------------------- Shapefile

interface ZipFiles {
  [lowerCaseName: string]: { name: string; bytes: Uint8Array };
}

async function unzip(bytes: Uint8Array): Promise<ZipFiles> {
  const files: ZipFiles = {};
  try {
    for (const entry of unzipEntries(bytes)) {
      if (entry.filename.includes('__MACOSX/') || entry.filename.endsWith('/')) continue;
      if (!/\.(shp|dbf|prj|cpg)$/iu.test(entry.filename)) continue;
      files[entry.filename.toLowerCase()] = { name: entry.filename, bytes: await entry.read() };
    }
  } catch (error) {
    throw new Error(`The .zip could not be opened: ${(error as Error).message}`, { cause: error });
  }
  return files;
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The .dbf's encoding: the .cpg if it names one, else the language-driver byte, else UTF-8 if valid, else GBK. */
function dbfEncoding(dbf: Uint8Array, cpgText: string | null): string {
  const fromCpg = cpgText === null ? null : encodingFromCodePage(cpgText);
  if (fromCpg) return fromCpg;
  const fromLdid = encodingFromDbfLanguageDriver(dbf);
  if (fromLdid) return fromLdid;
  return isValidUtf8(dbf.subarray(32)) ? 'utf-8' : 'gbk';
}

function cleanDbfValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  if (value instanceof Date && Number.isNaN(value.getTime())) return null;
  return value;
}

async function readZippedShapefile(bytes: Uint8Array): Promise<ImportTable> {
  const files = await unzip(bytes);
  const shpNames = Object.keys(files).filter((name) => name.endsWith('.shp'));
  if (shpNames.length === 0) throw new Error('A .zip must contain a .shp and a .dbf (this one has no .shp).');
  if (shpNames.length > 1) {
    throw new Error(
      `The .zip holds ${shpNames.length} Shapefiles (${shpNames.map((n) => files[n]?.name).join(', ')}); zip one layer per file.`,
    );
  }
  const base = (shpNames[0] ?? '').slice(0, -4);
  const shp = files[`${base}.shp`];
  const dbf = files[`${base}.dbf`];
  if (!shp || !dbf) throw new Error(`A .zip must contain a .shp and a .dbf (this one has no ${base}.dbf).`);
  const prjText = files[`${base}.prj`] ? new TextDecoder().decode(files[`${base}.prj`]?.bytes).trim() : null;
  const cpgText = files[`${base}.cpg`] ? new TextDecoder().decode(files[`${base}.cpg`]?.bytes).trim() : null;
  const encoding = dbfEncoding(dbf.bytes, cpgText);

  let geometries: (Geometry | null)[];
  let records: Record<string, unknown>[];
  try {
    geometries = parseShp(dataView(shp.bytes), prjText ?? undefined);
  } catch (error) {
    throw new Error(`The .shp could not be read: ${(error as Error).message}`, { cause: error });
  }
  try {
    records = parseDbf(dataView(dbf.bytes), encoding);
  } catch (error) {
    throw new Error(`The .dbf could not be read: ${(error as Error).message}`, { cause: error });
  }

  const columns = new ColumnSet();
  const rows: ImportRow[] = [];
  for (let index = 0; index < Math.max(geometries.length, records.length); index++) {
    const record = records[index] ?? {};
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) values[key] = cleanDbfValue(value);
    columns.addAll(Object.keys(values));
    const { geometry, error } = checkGeometry(geometries[index] ?? null);
    rows.push({ index, values, geometry, geometryError: error });
  }
  return { format: 'shapefile', columns: columns.list(), rows, prjText, encoding, geometryColumn: null };
}

// ---------------------------------------------------------------- CSV / XLSX

/** A totals row at the bottom of a ledger (合计/总计/小计/Total) is not an estate. */
const TOTALS_LABEL = /^(合计|总计|小计|total|totals|sum)$/iu;
const WKT_START = /^\s*(SRID=\d+;\s*)?(MULTI)?(POLYGON|POINT|LINESTRING)\b/iu;

/** Parses one WKT cell; EWKT's "SRID=4326;" prefix is accepted. */
export function parseWktCell(value: unknown): { geometry: Geometry | null; error: string | null } {
  if (value === null || value === undefined) return { geometry: null, error: null };
  const text = String(value)
    .trim()
    .replace(/^SRID=\d+;\s*/iu, '');
  if (text === '') return { geometry: null, error: null };
  try {
    const geometry = wktToGeoJSON(text);
    return checkGeometry(geometry);
  } catch (error) {
    // The WKT parser's message spans lines (a caret drawing); its last line says what it expected.
    const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n').pop() ?? '';
    return { geometry: null, error: `WKT could not be parsed (${reason}): "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"` };
  }
}

/** Column names that are unique and non-empty. */
function uniqueHeaders(cells: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const text = cellToText(cell).trim();
    const base = text === '' ? `column_${i + 1}` : text;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The WKT column: by header first, else the first column whose first filled cell looks like WKT. */
function findGeometryColumn(headers: readonly string[], body: readonly (readonly unknown[])[]): number {
  const byHeader = headers.findIndex(isGeometryHeader);
  if (byHeader >= 0) return byHeader;
  return headers.findIndex((_header, i) => {
    const first = body.map((row) => row[i]).find((cell) => !isBlank(cell));
    return typeof first === 'string' && WKT_START.test(first);
  });
}

function tableFromGrid(format: 'csv' | 'xlsx', grid: readonly (readonly unknown[])[], encoding: string | null): ImportTable {
  const [headerCells = [], ...body] = grid;
  const headers = uniqueHeaders(headerCells);
  const geometryIndex = findGeometryColumn(headers, body);
  const dataRows = body.filter((cells) => cells.some((cell) => !isBlank(cell)));
  while (dataRows.length > 0) {
    const last = dataRows[dataRows.length - 1] ?? [];
    const hasGeometry = geometryIndex >= 0 && !isBlank(last[geometryIndex]);
    if (hasGeometry || !last.some((cell) => typeof cell === 'string' && TOTALS_LABEL.test(cell.trim()))) break;
    dataRows.pop();
  }
  const rows = dataRows.map((cells, index): ImportRow => {
    const values: Record<string, unknown> = {};
    headers.forEach((header, i) => {
      if (i !== geometryIndex) values[header] = cells[i] ?? null;
    });
    const { geometry, error } = geometryIndex >= 0 ? parseWktCell(cells[geometryIndex]) : { geometry: null, error: null };
    return { index, values, geometry, geometryError: error };
  });
  return {
    format,
    columns: headers.filter((_h, i) => i !== geometryIndex),
    rows,
    prjText: null,
    encoding,
    geometryColumn: geometryIndex >= 0 ? (headers[geometryIndex] ?? null) : null,
  };
}

function readCsv(bytes: Uint8Array): ImportTable {
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Delimiter' && parsed.data.length === 0);
  if (fatal) throw new Error(`The CSV could not be read: ${fatal.message}`);
  if (parsed.data.length === 0) throw new Error('The CSV is empty: it needs a header row and one row per estate.');
  const grid = parsed.data.map((row, i) => (i === 0 ? row : row.map(unescapeFormula)));
  return tableFromGrid('csv', grid, encoding);
}

/** Header row: the first of the first rows with at least two distinct filled cells (skips a merged title row). */
const HEADER_SEARCH_ROWS = 10;

async function readXlsx(bytes: ArrayBuffer): Promise<ImportTable> {
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch (error) {
    throw new Error(`The .xlsx could not be opened: ${(error as Error).message}`, { cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('The .xlsx has no worksheet.');
  const width = sheet.columnCount;
  const grid: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: unknown[] = [];
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      // Only the master cell of a merged range carries the value.
      cells.push(cell.isMerged && cell.master.address !== cell.address ? null : xlsxCellValue(cell.value));
    }
    grid[rowNumber - 1] = cells;
  });
  const filled = Array.from(grid, (row) => row ?? []);
  const headerIndex = filled
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => new Set(row.filter((c) => !isBlank(c)).map(cellToText)).size >= 2);
  if (headerIndex < 0) throw new Error('The first sheet of the .xlsx has no header row (a row of column names).');
  return tableFromGrid('xlsx', filled.slice(headerIndex), null);
}

/** A plain value from an exceljs cell value (formula → its result, rich text → its text, hyperlink → its text). */
function xlsxCellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.richText)) {
    return record.richText.map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  if ('formula' in record || 'sharedFormula' in record) return xlsxCellValue(record.result);
  if (typeof record.text === 'string') return record.text;
  if ('error' in record) return null;
  return null;
}

/** Column names in order of first appearance. */
class ColumnSet {
  private readonly names = new Set<string>();
  addAll(keys: readonly string[]): void {
    for (const key of keys) this.names.add(key);
  }
  list(): string[] {
    return [...this.names];
  }
}
