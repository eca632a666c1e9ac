/**
 * Import table + field mapping + source coordinate system → estate Features ready for
 * POST /api/imports/validate, each with the problems found without a database.
 *
 * Checked here: the name, every field rule of core/estate-schema.ts, geometry presence and type,
 * unparseable WKT, rings too short to be a polygon, non-numeric or out-of-range coordinates, a
 * GeoJSON `crs` other than WGS84.
 * Left to PostGIS (the truth, via /api/imports/validate): validity such as self-intersection
 * (a bow-tie parses into a Polygon here and PostGIS reports `Self-intersection[…]`), overlaps and
 * duplicates of stored estates.
 */
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { parseEstateFields, type EstateFieldsInput } from '../estate-schema.js';
import { problemMessage, type ImportRowProblemCode, type ProblemParams } from '../problems.js';
import { coerceLedgerValue } from './coerce-value.js';
import { ledgerColumn, ZONE_COLUMN, type ImportColumnKey, type LedgerFieldKey } from './ledger-columns.js';
import type { ImportRow, ImportTable } from './read-import-file.js';
import { toWgs84, type SourceCrs } from './source-crs.js';

/** Problem codes found on the client: those of core/problems.ts the server also reports. */
export type RowProblemCode = Extract<
  ImportRowProblemCode,
  | 'missing_name'
  | 'invalid_field'
  | 'empty_geometry'
  | 'invalid_geometry'
  | 'wrong_geometry_type'
  | 'coordinates_out_of_range'
  | 'unsupported_crs'
>;

export interface RowProblem {
  code: RowProblemCode;
  /** English wording; the UI words it in its language from `code` and `params` (core/problems.ts). */
  message: string;
  params: ProblemParams;
  /** The ledger field concerned (invalid_field). */
  field?: LedgerFieldKey;
}

function rowProblem(code: RowProblemCode, params: ProblemParams = {}, field?: LedgerFieldKey): RowProblem {
  const problem: RowProblem = { code, message: problemMessage(code, params, 'en'), params };
  if (field !== undefined) problem.field = field;
  return problem;
}

/** Options of the mapping beyond the column → field choices. */
export interface MapRowsOptions {
  /**
   * How to name a row the file leaves unnamed: `{column}` is replaced by that column's value and
   * `{#}` by the row number (1-based), e.g. `OSM {osm_id}` or `未命名小区 {#}`. Empty = such rows are refused.
   */
  namePattern?: string;
  /** For the year-built rule; defaults to this year. */
  currentYear?: number;
}

/**
 * A name built from a pattern for one row; '' when a column it names is empty in this row.
 * @example nameFromPattern('OSM {osm_id}', { index: 0, values: { osm_id: 42 }, geometry: null, geometryError: null }) // 'OSM 42'
 */
export function nameFromPattern(pattern: string, row: Pick<ImportRow, 'index' | 'values'>): string {
  let missing = false;
  const name = pattern.replace(/\{([^{}]+)\}/gu, (_match, column: string) => {
    if (column === '#') return String(row.index + 1);
    const value = row.values[column];
    if (value === null || value === undefined || String(value).trim() === '') {
      missing = true;
      return '';
    }
    return String(value).trim();
  });
  return missing ? '' : name.trim();
}

/** Unit names as the file gives them; the server places an estate by its polygon, these are for display. */
export interface ImportedUnitNames {
  district?: string;
  subdistrict?: string;
  community?: string;
}

/**
 * An import feature's properties: the ledger fields and, when the file names one, the zone (片区)
 * the estate is to join. The server groups the rows by `zone` and creates those zones with the
 * estates (server/features/imports); the GeoJSON export writes the same property.
 */
export type ImportFeatureProperties = EstateFieldsInput & { [ZONE_COLUMN.key]?: string };

export interface MappedRow {
  index: number;
  /** WGS84 copy of the row's polygon with the ledger fields (and zone); null when there is no usable polygon. */
  feature: Feature<Polygon | MultiPolygon, ImportFeatureProperties> | null;
  /** The row's fields even when the geometry is unusable (for the preview table). */
  properties: EstateFieldsInput;
  unitNames: ImportedUnitNames;
  /** The zone (片区) the file puts the estate in, or null. */
  zone: string | null;
  problems: RowProblem[];
}

const UNIT_KEYS = new Set<LedgerFieldKey>(['district', 'subdistrict', 'community']);

/**
 * Maps every row of an import table to an estate Feature in WGS84, with its problems.
 * Never throws on a bad row. The input table is not modified.
 * @example mapRowsToEstates(table, autoMatchFields(table.columns), 'gcj02')
 */
export function mapRowsToEstates(
  table: ImportTable,
  mapping: Readonly<Record<string, ImportColumnKey | null>>,
  crs: SourceCrs,
  options: MapRowsOptions = {},
): MappedRow[] {
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const mapped = Object.entries(mapping).filter(
    (entry): entry is [string, LedgerFieldKey] => entry[1] !== null && entry[1] !== ZONE_COLUMN.key,
  );
  const zoneSource = Object.entries(mapping).find((entry) => entry[1] === ZONE_COLUMN.key)?.[0];
  return table.rows.map((row) => {
    const problems: RowProblem[] = [];
    const fields: Record<string, unknown> = {};
    const unitNames: ImportedUnitNames = {};
    const zone = zoneSource === undefined ? null : zoneName(row.values[zoneSource]);
    for (const [source, key] of mapped) {
      const column = ledgerColumn(key);
      if (!column.importable && !UNIT_KEYS.has(key)) continue;
      const result = coerceLedgerValue(column.kind, row.values[source]);
      if (result.ok === 'empty') continue;
      if (result.ok === false) {
        problems.push(
          rowProblem(
            'invalid_field',
            { field: key, rule: 'not_a_value', value: String(row.values[source]), column: source, detail: result.reason },
            key,
          ),
        );
        continue;
      }
      if (UNIT_KEYS.has(key)) {
        if (typeof result.value === 'string' && result.value !== '') unitNames[key as keyof ImportedUnitNames] = result.value;
        continue;
      }
      fields[key] = result.value;
    }
    if ((typeof fields.name !== 'string' || fields.name.trim() === '') && options.namePattern) {
      const generated = nameFromPattern(options.namePattern, row);
      if (generated !== '') fields.name = generated;
    }
    if (typeof fields.name !== 'string' || fields.name.trim() === '') {
      problems.push(rowProblem('missing_name'));
      delete fields.name;
    }
    if (fields.eligibilityOverride === null) delete fields.eligibilityOverrideReason;
    else if (fields.eligibilityOverrideReason === undefined && fields.eligibilityOverride !== undefined)
      fields.eligibilityOverrideReason = null;

    const checked = parseEstateFields({ name: '-', ...fields }, currentYear);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        if (issue.field === '') continue;
        problems.push(
          rowProblem('invalid_field', { ...issue.params, field: issue.field, rule: issue.code }, issue.field as LedgerFieldKey),
        );
        delete fields[issue.field];
      }
    }
    const properties = fields as EstateFieldsInput;

    const geometry = checkImportGeometry(row.geometry, row.geometryError);
    let feature: MappedRow['feature'] = null;
    if (row.unsupportedCrs !== undefined) {
      problems.push(rowProblem('unsupported_crs', { crs: row.unsupportedCrs }));
    } else if (geometry.ok) {
      const wgs84 = toWgs84(geometry.value, crs);
      const range = outOfRangeReason(wgs84);
      if (range) problems.push(rowProblem('coordinates_out_of_range', { detail: range }));
      feature = { type: 'Feature', geometry: wgs84, properties: zone === null ? properties : { ...properties, [ZONE_COLUMN.key]: zone } };
    } else {
      problems.push(geometry.problem);
    }
    return { index: row.index, feature, properties, unitNames, zone, problems };
  });
}

/** A zone cell as text ('' and blanks: no zone); the server checks the name's rules. */
function zoneName(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '').trim();
  return text === '' ? null : text;
}

type GeometryCheck = { ok: true; value: Polygon | MultiPolygon } | { ok: false; problem: RowProblem };

/** Minimum positions of a closed polygon ring (a triangle plus the closing point). */
const MIN_RING_POSITIONS = 4;

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

/** A 2-D copy of the rings (Shapefile PolygonZ and GeoJSON with heights carry a third number), or why it is no polygon. */
function polygonRings(rings: unknown): { ok: true; value: Position[][] } | { ok: false; reason: string } {
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, reason: 'a polygon without rings' };
  const out: Position[][] = [];
  for (const ring of rings) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return { ok: false, reason: 'a ring with coordinates that are not numbers' };
    if (ring.length < MIN_RING_POSITIONS) {
      return { ok: false, reason: `a ring of ${ring.length} positions; a polygon ring needs at least ${MIN_RING_POSITIONS}` };
    }
    const positions = ring.map((p: Position): Position => [p[0] ?? NaN, p[1] ?? NaN]);
    const first = positions[0] ?? [];
    const last = positions[positions.length - 1] ?? [];
    if (first[0] !== last[0] || first[1] !== last[1]) positions.push([first[0] ?? NaN, first[1] ?? NaN]);
    out.push(positions);
  }
  return { ok: true, value: out };
}

/**
 * The row's geometry as a Polygon or MultiPolygon fit to send, or the problem with it.
 * @example checkImportGeometry({ type: 'Point', coordinates: [1, 2] }, null) // { ok: false, problem: { code: 'wrong_geometry_type', … } }
 */
export function checkImportGeometry(geometry: Geometry | null, geometryError: string | null): GeometryCheck {
  if (geometryError) return { ok: false, problem: rowProblem('invalid_geometry', { reason: geometryError }) };
  if (!geometry) return { ok: false, problem: rowProblem('empty_geometry') };
  if (geometry.type === 'Polygon') {
    const rings = polygonRings(geometry.coordinates);
    return rings.ok
      ? { ok: true, value: { type: 'Polygon', coordinates: rings.value } }
      : { ok: false, problem: rowProblem('invalid_geometry', { reason: rings.reason }) };
  }
  if (geometry.type === 'MultiPolygon') {
    if (geometry.coordinates.length === 0) return { ok: false, problem: rowProblem('empty_geometry') };
    const polygons: Position[][][] = [];
    for (const polygon of geometry.coordinates) {
      const rings = polygonRings(polygon);
      if (!rings.ok) return { ok: false, problem: rowProblem('invalid_geometry', { reason: rings.reason }) };
      polygons.push(rings.value);
    }
    return { ok: true, value: { type: 'MultiPolygon', coordinates: polygons } };
  }
  return { ok: false, problem: rowProblem('wrong_geometry_type', { type: geometry.type }) };
}

function outOfRangeReason(geometry: Polygon | MultiPolygon): string | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lng = NaN, lat = NaN] of ring) {
        if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
          return `coordinate [${lng}, ${lat}] is not a longitude/latitude; is the file in a projected system without a .prj?`;
        }
      }
    }
  }
  return null;
}
