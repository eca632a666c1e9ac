/**
 * POST /api/zones/suggest: zones for every estate not yet in one (eligible only, or with their
 * non-eligible neighbours), grouped by core/zones in the city's local metric plane, each with
 * its outline (core/zones/zone-outline.ts, on worker threads) and totals. Writes nothing.
 */
import type { ZoneSuggestAnswer, ZoneSuggestBody, ZoneSuggestion } from '../../../core/contract/index.js';
import { estateTotals } from '../../../core/estate-totals.js';
import { groupEstates } from '../../../core/zones/suggest-zones.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { eligibleSql } from '../estates/estates.sql.js';
import { outlinesOfGroups } from './zone-workers.js';
import { loadCandidateEstates, type CandidateEstate } from './zone-estates.js';
import { metricPlaneOf } from './zones.sql.js';

const NOT_IN_A_ZONE = 'NOT EXISTS (SELECT 1 FROM zone_estates ze WHERE ze.estate_id = e.id)';

export async function suggestZones(ctx: ServiceContext<Queryable>, body: ZoneSuggestBody): Promise<ZoneSuggestAnswer> {
  const cutoff = ctx.settings.eligibilityCutoffYear;
  const planeWhere = body.eligibleOnly ? `${NOT_IN_A_ZONE} AND ${eligibleSql(1)}` : `${NOT_IN_A_ZONE} AND $1::int IS NOT NULL`;
  const plane = await metricPlaneOf(ctx.db, `FROM estates e WHERE ${planeWhere}`, [cutoff]);
  if (plane === null) return { suggestions: [], consideredEstates: 0, proj: '', srid: 0 };
  const estates = await loadCandidateEstates(
    ctx.db,
    plane,
    cutoff,
    body.eligibleOnly ? `${NOT_IN_A_ZONE} AND ${eligibleSql(2)}` : NOT_IN_A_ZONE,
    [],
  );
  const groups = groupEstates(estates, body).filter((group) => group.estateIds.length > 1);
  const outlines = await outlinesOfGroups(
    groups.map((group) => ({ shapes: group.members.map((m) => (estates[m] as CandidateEstate).shape), links: group.links })),
    body.gapM,
    plane.proj,
  );
  const suggestions: ZoneSuggestion[] = groups.map((group, k) => ({
    estateIds: group.estateIds,
    outline: outlines[k] ?? { type: 'MultiPolygon', coordinates: [] },
    totals: estateTotals(group.members.map((m) => estates[m] as CandidateEstate)),
  }));
  // Largest first: the zones that matter most to a planner come first in the list.
  suggestions.sort((a, b) => b.totals.households - a.totals.households || (a.estateIds[0] ?? 0) - (b.estateIds[0] ?? 0));
  return { suggestions, consideredEstates: estates.length, proj: plane.proj, srid: plane.srid };
}
