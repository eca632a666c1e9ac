/**
 * Estate entrances (小区出入口, table estate_gates): coverage measures from them when an estate has
 * any. A planner adds them on the map; each must lie on the estate's boundary or close to it.
 */
import type { Point } from 'geojson';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { NotFoundError, RejectedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { toFeatureCollection } from '../layers/layers.service.js';

/** How far outside an estate's boundary a gate may be placed: the width of the pavement in front of it. */
export const GATE_MAX_OFFSET_M = 30;

type GateRow = {
  id: number;
  geometry: Point;
  estateId: number;
  name: string;
};

const GATE_COLUMNS = 'id, ST_AsGeoJSON(geom, 7)::json AS geometry, estate_id AS "estateId", name';

/** Gates as GeoJSON Points with `{ estateId, name }`: every estate's (GET /api/estate-gates), or one estate's. */
export async function listEstateGates(db: Queryable, estateId: number | null = null) {
  return toFeatureCollection(
    await db.query<GateRow>(`SELECT ${GATE_COLUMNS} FROM estate_gates WHERE $1::int IS NULL OR estate_id = $1 ORDER BY id`, [estateId]),
  );
}

export interface NewGate {
  name: string;
  lng: number;
  lat: number;
}

/** POST /api/estates/:id/gates: refused (422) when the point is farther than GATE_MAX_OFFSET_M outside the estate. */
export async function addEstateGate(ctx: ServiceContext, estateId: number, gate: NewGate) {
  return ctx.db.transaction(async (tx) => {
    const [estate] = await tx.query<{ distanceM: number }>(
      `SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS "distanceM"
       FROM estates WHERE id = $1 FOR UPDATE`,
      [estateId, gate.lng, gate.lat],
    );
    if (!estate) throw new NotFoundError(`estate ${estateId}`);
    if (estate.distanceM > GATE_MAX_OFFSET_M)
      throw new RejectedError('gate_too_far', { maximumM: GATE_MAX_OFFSET_M, distanceM: Math.round(estate.distanceM) });
    const [row] = await tx.query<GateRow>(
      `INSERT INTO estate_gates (estate_id, name, geom) VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING ${GATE_COLUMNS}`,
      [estateId, gate.name, gate.lng, gate.lat],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    await recordAudit({ ...ctx, db: tx }, { action: 'create', entity: 'estate_gate', entityId: row.id, before: null, after: row });
    return toFeatureCollection([row]).features[0];
  });
}

/** DELETE /api/estates/:id/gates/:gateId */
export async function deleteEstateGate(ctx: ServiceContext, estateId: number, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.query<GateRow>(`DELETE FROM estate_gates WHERE id = $1 AND estate_id = $2 RETURNING ${GATE_COLUMNS}`, [
      id,
      estateId,
    ]);
    if (!before) throw new NotFoundError(`gate ${id} of estate ${estateId}`);
    await recordAudit({ ...ctx, db: tx }, { action: 'delete', entity: 'estate_gate', entityId: id, before, after: null });
  });
}
