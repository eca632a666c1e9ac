/**
 * Import of many estates: a per-row report (validate) and an all-or-nothing commit.
 * Set-based: the rows go into a temporary table in batches, every rule is one SQL statement
 * over all rows, and the commit is one INSERT … SELECT from that table.
 */
import type { EstateFields } from '../../core/estate-schema.js';
import type { Db, Executor, Queryable } from '../db/index.js';
import { HttpError } from '../errors.js';
import { givenUnitCodes, parseEstateFields, writableProperties, type UnitCodeField } from './estate-fields.js';
import { ESTATE_WRITE_LOCK_KEY } from './estate-writes.service.js';
import { DUPLICATE_DISTANCE_M, MAX_ESTATE_VERTICES, MAX_OVERLAP_M2, type GeometryProblemCode } from './geometry-checks.js';

// The formats and source systems are those the client's file readers produce (core/io).
import type {
  ImportFormat,
  ImportLayerInput,
  ImportProblem as ContractImportProblem,
  ImportRowReport as ContractImportRowReport,
} from '../../core/api-contract.js';
import type { SourceCrs } from '../../core/io/source-crs.js';

export type { ImportLayerInput };

/** Rows per INSERT into the working table: big enough to be fast, small enough for one message. */
const BATCH_ROWS = 1000;

export type ImportProblemCode =
  | GeometryProblemCode
  | 'missing_name'
  | 'invalid_field'
  | 'overlap_existing'
  | 'overlap_in_file'
  | 'duplicate';

/** Problems that `allowOverlap` turns from refusals into accepted facts. */
const OVERLAP_CODES: ReadonlySet<ImportProblemCode> = new Set(['overlap_existing', 'overlap_in_file']);

export interface ImportProblem extends ContractImportProblem {
  code: ImportProblemCode;
}

export interface ImportRowReport extends Omit<ContractImportRowReport, 'problems'> {
  problems: ImportProblem[];
}

export interface ImportLayer extends ImportLayerInput {
  id: number;
  featureCount: number;
  createdAt: string;
}

export interface ImportResult {
  layerId: number;
  inserted: number;
  ids: number[];
}

interface PreparedRow {
  index: number;
  fields: EstateFields | null;
  name: string | null;
  code: string | null;
  units: Record<UnitCodeField, string | null>;
  geometry: unknown;
  problems: ImportProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field rules of one row, in TypeScript (core/estate-schema.ts), before anything reaches SQL. */
function prepareRow(feature: unknown, index: number, currentYear: number): PreparedRow {
  const record = isRecord(feature) ? feature : {};
  const properties = writableProperties(record.properties);
  const result = parseEstateFields(properties, currentYear);
  const problems: ImportProblem[] = [];
  const rawName = typeof properties.name === 'string' ? properties.name.trim() : '';
  if (!result.ok) {
    for (const issue of result.issues) {
      if (issue.field === 'name' && rawName === '') {
        problems.push({ code: 'missing_name', message: 'the estate has no name' });
      } else {
        problems.push({ code: 'invalid_field', message: issue.message, details: { field: issue.field } });
      }
    }
  }
  const fields = result.ok ? result.value : null;
  return {
    index,
    fields,
    name: fields?.name ?? (rawName === '' ? null : rawName),
    code: fields && fields.code !== '' ? fields.code : null,
    units: fields ? givenUnitCodes(properties) : { districtCode: null, subdistrictCode: null, communityCode: null },
    geometry: record.geometry ?? null,
    problems,
  };
}

/** Two rows of one file may not share an estate code (the ledger's codes are unique). */
function flagCodesRepeatedInFile(rows: readonly PreparedRow[]): void {
  const firstByCode = new Map<string, number>();
  for (const row of rows) {
    if (row.code === null) continue;
    const first = firstByCode.get(row.code);
    if (first === undefined) {
      firstByCode.set(row.code, row.index);
    } else {
      row.problems.push({
        code: 'invalid_field',
        message: `code: "${row.code}" is also used by row ${first}`,
        details: { field: 'code', otherIndex: first },
      });
    }
  }
}

const CREATE_WORK_TABLE = `CREATE TEMP TABLE import_rows (
    idx integer PRIMARY KEY,
    name text,
    code text,
    district_code text,
    subdistrict_code text,
    community_code text,
    fields json,
    geom geometry,
    problem_code text,
    problem_message text,
    new_id integer
  ) ON COMMIT DROP`;

// Each batch is a JSON array of { idx, name, code, units…, fields, geometry }; the geometry goes
// through estate_geometry_check (migration 003), which never throws, so one bad row cannot abort the rest.
const INSERT_WORK_ROWS = `INSERT INTO import_rows
    (idx, name, code, district_code, subdistrict_code, community_code, fields, geom, problem_code, problem_message)
  SELECT (r->>'idx')::int, r->>'name', r->>'code', r->>'districtCode', r->>'subdistrictCode', r->>'communityCode',
         r->'fields', c.geom, c.problem_code, c.problem_message
  FROM json_array_elements($1::json) AS r, LATERAL estate_geometry_check(r->>'geometry', $2) AS c`;

async function loadWorkTable(tx: Executor, rows: readonly PreparedRow[]): Promise<void> {
  await tx.exec(CREATE_WORK_TABLE);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS).map((row) => ({
      idx: row.index,
      name: row.name,
      code: row.code,
      ...row.units,
      fields: row.fields,
      geometry: row.geometry,
    }));
    await tx.query(INSERT_WORK_ROWS, [JSON.stringify(batch), MAX_ESTATE_VERTICES]);
  }
  // Temporary tables are never auto-analysed; without statistics the joins below would not use the index.
  await tx.exec('CREATE INDEX import_rows_geom_gix ON import_rows USING gist (geom); ANALYZE import_rows;');
}

const UNIT_CHECKS: readonly { field: UnitCodeField; column: string; table: string; label: string }[] = [
  { field: 'districtCode', column: 'district_code', table: 'districts', label: 'district' },
  { field: 'subdistrictCode', column: 'subdistrict_code', table: 'subdistricts', label: 'sub-district' },
  { field: 'communityCode', column: 'community_code', table: 'communities', label: 'community' },
];

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Runs every rule over the work table and adds the problems found to `rows` (indexed by row index). */
async function checkWorkTable(tx: Queryable, rows: readonly PreparedRow[], checkOverlaps: boolean): Promise<Map<number, number>> {
  const add = (index: number, problem: ImportProblem): void => {
    rows[index]?.problems.push(problem);
  };
  const landAreas = new Map<number, number>();

  const geometryRows = await tx.query<{ idx: number; problem_code: string | null; problem_message: string | null; land_area_m2: number | null }>(
    `SELECT idx, problem_code, problem_message, ST_Area(geom::geography) AS land_area_m2 FROM import_rows`,
  );
  for (const row of geometryRows) {
    if (row.problem_code !== null) {
      add(row.idx, { code: row.problem_code as GeometryProblemCode, message: row.problem_message ?? row.problem_code });
    } else if (row.land_area_m2 !== null) {
      landAreas.set(row.idx, round(row.land_area_m2, 2));
    }
  }

  for (const unit of UNIT_CHECKS) {
    const unknown = await tx.query<{ idx: number; code: string }>(
      `SELECT r.idx, r.${unit.column} AS code FROM import_rows r
       WHERE r.${unit.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${unit.table} u WHERE u.code = r.${unit.column})`,
    );
    for (const row of unknown) {
      add(row.idx, {
        code: 'invalid_field',
        message: `${unit.field}: unknown ${unit.label} code "${row.code}"`,
        details: { field: unit.field },
      });
    }
  }

  const codeClashes = await tx.query<{ idx: number; code: string; id: number; name: string }>(
    'SELECT r.idx, r.code, e.id, e.name FROM import_rows r JOIN estates e ON e.code = r.code',
  );
  for (const row of codeClashes) {
    add(row.idx, {
      code: 'invalid_field',
      message: `code: "${row.code}" is already used by estate ${row.name} (id ${row.id})`,
      details: { field: 'code', id: row.id, name: row.name },
    });
  }

  if (checkOverlaps) {
    const existing = await tx.query<{ idx: number; id: number; name: string; overlap_m2: number }>(
      `SELECT idx, id, name, overlap_m2 FROM (
         SELECT r.idx, e.id, e.name, ST_Area(ST_Intersection(r.geom, e.geom)::geography) AS overlap_m2
         FROM import_rows r JOIN estates e ON ST_Intersects(r.geom, e.geom)
       ) o WHERE overlap_m2 > $1 ORDER BY idx, overlap_m2 DESC`,
      [MAX_OVERLAP_M2],
    );
    const byRow = new Map<number, { id: number; name: string; overlapM2: number }[]>();
    for (const row of existing) {
      const list = byRow.get(row.idx) ?? [];
      list.push({ id: row.id, name: row.name, overlapM2: round(row.overlap_m2, 1) });
      byRow.set(row.idx, list);
    }
    for (const [idx, overlaps] of byRow) {
      const names = overlaps.map((o) => `${o.name} (id ${o.id}, ${o.overlapM2.toFixed(1)} m²)`).join(', ');
      add(idx, { code: 'overlap_existing', message: `overlaps stored estates: ${names}`, details: { overlaps } });
    }

    const inFile = await tx.query<{ a: number; b: number; overlap_m2: number }>(
      `SELECT a, b, overlap_m2 FROM (
         SELECT r1.idx AS a, r2.idx AS b, ST_Area(ST_Intersection(r1.geom, r2.geom)::geography) AS overlap_m2
         FROM import_rows r1 JOIN import_rows r2 ON r1.idx < r2.idx AND ST_Intersects(r1.geom, r2.geom)
       ) o WHERE overlap_m2 > $1 ORDER BY a, b`,
      [MAX_OVERLAP_M2],
    );
    for (const pair of inFile) {
      const overlapM2 = round(pair.overlap_m2, 1);
      add(pair.a, { code: 'overlap_in_file', message: `overlaps row ${pair.b} by ${overlapM2.toFixed(1)} m²`, details: { otherIndex: pair.b, overlapM2 } });
      add(pair.b, { code: 'overlap_in_file', message: `overlaps row ${pair.a} by ${overlapM2.toFixed(1)} m²`, details: { otherIndex: pair.a, overlapM2 } });
    }
  }

  const duplicates = await tx.query<{ idx: number; id: number; name: string; distance_m: number }>(
    `SELECT r.idx, e.id, e.name, ST_Distance(r.geom::geography, e.geom::geography) AS distance_m
     FROM import_rows r JOIN estates e ON e.name = r.name
     WHERE ST_DWithin(r.geom::geography, e.geom::geography, $1)
     ORDER BY r.idx, distance_m`,
    [DUPLICATE_DISTANCE_M],
  );
  for (const row of duplicates) {
    const where = row.distance_m === 0 ? 'overlapping it' : `${row.distance_m.toFixed(0)} m away`;
    add(row.idx, {
      code: 'duplicate',
      message: `an estate named ${row.name} already exists ${where} (id ${row.id})`,
      details: { id: row.id, name: row.name },
    });
  }
  return landAreas;
}

export interface ImportCheckOptions {
  /** For the year-built rule; defaults to this year. */
  currentYear?: number;
  /** Overlaps are not problems (the planner accepted them). */
  allowOverlap?: boolean;
}

/** Prepares the rows, fills the work table and runs every rule; must run inside a transaction. */
async function checkRows(tx: Executor, features: readonly unknown[], options: ImportCheckOptions): Promise<{ rows: PreparedRow[]; reports: ImportRowReport[] }> {
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const rows = features.map((feature, index) => prepareRow(feature, index, currentYear));
  flagCodesRepeatedInFile(rows);
  await loadWorkTable(tx, rows);
  const landAreas = await checkWorkTable(tx, rows, options.allowOverlap !== true);
  const reports = rows.map((row) => ({ index: row.index, landAreaM2: landAreas.get(row.index) ?? null, problems: row.problems }));
  return { rows, reports };
}

/** POST /api/imports/validate: the per-row report; writes nothing (the work table dies with the transaction). */
export async function validateImport(db: Db, features: readonly unknown[], options: ImportCheckOptions = {}): Promise<ImportRowReport[]> {
  return db.transaction(async (tx) => (await checkRows(tx, features, options)).reports);
}

/** 422 for an import with problem rows; details.rows is the whole report. */
export class ImportRejectedError extends HttpError {
  constructor(rows: ImportRowReport[]) {
    const bad = rows.filter((row) => row.problems.length > 0).length;
    super(422, 'import_rejected', `${bad} of ${rows.length} rows have problems; nothing was imported`, { rows });
  }
}

const INSERT_ESTATES = `INSERT INTO estates (id, code, name, address, district_code, subdistrict_code, community_code,
    year_built, buildings, households, floor_area_m2, property_type, original_owner_unit, has_property_management,
    has_owners_committee, urgent, hazard_level, willingness_pct, notes, eligibility_override,
    eligibility_override_reason, import_layer_id, geom)
  SELECT r.new_id, r.code, f->>'name', f->>'address', u.district_code, u.subdistrict_code, u.community_code,
         (f->>'yearBuilt')::int, (f->>'buildings')::int, (f->>'households')::int, (f->>'floorAreaM2')::float8,
         f->>'propertyType', f->>'originalOwnerUnit', (f->>'hasPropertyManagement')::boolean,
         (f->>'hasOwnersCommittee')::boolean, (f->>'urgent')::boolean, f->>'hazardLevel',
         (f->>'willingnessPct')::float8, f->>'notes', (f->>'eligibilityOverride')::boolean,
         f->>'eligibilityOverrideReason', $1, r.geom
  FROM import_rows r
  CROSS JOIN LATERAL (SELECT r.fields AS f) AS x
  CROSS JOIN LATERAL estate_units(r.geom, r.district_code, r.subdistrict_code, r.community_code) AS u
  ORDER BY r.idx`;

/** POST /api/imports: all rows as one layer in one transaction, or nothing (ImportRejectedError). */
export async function commitImport(
  db: Db,
  layer: ImportLayerInput,
  features: readonly unknown[],
  options: ImportCheckOptions = {},
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ESTATE_WRITE_LOCK_KEY]);
    const { reports } = await checkRows(tx, features, options);
    const refused = reports.filter((row) =>
      row.problems.some((problem) => options.allowOverlap !== true || !OVERLAP_CODES.has(problem.code)),
    );
    if (refused.length > 0) throw new ImportRejectedError(reports);

    const [created] = await tx.query<{ id: number }>(
      `INSERT INTO import_layers (name, file_name, format, source_crs, feature_count) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [layer.name, layer.fileName, layer.format, layer.sourceCrs, features.length],
    );
    if (!created) throw new Error('INSERT … RETURNING gave no row');
    // Ids drawn before the insert and kept beside each row, so `ids[k]` is surely the estate of feature k.
    await tx.query(`UPDATE import_rows SET new_id = nextval(pg_get_serial_sequence('estates', 'id'))`);
    await tx.query(INSERT_ESTATES, [created.id]);
    const ids = await tx.query<{ new_id: number }>('SELECT new_id FROM import_rows ORDER BY idx');
    return { layerId: created.id, inserted: ids.length, ids: ids.map((row) => row.new_id) };
  });
}

interface ImportLayerRow {
  id: number;
  name: string;
  file_name: string;
  format: ImportFormat;
  source_crs: SourceCrs;
  feature_count: number;
  created_at: Date | string;
}

/** GET /api/import-layers */
export async function listImportLayers(db: Queryable): Promise<ImportLayer[]> {
  const rows = await db.query<ImportLayerRow>(
    'SELECT id, name, file_name, format, source_crs, feature_count, created_at FROM import_layers ORDER BY id',
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    fileName: row.file_name,
    format: row.format,
    sourceCrs: row.source_crs,
    featureCount: row.feature_count,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  }));
}

