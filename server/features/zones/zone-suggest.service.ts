/**
 * POST /api/zones/suggest: zones for every estate not yet in one (eligible only, or with their
 * non-eligible neighbours), grouped by core/zones in the city's local metric plane, each with
 * its PostGIS outline and totals. Writes nothing.
 */
import type { MultiPolygon } from 'geojson';
import type { ZoneSuggestAnswer, ZoneSuggestBody, ZoneSuggestion } from '../../../core/contract/index.js';
import { estateTotals } from '../../../core/estate-totals.js';
import { groupEstates } from '../../../core/zones/suggest-zones.js';
import type { ServiceContext } from '../../context.js';
import type { LocalPlane } from '../../../core/zones/local-metric.js';
import type { Queryable } from '../../db/index.js';
import { eligibleSql } from '../estates/estates.sql.js';
import { loadZoneEstates } from './zone-estates.js';
import { metricPlaneOf } from './zones.sql.js';

const NOT_IN_A_ZONE = 'NOT EXISTS (SELECT 1 FROM zone_estates ze WHERE ze.estate_id = e.id)';

/** Outlines of many groups in one statement: `groups[k]` are the estate ids of group k. */
async function outlinesOf(db: Queryable, groups: readonly number[][], plane: LocalPlane, gapM: number): Promise<MultiPolygon[]> {
  const ids = groups.flat();
  const keys = groups.flatMap((group, k) => group.map(() => k));
  const rows = await db.query<{ k: number; outline: string }>(
    `SELECT g.k, ST_AsGeoJSON(ST_Transform(zone_outline(array_agg(ST_Transform(e.geom, $3::int) ORDER BY e.id), $4), 4326), 7) AS outline
     FROM unnest($1::int[], $2::int[]) AS g(id, k) JOIN estates e ON e.id = g.id
     GROUP BY g.k`,
    [ids, keys, plane.srid, gapM],
  );
  const outlines: MultiPolygon[] = new Array<MultiPolygon>(groups.length);
  for (const row of rows) outlines[row.k] = JSON.parse(row.outline) as MultiPolygon;
  return outlines;
}

export async function suggestZones(ctx: ServiceContext<Queryable>, body: ZoneSuggestBody): Promise<ZoneSuggestAnswer> {
  const cutoff = ctx.settings.eligibilityCutoffYear;
  const planeWhere = body.eligibleOnly ? `${NOT_IN_A_ZONE} AND ${eligibleSql(1)}` : `${NOT_IN_A_ZONE} AND $1::int IS NOT NULL`;
  const plane = await metricPlaneOf(ctx.db, `FROM estates e WHERE ${planeWhere}`, [cutoff]);
  if (plane === null) return { suggestions: [], consideredEstates: 0, proj: '', srid: 0 };
  const estates = await loadZoneEstates(
    ctx.db,
    plane,
    cutoff,
    body.eligibleOnly ? `${NOT_IN_A_ZONE} AND ${eligibleSql(2)}` : NOT_IN_A_ZONE,
    [],
  );
  const byId = new Map(estates.map((e) => [e.id, e]));
  const groups = groupEstates(estates, body).filter((group) => group.length > 1);
  const outlines = groups.length === 0 ? [] : await outlinesOf(ctx.db, groups, plane, body.gapM);
  const suggestions: ZoneSuggestion[] = groups.map((estateIds, k) => ({
    estateIds,
    outline: outlines[k] ?? { type: 'MultiPolygon', coordinates: [] },
    totals: estateTotals(estateIds.flatMap((id) => byId.get(id) ?? [])),
  }));
  // Largest first: the zones that matter most to a planner come first in the list.
  suggestions.sort((a, b) => b.totals.households - a.totals.households || (a.estateIds[0] ?? 0) - (b.estateIds[0] ?? 0));
  return { suggestions, consideredEstates: estates.length, proj: plane.proj, srid: plane.srid };
}
