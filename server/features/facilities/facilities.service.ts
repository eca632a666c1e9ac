/**
 * Facility writes (POST/PATCH/DELETE /api/facilities, POST /api/facilities/import): each in one
 * transaction with its audit record and its announcement on GET /api/events (delivered on commit);
 * updates and deletes carry the version the caller edited.
 */
import type { FacilityInput } from '../../../core/facilities/facility-record.js';
import type { FacilityFeature, ProgrammeChange } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { ConflictError, NotFoundError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyProgrammeChange } from '../programme/programme-events.js';

/** No estate changes with a facility: open maps ask for the facilities they hold again. */
const FACILITIES_CHANGED: ProgrammeChange = { kind: 'facilities', estateIds: [] };

const FACILITY_COLUMNS = `id, ST_AsGeoJSON(geom, 7)::json AS geometry, type, name, status, source, version`;

interface FacilityRow {
  id: number;
  geometry: FacilityFeature['geometry'];
  type: string;
  name: string;
  status: FacilityFeature['properties']['status'];
  source: string;
  version: number;
}

function featureOf({ id, geometry, ...properties }: FacilityRow): FacilityFeature {
  return { type: 'Feature', id, geometry, properties };
}

async function getFacility(db: Queryable, id: number, lock = false): Promise<FacilityFeature | null> {
  const [row] = await db.query<FacilityRow>(`SELECT ${FACILITY_COLUMNS} FROM facilities WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ? featureOf(row) : null;
}

/** Locks the facility and checks its version: 404 when absent, 409 with the stored facility when stale. */
async function lockVersion(db: Queryable, id: number, version: number): Promise<FacilityFeature> {
  const current = await getFacility(db, id, true);
  if (!current) throw new NotFoundError(`facility ${id}`);
  if (current.properties.version !== version)
    throw new ConflictError(
      'facility_version_conflict',
      { id, sentVersion: version, currentVersion: current.properties.version },
      { current },
    );
  return current;
}

export async function createFacility(ctx: ServiceContext, input: FacilityInput, source = ''): Promise<FacilityFeature> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<FacilityRow>(
      `INSERT INTO facilities (type, name, status, source, geom) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326))
       RETURNING ${FACILITY_COLUMNS}`,
      [input.type, input.name, input.status, source, input.lng, input.lat],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    const created = featureOf(row);
    await recordAudit({ ...ctx, db: tx }, { action: 'create', entity: 'facility', entityId: row.id, before: null, after: created });
    await notifyProgrammeChange(tx, FACILITIES_CHANGED, ctx);
    return created;
  });
}

export type FacilityPatch = Partial<FacilityInput> & { version: number };

export async function updateFacility(ctx: ServiceContext, id: number, patch: FacilityPatch): Promise<FacilityFeature> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockVersion(tx, id, patch.version);
    const [lng, lat] = before.geometry.coordinates;
    const params: SqlParam[] = [
      id,
      patch.type ?? before.properties.type,
      patch.name ?? before.properties.name,
      patch.status ?? before.properties.status,
      patch.lng ?? lng ?? 0,
      patch.lat ?? lat ?? 0,
    ];
    const [row] = await tx.query<FacilityRow>(
      `UPDATE facilities SET type = $2, name = $3, status = $4, geom = ST_SetSRID(ST_MakePoint($5, $6), 4326),
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${FACILITY_COLUMNS}`,
      params,
    );
    if (!row) throw new Error('UPDATE … RETURNING gave no row');
    const after = featureOf(row);
    await recordAudit({ ...ctx, db: tx }, { action: 'update', entity: 'facility', entityId: id, before, after });
    await notifyProgrammeChange(tx, FACILITIES_CHANGED, ctx);
    return after;
  });
}

export async function deleteFacility(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await lockVersion(tx, id, version);
    await tx.query('DELETE FROM facilities WHERE id = $1', [id]);
    await recordAudit({ ...ctx, db: tx }, { action: 'delete', entity: 'facility', entityId: id, before, after: null });
    await notifyProgrammeChange(tx, FACILITIES_CHANGED, ctx);
  });
}

export interface FacilityImportResult {
  created: number;
  /** Ids of the new facilities, in the order given. */
  ids: number[];
}

/** Adds every facility of an import in one statement, or none. */
export async function importFacilities(
  ctx: ServiceContext,
  facilities: readonly FacilityInput[],
  source: string,
): Promise<FacilityImportResult> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO facilities (type, name, status, source, geom)
       SELECT f.value->>'type', f.value->>'name', f.value->>'status', $2,
              ST_SetSRID(ST_MakePoint((f.value->>'lng')::float8, (f.value->>'lat')::float8), 4326)
       FROM json_array_elements($1::json) WITH ORDINALITY AS f(value, n)
       ORDER BY f.n
       RETURNING id`,
      [JSON.stringify(facilities), source],
    );
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    const byType: Record<string, number> = {};
    for (const f of facilities) byType[f.type] = (byType[f.type] ?? 0) + 1;
    await recordAudit(
      { ...ctx, db: tx },
      {
        action: 'import',
        entity: 'facility',
        entityId: ids.length > 0 ? `${ids[0]}-${ids[ids.length - 1]}` : 'none',
        before: null,
        after: { source, created: ids.length, byType },
      },
    );
    await notifyProgrammeChange(tx, FACILITIES_CHANGED, ctx);
    return { created: ids.length, ids };
  });
}
