/**
 * The SQL half of an import's checks, set-based: the rows go into a temporary work table in
 * batches, and every rule — geometry (migration 003/004), unit codes, estate codes, overlaps with
 * stored estates and within the file, duplicates — is one statement over all rows.
 */
import type { EstateOverlap, ImportProblem } from '../../../core/contract/index.js';
import type { UnitCodeField } from '../../../core/estate-schema.js';
import type { EstateAreaBounds } from '../../../core/geometry/estate-area.js';
import type { Executor, Queryable } from '../../db/index.js';
import {
  areaCheck,
  DUPLICATE_DISTANCE_M,
  geometryProblemParams,
  isGeometryProblemCode,
  MAX_ESTATE_VERTICES,
  MAX_OVERLAP_M2,
  overlapList,
} from '../estates/geometry-checks.js';
import { problem, type PreparedRow } from './import-rows.js';

/** Rows per INSERT into the working table: big enough to be fast, small enough for one message. */
const BATCH_ROWS = 1000;

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
    area_m2 double precision,
    new_id integer
  ) ON COMMIT DROP`;

// Each batch is a JSON array of { idx, name, code, units…, fields, geometry }; the geometry goes
// through estate_geometry_check (migration 003), which never throws, so one bad row cannot abort the rest.
const INSERT_WORK_ROWS = `INSERT INTO import_rows
    (idx, name, code, district_code, subdistrict_code, community_code, fields, geom, problem_code, problem_message, problem_detail, area_m2)
  SELECT (r->>'idx')::int, r->>'name', r->>'code', r->>'districtCode', r->>'subdistrictCode', r->>'communityCode',
         r->'fields', c.geom, c.problem_code, c.problem_message, c.problem_detail, c.area_m2
  FROM json_array_elements($1::json) AS r, LATERAL estate_geometry_check(r->>'geometry', $2) AS c`;

export async function loadWorkTable(tx: Executor, rows: readonly PreparedRow[]): Promise<void> {
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

type AddProblem = (index: number, problem: ImportProblem) => void;

/**
 * Geometry problems from the work table and the area bounds, and each passing row's land area (m²).
 * A row whose area is refused loses its geometry, so the overlap and duplicate checks skip it.
 */
async function checkGeometries(
  tx: Queryable,
  prepared: readonly PreparedRow[],
  bounds: Readonly<EstateAreaBounds>,
  add: AddProblem,
): Promise<Map<number, number>> {
  const landAreas = new Map<number, number>();
  const refusedAreas: number[] = [];
  const rows = await tx.query<{
    idx: number;
    problem_code: string | null;
    problem_message: string | null;
    problem_detail: string | null;
    land_area_m2: number | null;
  }>(`SELECT idx, problem_code, problem_message, problem_detail, area_m2 AS land_area_m2 FROM import_rows`);
  for (const row of rows) {
    // The shape rules (import-rows.ts) already said what is wrong with this row's geometry.
    if (prepared[row.idx]?.geometryRefused) continue;
    if (row.problem_code !== null) {
      if (!isGeometryProblemCode(row.problem_code)) throw new Error(`unexpected geometry problem ${row.problem_code}`);
      add(
        row.idx,
        problem(
          row.problem_code,
          geometryProblemParams(row.problem_code, row.problem_detail),
          undefined,
          row.problem_message ?? row.problem_code,
        ),
      );
    } else if (row.land_area_m2 !== null) {
      const area = areaCheck(row.land_area_m2, bounds);
      if (area.ok) {
        landAreas.set(row.idx, round(row.land_area_m2, 2));
      } else {
        add(row.idx, problem(area.code, area.params, undefined, area.message));
        refusedAreas.push(row.idx);
      }
    }
  }
  if (refusedAreas.length > 0) await tx.query('UPDATE import_rows SET geom = NULL WHERE idx = ANY($1::int[])', [refusedAreas]);
  return landAreas;
}

/** Unit codes that name no unit, and estate codes a stored estate already uses. */
async function checkCodes(tx: Queryable, add: AddProblem): Promise<void> {
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
  const clashes = await tx.query<{ idx: number; code: string; id: number; name: string }>(
    'SELECT r.idx, r.code, e.id, e.name FROM import_rows r JOIN estates e ON e.code = r.code',
  );
  for (const row of clashes) {
    const message = `code: "${row.code}" is already used by estate ${row.name} (id ${row.id})`;
    add(row.idx, problem('invalid_field', { field: 'code', detail: message }, { field: 'code', id: row.id, name: row.name }, message));
  }
}

/** Overlaps above MAX_OVERLAP_M2 with stored estates, and between rows of the file (reported on both). */
async function checkOverlaps(tx: Queryable, add: AddProblem): Promise<void> {
  const existing = await tx.query<{ idx: number; id: number; name: string; overlap_m2: number }>(
    `SELECT idx, id, name, overlap_m2 FROM (
       SELECT r.idx, e.id, e.name, ST_Area(ST_Intersection(r.geom, e.geom)::geography) AS overlap_m2
       FROM import_rows r JOIN estates e ON ST_Intersects(r.geom, e.geom)
     ) o WHERE overlap_m2 > $1 ORDER BY idx, overlap_m2 DESC`,
    [MAX_OVERLAP_M2],
  );
  const byRow = new Map<number, EstateOverlap[]>();
  for (const row of existing) {
    const list = byRow.get(row.idx) ?? [];
    list.push({ id: row.id, name: row.name, overlapM2: round(row.overlap_m2, 1) });
    byRow.set(row.idx, list);
  }
  for (const [idx, overlaps] of byRow) add(idx, problem('overlap_existing', { list: overlapList(overlaps) }, { overlaps }));

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

/** A stored estate of the same name within DUPLICATE_DISTANCE_M. */
async function checkDuplicates(tx: Queryable, add: AddProblem): Promise<void> {
  const duplicates = await tx.query<{ idx: number; id: number; name: string; distance_m: number }>(
    `SELECT r.idx, e.id, e.name, ST_Distance(r.geom::geography, e.geom::geography) AS distance_m
     FROM import_rows r JOIN estates e ON e.name = r.name
     WHERE ST_DWithin(r.geom::geography, e.geom::geography, $1)
     ORDER BY r.idx, distance_m`,
    [DUPLICATE_DISTANCE_M],
  );
  for (const row of duplicates) {
    add(
      row.idx,
      problem('duplicate', { name: row.name, id: row.id, distanceM: Math.round(row.distance_m) }, { id: row.id, name: row.name }),
    );
  }
}

/** Runs every rule over the work table and adds the problems found to `rows` (indexed by row index); answers the land areas. */
export async function checkWorkTable(
  tx: Queryable,
  rows: readonly PreparedRow[],
  options: { withOverlaps: boolean; areaBounds: Readonly<EstateAreaBounds> },
): Promise<Map<number, number>> {
  const add: AddProblem = (index, found) => {
    rows[index]?.problems.push(found);
  };
  const landAreas = await checkGeometries(tx, rows, options.areaBounds, add);
  await checkCodes(tx, add);
  if (options.withOverlaps) await checkOverlaps(tx, add);
  await checkDuplicates(tx, add);
  return landAreas;
}
