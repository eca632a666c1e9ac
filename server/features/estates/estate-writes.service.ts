/**
 * Planner's writes to the estate ledger: create, update (optimistic versioning) and delete.
 * Each runs in one transaction behind one advisory lock, so overlap and code checks cannot race
 * with another write, and a rejected request changes nothing.
 */
import type { EstateApiFeature } from '../../../core/contract/index.js';
import { parseEstateFields, type EstateFields, type FieldIssue } from '../../../core/estate-schema.js';
import { INPUT_FIELDS } from '../../../core/ledger-fields.js';
import type { ServiceContext } from '../../context.js';
import { withDb } from '../../context.js';
import type { Executor, Queryable, SqlParam } from '../../db/index.js';
import { ConflictError, InvalidError, NotFoundError } from '../../domain-errors.js';
import { givenUnitCodes, UNIT_CODE_FIELDS, writableProperties, type UnitCodeField } from './estate-fields.js';
import { estateAuditRecord, recordAudit } from '../audit/audit.service.js';
import { getEstate } from './estates.service.js';
import { afterMemberReshaped, beforeMemberDeleted } from '../zones/zone-membership.js';
import { notifyProgrammeChange } from '../programme/programme-events.js';
import { INPUT_COLUMNS, inputParams } from './estates.sql.js';
import { assertGeometry, findOverlaps, OverlapError, storedGeometrySql } from './geometry-checks.js';

/** Serialises every estate write and import (pg_advisory_xact_lock key). */
export const ESTATE_WRITE_LOCK_KEY = 20_180_317;

export interface WriteOptions {
  /** Accept an overlap with other estates instead of answering 409. */
  allowOverlap?: boolean;
}

/** A stale `version` (409), with the estate as stored now. */
export class VersionConflictError extends ConflictError {
  constructor(id: number, sentVersion: number, current: EstateApiFeature) {
    super('version_conflict', { id, sentVersion, currentVersion: current.properties.version }, { current });
  }
}

function parseFieldsOrThrow(properties: Record<string, unknown>, currentYear: number): EstateFields {
  const result = parseEstateFields(properties, currentYear);
  if (!result.ok) throw new InvalidError(result.issues);
  return result.value;
}

function fieldError(field: string, code: FieldIssue['code'], params: FieldIssue['params'], message: string): InvalidError {
  return new InvalidError([{ field, code, params: { field, ...params }, message }]);
}

export async function lockEstateWrites(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ESTATE_WRITE_LOCK_KEY]);
}

async function assertCodeFree(tx: Queryable, code: string | null, exceptId: number | null): Promise<void> {
  if (code === null) return;
  const [taken] = await tx.query<{ id: number; name: string }>(
    'SELECT id, name FROM estates WHERE code = $1 AND id IS DISTINCT FROM $2 LIMIT 1',
    [code, exceptId],
  );
  if (taken)
    throw fieldError(
      'code',
      'code_taken',
      { code, id: taken.id, name: taken.name },
      `code: "${code}" is already used by estate ${taken.name} (id ${taken.id})`,
    );
}

const UNIT_TABLE: Readonly<Record<UnitCodeField, { table: string; label: string }>> = {
  districtCode: { table: 'districts', label: 'district' },
  subdistrictCode: { table: 'subdistricts', label: 'sub-district' },
  communityCode: { table: 'communities', label: 'community' },
};

export async function assertUnitsExist(tx: Queryable, given: Record<UnitCodeField, string | null>): Promise<void> {
  for (const field of UNIT_CODE_FIELDS) {
    const code = given[field];
    if (code === null) continue;
    const { table, label } = UNIT_TABLE[field];
    const rows = await tx.query<{ code: string }>(`SELECT code FROM ${table} WHERE code = $1`, [code]);
    if (rows.length === 0) throw fieldError(field, 'unknown_unit', { code }, `${field}: unknown ${label} code "${code}"`);
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
  /** The Feature's own `crs` member, if it has one (refused unless WGS84). */
  crs?: unknown;
}

/** POST /api/estates: checks fields, geometry, units, code and overlap, then inserts version 1. */
export async function createEstate(ctx: ServiceContext, input: NewEstate, options: WriteOptions = {}): Promise<EstateApiFeature> {
  const properties = writableProperties(input.properties);
  const fields = parseFieldsOrThrow(properties, ctx.now().getFullYear());
  return ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const geojson = await assertGeometry(tx, input.geometry, ctx.settings.estateAreaBounds, input.crs);
    const units = await resolveUnits(tx, storedGeometrySql(1), geojson, givenUnitCodes(properties));
    await assertCodeFree(tx, fields.code, null);
    if (!options.allowOverlap) await assertNoOverlap(tx, geojson, null);

    const params: SqlParam[] = [geojson, units.district_code, units.subdistrict_code, units.community_code, ...inputParams(fields)];
    const placeholders = INPUT_COLUMNS.map((_, k) => `$${k + 5}`).join(', ');
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO estates (geom, district_code, subdistrict_code, community_code, ${INPUT_COLUMNS.join(', ')})
       VALUES (${storedGeometrySql(1)}, $2, $3, $4, ${placeholders})
       RETURNING id`,
      params,
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    const txCtx = withDb(ctx, tx);
    await recordAudit(txCtx, {
      action: 'create',
      entity: 'estate',
      entityId: row.id,
      before: null,
      after: await estateAuditRecord(tx, row.id),
    });
    await notifyProgrammeChange(tx, { kind: 'estates', estateIds: [row.id] }, ctx);
    return getEstate(txCtx, row.id);
  });
}

type StoredFieldsRow = Record<string, unknown> & { version: number };

/** The stored record as write properties (aliased to API keys), so a partial PATCH is checked as the whole merged record. */
function storedProperties({ version: _version, ...fields }: StoredFieldsRow): Record<string, unknown> {
  return fields;
}

/** Locks the estate row and checks its version; 404 when absent, 409 with the current record when stale. */
async function lockVersion(ctx: ServiceContext<Executor>, id: number, version: number): Promise<StoredFieldsRow> {
  const columns = INPUT_FIELDS.map((field) => `${field.column} AS "${field.key}"`).join(', ');
  const [row] = await ctx.db.query<StoredFieldsRow>(`SELECT ${columns}, version FROM estates WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError(`estate ${id}`);
  if (row.version !== version) throw new VersionConflictError(id, version, await getEstate(ctx, id));
  return row;
}

export interface EstatePatch {
  version: number;
  properties?: Record<string, unknown> | undefined;
  geometry?: unknown;
}

/** PATCH /api/estates/:id: merges the partial properties into the stored record and bumps the version. */
export async function updateEstate(
  ctx: ServiceContext,
  id: number,
  patch: EstatePatch,
  options: WriteOptions = {},
): Promise<EstateApiFeature> {
  const changes = writableProperties(patch.properties ?? {});
  const currentYear = ctx.now().getFullYear();
  return ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const stored = await lockVersion(withDb(ctx, tx), id, patch.version);
    const before = await estateAuditRecord(tx, id);
    const fields = parseFieldsOrThrow({ ...storedProperties(stored), ...changes }, currentYear);
    const geojson = patch.geometry === undefined ? null : await assertGeometry(tx, patch.geometry, ctx.settings.estateAreaBounds);

    const unitsNamed = UNIT_CODE_FIELDS.some((field) => field in changes);
    let units: UnitCodes | null = null;
    if (geojson !== null) {
      units = await resolveUnits(tx, storedGeometrySql(1), geojson, givenUnitCodes(changes));
    } else if (unitsNamed) {
      units = await resolveUnits(tx, '(SELECT geom FROM estates WHERE id = $1)', id, givenUnitCodes(changes));
    }
    await assertCodeFree(tx, fields.code, id);
    if (geojson !== null && !options.allowOverlap) await assertNoOverlap(tx, geojson, id);

    const params: SqlParam[] = [id, geojson, ...inputParams(fields)];
    const assignments = INPUT_COLUMNS.map((column, k) => `${column} = $${k + 3}`);
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
    const txCtx = withDb(ctx, tx);
    if (geojson !== null) await afterMemberReshaped(txCtx, id);
    await recordAudit(txCtx, { action: 'update', entity: 'estate', entityId: id, before, after: await estateAuditRecord(tx, id) });
    await notifyProgrammeChange(tx, { kind: 'estates', estateIds: [id] }, ctx);
    return getEstate(txCtx, id);
  });
}

/** DELETE /api/estates/:id?version=n */
export async function deleteEstate(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    await lockVersion(withDb(ctx, tx), id, version);
    const before = await estateAuditRecord(tx, id);
    await beforeMemberDeleted(withDb(ctx, tx), id);
    await tx.query('DELETE FROM estates WHERE id = $1', [id]);
    await recordAudit(withDb(ctx, tx), { action: 'delete', entity: 'estate', entityId: id, before, after: null });
    await notifyProgrammeChange(tx, { kind: 'estates', estateIds: [id] }, ctx);
  });
}
