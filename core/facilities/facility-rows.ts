/**
 * An imported table (core/io/read-import-file.ts: GeoJSON, zipped Shapefile, CSV, XLSX) read as
 * facilities: a point from the geometry or from longitude/latitude columns, converted from the
 * source coordinate system; a catalogue type from a category column (see facility-type-labels.ts);
 * a name. Rows that give no point or no known type say why, and are left out of the import.
 */
import type { ImportTable } from '../io/read-import-file.js';
import { positionToWgs84, type SourceCrs } from '../io/source-crs.js';
import type { FacilityTypeId } from '../facility-catalogue.js';
import { facilityTypeOfLabel } from './facility-type-labels.js';

const LNG_HEADERS = /^(lng|lon|long|longitude|x|经度|经度坐标)$/i;
const LAT_HEADERS = /^(lat|latitude|y|纬度|纬度坐标)$/i;
const NAME_HEADERS = /^(name|name:zh|名称|设施名称|名字)$/i;
/** Category columns, most specific first: a planner's own column, then OSM's tag keys. */
const TYPE_HEADERS = [
  /^(type|类型|设施类型|类别|设施类别|分类|category)$/i,
  /^(amenity|shop|leisure|healthcare|social_facility|highway)$/i,
];

export type FacilityRowProblem = 'no_point' | 'unknown_type';

export interface FacilityImportRow {
  /** 0-based data row of the file. */
  index: number;
  name: string;
  /** The category text the type was read from ('' when the row has none). */
  typeLabel: string;
  type: FacilityTypeId | null;
  /** WGS84 [lng, lat], or null. */
  lngLat: [number, number] | null;
  problem: FacilityRowProblem | null;
}

export interface FacilityColumns {
  lng: string | null;
  lat: string | null;
  name: string | null;
  /** Columns tried in order for a category. */
  types: string[];
}

/** The columns of a table that hold a facility's longitude, latitude, name and category. */
export function facilityColumnsOf(columns: readonly string[]): FacilityColumns {
  const find = (pattern: RegExp) => columns.find((c) => pattern.test(c.trim())) ?? null;
  return {
    lng: find(LNG_HEADERS),
    lat: find(LAT_HEADERS),
    name: find(NAME_HEADERS),
    types: TYPE_HEADERS.flatMap((pattern) => columns.filter((c) => pattern.test(c.trim()))),
  };
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

function pointOf(row: ImportTable['rows'][number], columns: FacilityColumns): [number, number] | null {
  const geometry = row.geometry;
  if (geometry?.type === 'Point') {
    const [lng, lat] = geometry.coordinates;
    return lng !== undefined && lat !== undefined && Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null;
  }
  if (geometry?.type === 'MultiPoint' && geometry.coordinates.length === 1) {
    const [lng, lat] = geometry.coordinates[0] ?? [];
    return lng !== undefined && lat !== undefined ? [lng, lat] : null;
  }
  if (columns.lng === null || columns.lat === null) return null;
  const lng = numberOf(row.values[columns.lng]);
  const lat = numberOf(row.values[columns.lat]);
  return lng !== null && lat !== null ? [lng, lat] : null;
}

/** The label and type of the first category column whose text names a catalogue type (else the first filled one). */
function typeOf(values: Record<string, unknown>, columns: FacilityColumns): { typeLabel: string; type: FacilityTypeId | null } {
  let firstLabel = '';
  for (const column of columns.types) {
    const label = textOf(values[column]);
    if (label === '') continue;
    const type = facilityTypeOfLabel(label);
    if (type) return { typeLabel: label, type };
    if (firstLabel === '') firstLabel = label;
  }
  return { typeLabel: firstLabel, type: null };
}

/**
 * The table's rows as facilities, points converted from `crs` to WGS84.
 * @example facilityRowsOf(await readImportFile(file), 'gcj02').filter((r) => r.problem === null)
 */
export function facilityRowsOf(table: ImportTable, crs: SourceCrs): FacilityImportRow[] {
  const columns = facilityColumnsOf(table.columns);
  return table.rows.map((row): FacilityImportRow => {
    const point = row.unsupportedCrs ? null : pointOf(row, columns);
    const lngLat = point && Math.abs(point[0]) <= 180 && Math.abs(point[1]) <= 90 ? positionToWgs84(point, crs) : null;
    const { typeLabel, type } = typeOf(row.values, columns);
    const name = columns.name === null ? '' : textOf(row.values[columns.name]);
    const problem: FacilityRowProblem | null = lngLat === null ? 'no_point' : type === null ? 'unknown_type' : null;
    return { index: row.index, name, typeLabel, type, lngLat, problem };
  });
}
