/**
 * Estate writes that touch a zone member keep the zone consistent: a reshaped member gets its
 * zone's outline recomputed, a deleted one leaves its zone, which is recomputed — or the estate
 * write is refused (409 zone_member_change_refused) when the zone would fall apart, lose its last
 * estate, or no longer fit its drawn boundary. Runs in the estate write's transaction, under the
 * estate write lock, so the estate and its zone change together or not at all.
 */
import type { ServiceContext } from '../../context.js';
import type { Executor, Queryable } from '../../db/index.js';
import { ConflictError, DomainError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { checkZoneMembers, membersOutside } from './zone-rules-check.js';
import { computedOutline, zoneAuditRecord } from './zones.sql.js';

interface MemberZone {
  id: number;
  name: string;
  boundary: 'computed' | 'drawn';
  splitReason: string | null;
  estateIds: number[];
  estateName: string;
}

async function zoneOfEstate(db: Queryable, estateId: number): Promise<MemberZone | null> {
  const [row] = await db.query<MemberZone>(
    `SELECT z.id, z.name, z.boundary_source AS boundary, z.split_reason AS "splitReason", e.name AS "estateName",
            (SELECT array_agg(m.estate_id ORDER BY m.estate_id) FROM zone_estates m WHERE m.zone_id = z.id) AS "estateIds"
     FROM zone_estates ze JOIN zones z ON z.id = ze.zone_id JOIN estates e ON e.id = ze.estate_id
     WHERE ze.estate_id = $1 FOR UPDATE OF z`,
    [estateId],
  );
  return row ?? null;
}

type Why = 'split' | 'last' | 'boundary';

function refused(zone: MemberZone, why: Why): ConflictError {
  return new ConflictError('zone_member_change_refused', { estateName: zone.estateName, zoneName: zone.name, zoneId: zone.id, why });
}

/** Rechecks the zone with `estateIds` as its members and stores its new outline; refuses with `why` on a broken rule. */
async function refreshZone(ctx: ServiceContext<Executor>, zone: MemberZone, estateIds: number[]): Promise<void> {
  const { db, settings } = ctx;
  const before = await zoneAuditRecord(db, zone.id);
  let checked;
  try {
    checked = await checkZoneMembers(db, estateIds, zone.id, settings.zoneRules, settings.eligibilityCutoffYear, zone.splitReason);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'zone_disconnected') throw refused(zone, 'split');
    throw error;
  }
  await db.query('DELETE FROM zone_estates WHERE zone_id = $1 AND NOT (estate_id = ANY($2::int[]))', [zone.id, estateIds]);
  if (zone.boundary === 'drawn') {
    const [drawn] = await db.query<{ outline: string }>('SELECT ST_AsGeoJSON(outline, 15) AS outline FROM zones WHERE id = $1', [zone.id]);
    if (drawn && (await membersOutside(db, drawn.outline, estateIds, checked.plane)).length > 0) throw refused(zone, 'boundary');
    await db.query('UPDATE zones SET version = version + 1, updated_at = now() WHERE id = $1', [zone.id]);
  } else {
    const outline = await computedOutline(db, checked.members, checked.plane, settings.zoneRules.gapM);
    await db.query(
      `UPDATE zones SET outline = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), version = version + 1, updated_at = now() WHERE id = $1`,
      [zone.id, JSON.stringify(outline)],
    );
  }
  await recordAudit(ctx, { action: 'update', entity: 'zone', entityId: zone.id, before, after: await zoneAuditRecord(db, zone.id) });
}

/** After a member's outline changed (call after the estate UPDATE, in its transaction). */
export async function afterMemberReshaped(ctx: ServiceContext<Executor>, estateId: number): Promise<void> {
  const zone = await zoneOfEstate(ctx.db, estateId);
  if (zone) await refreshZone(ctx, zone, zone.estateIds);
}

/** Before a member is deleted (call before the estate DELETE, in its transaction): it leaves its zone. */
export async function beforeMemberDeleted(ctx: ServiceContext<Executor>, estateId: number): Promise<void> {
  const zone = await zoneOfEstate(ctx.db, estateId);
  if (!zone) return;
  const remaining = zone.estateIds.filter((id) => id !== estateId);
  if (remaining.length === 0) throw refused(zone, 'last');
  await refreshZone(ctx, zone, remaining);
}
