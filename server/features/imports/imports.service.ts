/**
 * Import of many estates: a per-row report (validate) and an all-or-nothing commit.
 * Set-based: the rows go into a temporary table in batches, every rule is one SQL statement
 * over all rows, and the commit is one INSERT … SELECT from that table.
 */
import type { ImportLayer, ImportLayerInput, ImportProblem, ImportResult, ImportRowReport } from '../../../core/contract/index.js';
import { isRecord } from '../../../core/checks.js';
import { parseEstateFields, type EstateFields, type UnitCodeField } from '../../../core/estate-schema.js';
import type { ImportFormat } from '../../../core/contract/index.js';
import type { SourceCrs } from '../../../core/io/source-crs.js';
import { problemMessage, type ImportRowProblemCode, type ProblemParams } from '../../../core/problems.js';
import type { ServiceContext } from '../../context.js';
import type { Executor, Queryable } from '../../db/index.js';
import { RejectedError } from '../../domain-errors.js';
import { givenUnitCodes, writableProperties } from '../estates/estate-fields.js';
import { ESTATE_WRITE_LOCK_KEY } from '../estates/estate-writes.service.js';
import { INPUT_COLUMNS, inputFromJsonSql } from '../estates/estates.sql.js';
import {
  DUPLICATE_DISTANCE_M,
  geometryProblemParams,
  isGeometryProblemCode,
  MAX_ESTATE_VERTICES,
  MAX_OVERLAP_M2,
  overlapList,
} from '../estates/geometry-checks.js';

/** Rows per INSERT into the working table: big enough to be fast, small enough for one message. */
const BATCH_ROWS = 1000;

/** Problems that `allowOverlap` turns from refusals into accepted facts. */
const OVERLAP_CODES: ReadonlySet<ImportRowProblemCode> = new Set(['overlap_existing', 'overlap_in_file']);

/** A problem with its English message worded from core/problems.ts (the client words it in Chinese from the same table). */
function problem(code: ImportRowProblemCode, params: ProblemParams, details?: unknown, message = problemMessage(code, params, 'en')): ImportProblem {
  return details === undefined ? { code, message, params } : { code, message, params, details };
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
        problems.push(problem('missing_name', {}));
      } else {
        problems.push(problem('invalid_field', { ...issue.params, field: issue.field, rule: issue.code, detail: issue.message }, { field: issue.field }, issue.message));
      }
    }
  }
  const fields = result.ok ? result.value : null;
  return {
    index,
    fields,
    name: fields?.name ?? (rawName === '' ? null : rawName),
    code: fields?.code ?? null,
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
      const message = `code: "${row.code}" is also used by row ${first}`;
      row.problems.push(problem('invalid_field', { field: 'code', detail: message }, { field: 'code', otherIndex: first }, message));
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
    problem_detail text,
    new_id integer
  ) ON COMMIT DROP`;

// Each batch is a JSON array of { idx, name, code, units…, fields, geometry }; the geometry goes
// through estate_geometry_check (migration 003), which never throws, so one bad row cannot abort the rest.
const INSERT_WORK_ROWS = `INSERT INTO import_rows
    (idx, name, code, district_code, subdistrict_code, community_code, fields, geom, problem_code, problem_message, problem_detail)
  SELECT (r->>'idx')::int, r->>'name', r->>'code', r->>'districtCode', r->>'subdistrictCode', r->>'communityCode',
         r->'fields', c.geom, c.problem_code, c.problem_message, c.problem_detail
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

  const geometryRows = await tx.query<{ idx: number; problem_code: string | null; problem_message: string | null; problem_detail: string | null; land_area_m2: number | null }>(
    `SELECT idx, problem_code, problem_message, problem_detail, ST_Area(geom::geography) AS land_area_m2 FROM import_rows`,
  );
  for (const row of geometryRows) {
    if (row.problem_code !== null) {
      if (!isGeometryProblemCode(row.problem_code)) throw new Error(`unexpected geometry problem ${row.problem_code}`);
      add(row.idx, problem(row.problem_code, geometryProblemParams(row.problem_code, row.problem_detail), undefined, row.problem_message ?? row.problem_code));
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
      const message = `${unit.field}: unknown ${unit.label} code "${row.code}"`;
      add(row.idx, problem('invalid_field', { field: unit.field, detail: message }, { field: unit.field }, message));
    }
  }

  const codeClashes = await tx.query<{ idx: number; code: string; id: number; name: string }>(
    'SELECT r.idx, r.code, e.id, e.name FROM import_rows r JOIN estates e ON e.code = r.code',
  );
  for (const row of codeClashes) {
    const message = `code: "${row.code}" is already used by estate ${row.name} (id ${row.id})`;
    add(row.idx, problem('invalid_field', { field: 'code', detail: message }, { field: 'code', id: row.id, name: row.name }, message));
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
      add(idx, problem('overlap_existing', { list: overlapList(overlaps) }, { overlaps }));
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
      add(pair.a, problem('overlap_in_file', { otherIndex: pair.b, overlapM2: overlapM2.toFixed(1) }, { otherIndex: pair.b, overlapM2 }));
      add(pair.b, problem('overlap_in_file', { otherIndex: pair.a, overlapM2: overlapM2.toFixed(1) }, { otherIndex: pair.a, overlapM2 }));
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
    add(row.idx, problem('duplicate', { name: row.name, id: row.id, distanceM: Math.round(row.distance_m) }, { id: row.id, name: row.name }));
  }
  return landAreas;
}

export interface ImportCheckOptions {
  /** For the year-built rule. */
  currentYear: number;
  /** Overlaps are not problems (the planner accepted them). */
  allowOverlap?: boolean;
}

/** Prepares the rows, fills the work table and runs every rule; must run inside a transaction. */
async function checkRows(tx: Executor, features: readonly unknown[], options: ImportCheckOptions): Promise<{ rows: PreparedRow[]; reports: ImportRowReport[] }> {
  const rows = features.map((feature, index) => prepareRow(feature, index, options.currentYear));
  flagCodesRepeatedInFile(rows);
  await loadWorkTable(tx, rows);
  const landAreas = await checkWorkTable(tx, rows, options.allowOverlap !== true);
  const reports = rows.map((row) => ({ index: row.index, landAreaM2: landAreas.get(row.index) ?? null, problems: row.problems }));
  return { rows, reports };
}

/** POST /api/imports/validate: the per-row report; writes nothing (the work table dies with the transaction). */
export async function validateImport(ctx: ServiceContext, features: readonly unknown[]): Promise<ImportRowReport[]> {
  return ctx.db.transaction(async (tx) => (await checkRows(tx, features, { currentYear: ctx.now().getFullYear() })).reports);
}

/** An import with problem rows (422); details.rows is the whole report. */
export class ImportRejectedError extends RejectedError {
  constructor(rows: ImportRowReport[]) {
    const bad = rows.filter((row) => row.problems.length > 0).length;
    super('import_rejected', { bad, total: rows.length }, { rows });
  }
}

const INSERT_ESTATES = `INSERT INTO estates (id, district_code, subdistrict_code, community_code, import_layer_id, geom, ${INPUT_COLUMNS.join(', ')})
  SELECT r.new_id, u.district_code, u.subdistrict_code, u.community_code, $1, r.geom, ${inputFromJsonSql('r.fields')}
  FROM import_rows r
  CROSS JOIN LATERAL estate_units(r.geom, r.district_code, r.subdistrict_code, r.community_code) AS u
  ORDER BY r.idx`;

/** POST /api/imports: all rows as one layer in one transaction, or nothing (ImportRejectedError). */
export async function commitImport(
  ctx: ServiceContext,
  layer: ImportLayerInput,
  features: readonly unknown[],
  options: { allowOverlap?: boolean } = {},
): Promise<ImportResult> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ESTATE_WRITE_LOCK_KEY]);
    const { reports } = await checkRows(tx, features, { ...options, currentYear: ctx.now().getFullYear() });
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
export async function listImportLayers({ db }: ServiceContext<Queryable>): Promise<ImportLayer[]> {
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

