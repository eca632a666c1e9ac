/**
 * Planner's writes to the estate ledger: create, update (optimistic versioning) and delete.
 * Each runs in one transaction behind one advisory lock, so overlap and code checks cannot race
 * with another write, and a rejected request changes nothing.
 */
import type { EstateApiFeature } from '../../core/api-contract.js';
import type { EstateFields } from '../../core/estate-schema.js';
import type { Db, Executor, Queryable, SqlParam } from '../db/index.js';
import { HttpError, NotFoundError, ValidationError } from '../errors.js';
import {
  describeIssues,
  givenUnitCodes,
  parseEstateFields,
  UNIT_CODE_FIELDS,
  writableProperties,
  type UnitCodeField,
} from './estate-fields.js';
import { getEstate } from './estates.service.js';
import { assertGeometry, findOverlaps, geometryText, OverlapError, storedGeometrySql } from './geometry-checks.js';

/** Serialises every estate write and import (pg_advisory_xact_lock key). */
export const ESTATE_WRITE_LOCK_KEY = 20_180_317;

export interface WriteOptions {
  eligibilityCutoffYear: number;
  /** Accept an overlap with other estates instead of answering 409. */
  allowOverlap?: boolean;
  /** For the year-built rule; defaults to this year. */
  currentYear?: number;
}

/** 409 with the estate as stored now, for a stale `version`. */
export class VersionConflictError extends HttpError {
  constructor(id: number, sentVersion: number, current: EstateApiFeature) {
    super(
      409,
      'version_conflict',
      `estate ${id} was changed by someone else: you sent version ${sentVersion}, it is now at version ${current.properties.version}`,
      { current },
    );
  }
}

/** Ledger columns written from EstateFields, in the order of `fieldParams`. */
const FIELD_COLUMNS = [
  'code',
  'name',
  'address',
  'year_built',
  'buildings',
  'households',
  'floor_area_m2',
  'property_type',
  'original_owner_unit',
  'has_property_management',
  'has_owners_committee',
  'urgent',
  'hazard_level',
  'willingness_pct',
  'notes',
  'eligibility_override',
  'eligibility_override_reason',
] as const;

function fieldParams(fields: EstateFields): SqlParam[] {
  return [
    fields.code === '' ? null : fields.code,
    fields.name,
    fields.address,
    fields.yearBuilt,
    fields.buildings,
    fields.households,
    fields.floorAreaM2,
    fields.propertyType,
    fields.originalOwnerUnit,
    fields.hasPropertyManagement,
    fields.hasOwnersCommittee,
    fields.urgent,
    fields.hazardLevel,
    fields.willingnessPct,
    fields.notes,
    fields.eligibilityOverride,
    fields.eligibilityOverrideReason,
  ];
}

function parseFieldsOrThrow(properties: Record<string, unknown>, currentYear: number): EstateFields {
  const result = parseEstateFields(properties, currentYear);
  if (!result.ok) throw new ValidationError(describeIssues(result.issues), { fields: result.issues });
  return result.value;
}

async function lockEstateWrites(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ESTATE_WRITE_LOCK_KEY]);
}

async function assertCodeFree(tx: Queryable, code: string, exceptId: number | null): Promise<void> {
  if (code === '') return;
  const [taken] = await tx.query<{ id: number; name: string }>(
    'SELECT id, name FROM estates WHERE code = $1 AND id IS DISTINCT FROM $2 LIMIT 1',
    [code, exceptId],
  );
  if (taken) throw new ValidationError(`code: "${code}" is already used by estate ${taken.name} (id ${taken.id})`);
}

const UNIT_TABLE: Readonly<Record<UnitCodeField, { table: string; label: string }>> = {
  districtCode: { table: 'districts', label: 'district' },
  subdistrictCode: { table: 'subdistricts', label: 'sub-district' },
  communityCode: { table: 'communities', label: 'community' },
};

async function assertUnitsExist(tx: Queryable, given: Record<UnitCodeField, string | null>): Promise<void> {
  for (const field of UNIT_CODE_FIELDS) {
    const code = given[field];
    if (code === null) continue;
    const { table, label } = UNIT_TABLE[field];
    const rows = await tx.query<{ code: string }>(`SELECT code FROM ${table} WHERE code = $1`, [code]);
    if (rows.length === 0) throw new ValidationError(`${field}: unknown ${label} code "${code}"`);
  }
}

interface UnitCodes {
  district_code: string | null;
  subdistrict_code: string | null;
  community_code: string | null;
}

/** Units from the given codes, the rest from the polygon's location (`geomSql` may use $1). */
async function resolveUnits(
  tx: Queryable,
  geomSql: string,
  geomParam: SqlParam,
  given: Record<UnitCodeField, string | null>,
): Promise<UnitCodes> {
  await assertUnitsExist(tx, given);
  const [row] = await tx.query<UnitCodes>(
    `SELECT district_code, subdistrict_code, community_code FROM estate_units(${geomSql}, $2, $3, $4)`,
    [geomParam, given.districtCode, given.subdistrictCode, given.communityCode],
  );
  if (!row) throw new Error('estate_units returned no row');
  return row;
}

async function assertNoOverlap(tx: Queryable, geojson: string, exceptId: number | null): Promise<void> {
  const overlaps = await findOverlaps(tx, geojson, exceptId);
  if (overlaps.length > 0) throw new OverlapError(overlaps);
}

export interface NewEstate {
  geometry: unknown;
  properties: unknown;
}

/** POST /api/estates: checks fields, geometry, units, code and overlap, then inserts version 1. */
export async function createEstate(db: Db, input: NewEstate, options: WriteOptions): Promise<EstateApiFeature> {
  const properties = writableProperties(input.properties);
  const fields = parseFieldsOrThrow(properties, options.currentYear ?? new Date().getFullYear());
  const geojson = geometryText(input.geometry);
  return db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    await assertGeometry(tx, geojson);
    if (geojson === null) throw new Error('a geometry that passed the checks cannot be null');
    const units = await resolveUnits(tx, storedGeometrySql(1), geojson, givenUnitCodes(properties));
    await assertCodeFree(tx, fields.code, null);
    if (!options.allowOverlap) await assertNoOverlap(tx, geojson, null);

    const params: SqlParam[] = [geojson, units.district_code, units.subdistrict_code, units.community_code, ...fieldParams(fields)];
    const placeholders = FIELD_COLUMNS.map((_, k) => `$${k + 5}`).join(', ');
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO estates (geom, district_code, subdistrict_code, community_code, ${FIELD_COLUMNS.join(', ')})
       VALUES (${storedGeometrySql(1)}, $2, $3, $4, ${placeholders})
       RETURNING id`,
      params,
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return getEstate(tx, row.id, options.eligibilityCutoffYear);
  });
}

interface StoredFieldsRow {
  code: string | null;
  name: string;
  address: string;
  year_built: number | null;
  buildings: number;
  households: number;
  floor_area_m2: number;
  property_type: string | null;
  original_owner_unit: string;
  has_property_management: boolean;
  has_owners_committee: boolean;
  urgent: boolean;
  hazard_level: string;
  willingness_pct: number | null;
  notes: string;
  eligibility_override: boolean | null;
  eligibility_override_reason: string | null;
  version: number;
}

/** The stored record as write properties, so a partial PATCH is checked as the whole merged record. */
function storedProperties(row: StoredFieldsRow): Record<string, unknown> {
  return {
    code: row.code ?? '',
    name: row.name,
    address: row.address,
    yearBuilt: row.year_built,
    buildings: row.buildings,
    households: row.households,
    floorAreaM2: row.floor_area_m2,
    propertyType: row.property_type,
    originalOwnerUnit: row.original_owner_unit,
    hasPropertyManagement: row.has_property_management,
    hasOwnersCommittee: row.has_owners_committee,
    urgent: row.urgent,
    hazardLevel: row.hazard_level,
    willingnessPct: row.willingness_pct,
    notes: row.notes,
    eligibilityOverride: row.eligibility_override,
    eligibilityOverrideReason: row.eligibility_override_reason,
  };
}

/** Locks the estate row and checks its version; 404 when absent, 409 with the current record when stale. */
async function lockVersion(tx: Executor, id: number, version: number, cutoffYear: number): Promise<StoredFieldsRow> {
  const [row] = await tx.query<StoredFieldsRow>(
    `SELECT ${FIELD_COLUMNS.join(', ')}, version FROM estates WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw new NotFoundError(`estate ${id} does not exist`);
  if (row.version !== version) throw new VersionConflictError(id, version, await getEstate(tx, id, cutoffYear));
  return row;
}

export interface EstatePatch {
  version: number;
  properties?: Record<string, unknown> | undefined;
  geometry?: unknown;
}

/** PATCH /api/estates/:id: merges the partial properties into the stored record and bumps the version. */
export async function updateEstate(db: Db, id: number, patch: EstatePatch, options: WriteOptions): Promise<EstateApiFeature> {
  const changes = writableProperties(patch.properties ?? {});
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const geometryChanged = patch.geometry !== undefined;
  const geojson = geometryChanged ? geometryText(patch.geometry) : null;
  return db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const stored = await lockVersion(tx, id, patch.version, options.eligibilityCutoffYear);
    const fields = parseFieldsOrThrow({ ...storedProperties(stored), ...changes }, currentYear);
    if (geometryChanged) await assertGeometry(tx, geojson);

    const unitsNamed = UNIT_CODE_FIELDS.some((field) => field in changes);
    let units: UnitCodes | null = null;
    if (geojson !== null) {
      units = await resolveUnits(tx, storedGeometrySql(1), geojson, givenUnitCodes(changes));
    } else if (unitsNamed) {
      units = await resolveUnits(tx, '(SELECT geom FROM estates WHERE id = $1)', id, givenUnitCodes(changes));
    }
    await assertCodeFree(tx, fields.code, id);
    if (geojson !== null && !options.allowOverlap) await assertNoOverlap(tx, geojson, id);

    const params: SqlParam[] = [id, geojson, ...fieldParams(fields)];
    const assignments = FIELD_COLUMNS.map((column, k) => `${column} = $${k + 3}`);
    if (units) {
      params.push(units.district_code, units.subdistrict_code, units.community_code);
      const n = params.length;
      assignments.push(`district_code = $${n - 2}`, `subdistrict_code = $${n - 1}`, `community_code = $${n}`);
    }
    await tx.query(
      `UPDATE estates SET ${assignments.join(', ')},
         geom = CASE WHEN $2::text IS NULL THEN geom ELSE ${storedGeometrySql(2)} END,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      params,
    );
    return getEstate(tx, id, options.eligibilityCutoffYear);
  });
}

/** DELETE /api/estates/:id?version=n */
export async function deleteEstate(db: Db, id: number, version: number, eligibilityCutoffYear: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    await lockVersion(tx, id, version, eligibilityCutoffYear);
    await tx.query('DELETE FROM estates WHERE id = $1', [id]);
  });
}
