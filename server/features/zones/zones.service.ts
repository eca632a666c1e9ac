/**
 * Renovation zones (片区): read, create, change and delete. Every write runs in one transaction
 * behind the estate write lock (the rules read estate outlines, which estate writes change), keeps
 * the rules of zone-rules-check.ts, bumps the version and records its audit entry.
 */
import type { MultiPolygon } from 'geojson';
import type { ZoneApiFeature, ZoneApiProperties, ZoneBoundarySource } from '../../../core/contract/index.js';
import type { TotalledProperties } from '../../../core/estate-totals.js';
import { estateTotals } from '../../../core/estate-totals.js';
import { DEFAULT_ESTATE_AREA_BOUNDS } from '../../../core/geometry/estate-area.js';
import type { ServiceContext } from '../../context.js';
import { withDb } from '../../context.js';
import type { Executor, Queryable } from '../../db/index.js';
import { ConflictError, NotFoundError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertUnitsExist, lockEstateWrites } from '../estates/estate-writes.service.js';
import { assertGeometry, storedGeometrySql } from '../estates/geometry-checks.js';
import { checkZoneMembers, zoneOutline } from './zone-rules-check.js';
import { totalledFieldsSql, zoneAuditRecord } from './zones.sql.js';
import { notifyProgrammeChange } from '../programme/programme-events.js';

/** What a planner sets on a zone (route bodies after validation). */
export interface ZoneInput {
  name: string;
  estateIds: number[];
  subdistrictCode: string | null;
  note: string | null;
  splitReason: string | null;
  /** A drawn boundary, or null for the computed outline. */
  boundary: unknown;
}

export type ZonePatch = Partial<ZoneInput> & { version: number };

/** A drawn boundary may be as large as a district; only the estate area floor would be wrong for it. */
const BOUNDARY_AREA_BOUNDS = { minM2: DEFAULT_ESTATE_AREA_BOUNDS.minM2, maxM2: 500_000_000 } as const;

type ZoneRow = Omit<ZoneApiProperties, 'totals' | 'createdAt' | 'updatedAt'> & {
  geometry: MultiPolygon;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const ZONE_SELECT = `
  SELECT z.id, z.name, z.subdistrict_code AS "subdistrictCode", z.note, z.boundary_source AS boundary,
         z.split_reason AS "splitReason", ST_Area(z.outline::geography) AS "outlineAreaM2", z.version,
         z.created_at AS "createdAt", z.updated_at AS "updatedAt", ST_AsGeoJSON(z.outline, 7)::json AS geometry,
         COALESCE((SELECT array_agg(ze.estate_id ORDER BY ze.estate_id) FROM zone_estates ze WHERE ze.zone_id = z.id), '{}') AS "estateIds"
  FROM zones z`;

const toIso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** Zone features for the rows, with their members' totals (the same sums as GET /api/summary). */
async function toFeatures(ctx: ServiceContext<Queryable>, rows: readonly ZoneRow[]): Promise<ZoneApiFeature[]> {
  const members = await ctx.db.query<TotalledProperties & { zoneId: number }>(
    `SELECT ze.zone_id AS "zoneId", ${totalledFieldsSql(2)}
     FROM zone_estates ze JOIN estates e ON e.id = ze.estate_id WHERE ze.zone_id = ANY($1::int[])`,
    [rows.map((row) => row.id), ctx.settings.eligibilityCutoffYear],
  );
  const byZone = new Map<number, TotalledProperties[]>();
  for (const { zoneId, ...member } of members) byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), member]);
  return rows.map(({ geometry, ...row }) => ({
    type: 'Feature',
    id: row.id,
    geometry,
    properties: {
      ...row,
      outlineAreaM2: Math.round(row.outlineAreaM2),
      totals: estateTotals(byZone.get(row.id) ?? []),
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt),
    },
  }));
}

/** GET /api/zones */
export async function listZones(ctx: ServiceContext<Queryable>): Promise<ZoneApiFeature[]> {
  return toFeatures(ctx, await ctx.db.query<ZoneRow>(`${ZONE_SELECT} ORDER BY z.id`));
}

/** GET /api/zones/:id */
export async function getZone(ctx: ServiceContext<Queryable>, id: number): Promise<ZoneApiFeature> {
  const rows = await ctx.db.query<ZoneRow>(`${ZONE_SELECT} WHERE z.id = $1`, [id]);
  const [feature] = await toFeatures(ctx, rows);
  if (!feature) throw new NotFoundError(`zone ${id}`);
  return feature;
}

/** A stale `version` (409), with the zone as stored now. */
class ZoneVersionConflictError extends ConflictError {
  constructor(id: number, sentVersion: number, current: ZoneApiFeature) {
    super('zone_version_conflict', { id, sentVersion, currentVersion: current.properties.version }, { current });
  }
}

async function assertNameFree(db: Queryable, name: string, exceptId: number | null): Promise<void> {
  const [taken] = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM zones WHERE lower(btrim(name)) = lower(btrim($1)) AND id IS DISTINCT FROM $2 LIMIT 1',
    [name, exceptId],
  );
  if (taken) throw new ConflictError('zone_name_taken', { name: taken.name, id: taken.id });
}

async function setMembers(tx: Queryable, zoneId: number, ids: readonly number[]): Promise<void> {
  await tx.query('DELETE FROM zone_estates WHERE zone_id = $1', [zoneId]);
  await tx.query('INSERT INTO zone_estates (zone_id, estate_id) SELECT $1, unnest($2::int[])', [zoneId, ids]);
}

/** Checks the members and the boundary; answers the outline to store. */
async function resolveOutline(
  ctx: ServiceContext<Executor>,
  zoneId: number | null,
  input: Pick<ZoneInput, 'estateIds' | 'splitReason' | 'boundary' | 'subdistrictCode'>,
): Promise<{ source: ZoneBoundarySource; geojson: string }> {
  const { db, settings } = ctx;
  if (input.subdistrictCode !== null) {
    await assertUnitsExist(db, { districtCode: null, subdistrictCode: input.subdistrictCode, communityCode: null });
  }
  const checked = await checkZoneMembers(
    db,
    input.estateIds,
    zoneId,
    settings.zoneRules,
    settings.eligibilityCutoffYear,
    input.splitReason,
  );
  const drawn =
    input.boundary === null || input.boundary === undefined ? null : await assertGeometry(db, input.boundary, BOUNDARY_AREA_BOUNDS);
  return zoneOutline(db, checked, settings.zoneRules.gapM, drawn);
}

/**
 * Inserts a zone inside the caller's transaction, after the same checks as POST /api/zones, with
 * its audit entry. The caller holds the estate write lock (lockEstateWrites) — the import does,
 * so a file's zones land with its estates or not at all.
 */
export async function insertZone(ctx: ServiceContext<Executor>, input: ZoneInput): Promise<number> {
  const tx = ctx.db;
  await assertNameFree(tx, input.name, null);
  const outline = await resolveOutline(ctx, null, input);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO zones (name, subdistrict_code, note, split_reason, boundary_source, outline)
     VALUES ($1, $2, $3, $4, $5, ${storedGeometrySql(6)}) RETURNING id`,
    [input.name, input.subdistrictCode, input.note, input.splitReason, outline.source, outline.geojson],
  );
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  await setMembers(tx, row.id, input.estateIds);
  await recordAudit(ctx, { action: 'create', entity: 'zone', entityId: row.id, before: null, after: await zoneAuditRecord(tx, row.id) });
  return row.id;
}

/** POST /api/zones */
export async function createZone(ctx: ServiceContext, input: ZoneInput): Promise<ZoneApiFeature> {
  return ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const txCtx = withDb(ctx, tx);
    const id = await insertZone(txCtx, input);
    await notifyProgrammeChange(tx, { kind: 'zones', estateIds: [...input.estateIds] }, ctx);
    return getZone(txCtx, id);
  });
}

interface StoredZone {
  name: string;
  subdistrictCode: string | null;
  note: string | null;
  splitReason: string | null;
  boundary: ZoneBoundarySource;
  outline: string;
  version: number;
  estateIds: number[];
}

/** Locks the zone row and checks its version: 404 when absent, 409 with the current zone when stale. */
async function lockZone(ctx: ServiceContext<Executor>, id: number, version: number): Promise<StoredZone> {
  const [row] = await ctx.db.query<StoredZone>(
    `SELECT name, subdistrict_code AS "subdistrictCode", note, split_reason AS "splitReason", boundary_source AS boundary,
            ST_AsGeoJSON(outline, 15) AS outline, version,
            COALESCE((SELECT array_agg(estate_id ORDER BY estate_id) FROM zone_estates WHERE zone_id = $1), '{}') AS "estateIds"
     FROM zones WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw new NotFoundError(`zone ${id}`);
  if (row.version !== version) throw new ZoneVersionConflictError(id, version, await getZone(ctx, id));
  return row;
}

/** PATCH /api/zones/:id: merges what changed; the outline is recomputed (or the drawn one rechecked) when members or boundary change. */
export async function updateZone(ctx: ServiceContext, id: number, patch: ZonePatch): Promise<ZoneApiFeature> {
  return ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const txCtx = withDb(ctx, tx);
    const stored = await lockZone(txCtx, id, patch.version);
    const before = await zoneAuditRecord(tx, id);
    const next: ZoneInput = {
      name: patch.name ?? stored.name,
      estateIds: patch.estateIds ?? stored.estateIds,
      subdistrictCode: patch.subdistrictCode === undefined ? stored.subdistrictCode : patch.subdistrictCode,
      note: patch.note === undefined ? stored.note : patch.note,
      splitReason: patch.splitReason === undefined ? stored.splitReason : patch.splitReason,
      // Unchanged drawn boundary: recheck it against the (possibly new) members.
      boundary: patch.boundary === undefined ? (stored.boundary === 'drawn' ? JSON.parse(stored.outline) : null) : patch.boundary,
    };
    if (patch.name !== undefined) await assertNameFree(tx, next.name, id);
    const outline = await resolveOutline(txCtx, id, next);
    await tx.query(
      `UPDATE zones SET name = $2, subdistrict_code = $3, note = $4, split_reason = $5, boundary_source = $6,
         outline = ${storedGeometrySql(7)}, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, next.name, next.subdistrictCode, next.note, next.splitReason, outline.source, outline.geojson],
    );
    await setMembers(tx, id, next.estateIds);
    await recordAudit(txCtx, { action: 'update', entity: 'zone', entityId: id, before, after: await zoneAuditRecord(tx, id) });
    const members = new Set([...stored.estateIds, ...next.estateIds]);
    await notifyProgrammeChange(tx, { kind: 'zones', estateIds: [...members].sort((a, b) => a - b) }, ctx);
    return getZone(txCtx, id);
  });
}

/** DELETE /api/zones/:id?version=n: the estates stay, only the grouping goes. */
export async function deleteZone(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const txCtx = withDb(ctx, tx);
    const stored = await lockZone(txCtx, id, version);
    const before = await zoneAuditRecord(tx, id);
    await tx.query('DELETE FROM zones WHERE id = $1', [id]);
    await recordAudit(txCtx, { action: 'delete', entity: 'zone', entityId: id, before, after: null });
    await notifyProgrammeChange(tx, { kind: 'zones', estateIds: stored.estateIds }, ctx);
  });
}
