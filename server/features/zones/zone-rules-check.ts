/**
 * The rules a zone's members must keep (design.md §7), checked by the server on every zone write
 * and on estate writes that touch a member: members exist, belong to no other zone, stay within
 * the caps and (when configured) one sub-district, and are connected through the neighbour
 * relation unless the planner accepted a split zone with a reason. Each broken rule is its own
 * problem code with both languages in core/problems.ts; nothing is fixed silently.
 */
import type { MultiPolygon } from 'geojson';
import { estateTotals } from '../../../core/estate-totals.js';
import { connectedParts } from '../../../core/zones/suggest-zones.js';
import type { ZoneRules } from '../../../core/zones/zone-rules.js';
import type { LocalPlane } from '../../../core/zones/local-metric.js';
import type { Queryable } from '../../db/index.js';
import { ConflictError, RejectedError } from '../../domain-errors.js';
import { computedOutline, metricPlaneOf } from './zones.sql.js';
import { loadZoneEstates, type ZoneEstate } from './zone-estates.js';

/** Names listed in a message: the first few, then how many more. */
export function nameList(names: readonly string[], shown = 5): string {
  const head = names.slice(0, shown).join('、');
  return names.length > shown ? `${head} … (+${names.length - shown})` : head;
}

export interface CheckedMembers {
  /** The local metric plane the rules were measured in. */
  plane: LocalPlane;
  members: ZoneEstate[];
  /** The connected groups the members fall into (one when connected). */
  parts: number[][];
}

/** 422 unknown_estates, 409 zone_estate_taken (naming the zone that holds it). */
async function assertMembersFree(db: Queryable, ids: readonly number[], zoneId: number | null): Promise<void> {
  const found = await db.query<{ id: number }>('SELECT id FROM estates WHERE id = ANY($1::int[])', [ids]);
  if (found.length < ids.length) {
    const present = new Set(found.map((row) => row.id));
    const missing = ids.filter((id) => !present.has(id));
    throw new RejectedError('unknown_estates', { ids: missing.join(', ') }, { estateIds: missing });
  }
  const [taken] = await db.query<{ estateId: number; estateName: string; zoneId: number; zoneName: string }>(
    `SELECT ze.estate_id AS "estateId", e.name AS "estateName", z.id AS "zoneId", z.name AS "zoneName"
     FROM zone_estates ze JOIN zones z ON z.id = ze.zone_id JOIN estates e ON e.id = ze.estate_id
     WHERE ze.estate_id = ANY($1::int[]) AND ze.zone_id IS DISTINCT FROM $2
     ORDER BY ze.estate_id LIMIT 1`,
    [ids, zoneId],
  );
  if (taken) throw new ConflictError('zone_estate_taken', taken, { estateId: taken.estateId, zoneId: taken.zoneId });
}

/** Caps and the sub-district rule (422). */
function assertCapsAndUnits(members: readonly ZoneEstate[], rules: ZoneRules): void {
  const totals = estateTotals(members);
  if (rules.maxEstates !== null && totals.estates > rules.maxEstates) {
    throw new RejectedError('zone_too_many_estates', { estates: totals.estates, maximum: rules.maxEstates });
  }
  if (rules.maxHouseholds !== null && totals.households > rules.maxHouseholds) {
    throw new RejectedError('zone_too_many_households', { households: totals.households, maximum: rules.maxHouseholds });
  }
  if (rules.sameSubdistrict) {
    const units = [...new Set(members.map((m) => m.subdistrictName ?? m.subdistrictCode ?? '—'))];
    if (units.length > 1) throw new RejectedError('zone_mixed_subdistricts', { list: nameList(units) }, { subdistricts: units });
  }
}

/**
 * Checks the members of a zone (`zoneId` null for a new one) against every rule; answers them
 * measured in their local plane. `splitReason` accepts members that are not all connected.
 */
export async function checkZoneMembers(
  db: Queryable,
  ids: readonly number[],
  zoneId: number | null,
  rules: ZoneRules,
  cutoffYear: number,
  splitReason: string | null,
): Promise<CheckedMembers> {
  await assertMembersFree(db, ids, zoneId);
  const plane = await metricPlaneOf(db, 'FROM estates e WHERE e.id = ANY($1::int[])', [ids]);
  if (plane === null) throw new RejectedError('zone_needs_estates', {});
  const members = await loadZoneEstates(db, plane, cutoffYear, 'e.id = ANY($3::int[])', [ids]);
  assertCapsAndUnits(members, rules);
  const parts = connectedParts(members, rules.gapM);
  if (parts.length > 1 && splitReason === null) {
    const byId = new Map(members.map((m) => [m.id, m.name]));
    const list = parts
      .map((part) =>
        nameList(
          part.map((id) => byId.get(id) ?? String(id)),
          3,
        ),
      )
      .join(' | ');
    throw new RejectedError('zone_disconnected', { parts: parts.length, gapM: rules.gapM, list }, { parts });
  }
  return { plane, members, parts };
}

/** Members not inside a drawn boundary (given as checked GeoJSON text), allowing 0.5 m for snapping. */
export async function membersOutside(db: Queryable, boundaryGeojson: string, ids: readonly number[], plane: LocalPlane): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `WITH b AS (SELECT ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), $3::int), 0.5) AS g)
     SELECT e.name FROM estates e, b WHERE e.id = ANY($2::int[]) AND NOT ST_Covers(b.g, ST_Transform(e.geom, $3::int)) ORDER BY e.id`,
    [boundaryGeojson, ids, plane.srid],
  );
  return rows.map((row) => row.name);
}

/** The outline to store: the drawn boundary when it holds every member (422 otherwise), else computed. */
export async function zoneOutline(
  db: Queryable,
  checked: CheckedMembers,
  gapM: number,
  drawnGeojson: string | null,
): Promise<{ source: 'computed' | 'drawn'; geojson: string }> {
  const ids = checked.members.map((m) => m.id);
  if (drawnGeojson !== null) {
    const outside = await membersOutside(db, drawnGeojson, ids, checked.plane);
    if (outside.length > 0) throw new RejectedError('zone_boundary_misses_estates', { list: nameList(outside) }, { estates: outside });
    return { source: 'drawn', geojson: drawnGeojson };
  }
  const outline: MultiPolygon = await computedOutline(db, checked.members, checked.plane, gapM);
  return { source: 'computed', geojson: JSON.stringify(outline) };
}
