/**
 * GET /api/zones/:id/detail: what a zone's panel shows besides the zone — the neighbour links
 * between its members (the relation of core/zones, drawn as the shortest line between the two
 * boundaries) and the facilities that serve every member: inside the outline or within the
 * type's walking radius of it (straight line here; the life-circle analysis measures on roads).
 */
import type { LineString, Point } from 'geojson';
import type { ZoneDetail, ZoneFacilityFeature, ZoneLinkFeature } from '../../../core/contract/index.js';
import { FACILITY_CATALOGUE } from '../../../core/facility-catalogue.js';
import { neighbourLinks } from '../../../core/zones/neighbour-graph.js';
import type { LocalPlane } from '../../../core/zones/local-metric.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { loadZoneEstates } from './zone-estates.js';
import { getZone } from './zones.service.js';
import { metricPlaneOf } from './zones.sql.js';

async function linkFeatures(ctx: ServiceContext<Queryable>, estateIds: readonly number[], plane: LocalPlane): Promise<ZoneLinkFeature[]> {
  const members = await loadZoneEstates(ctx.db, plane, ctx.settings.eligibilityCutoffYear, 'e.id = ANY($3::int[])', [estateIds]);
  const links = neighbourLinks(
    members.map((m) => m.shape),
    ctx.settings.zoneRules.gapM,
  );
  if (links.length === 0) return [];
  const pairs = links.map((l) => ({ a: members[l.a]?.id ?? 0, b: members[l.b]?.id ?? 0, distanceM: Math.round(l.distanceM * 10) / 10 }));
  const rows = await ctx.db.query<{ k: number; line: string }>(
    `SELECT p.k, ST_AsGeoJSON(ST_Transform(ST_ShortestLine(ST_Transform(a.geom, $3::int), ST_Transform(b.geom, $3::int)), 4326), 7) AS line
     FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS p(a, b, k)
     JOIN estates a ON a.id = p.a JOIN estates b ON b.id = p.b`,
    [pairs.map((p) => p.a), pairs.map((p) => p.b), plane.srid],
  );
  return rows.flatMap((row) => {
    const pair = pairs[row.k - 1];
    return pair ? [{ type: 'Feature' as const, geometry: JSON.parse(row.line) as LineString, properties: pair }] : [];
  });
}

async function servingFacilities(ctx: ServiceContext<Queryable>, zoneId: number, plane: LocalPlane): Promise<ZoneFacilityFeature[]> {
  const rows = await ctx.db.query<{ id: number; type: string; name: string; distanceM: number; point: string }>(
    `WITH z AS (SELECT ST_Transform(outline, $1::int) AS g, outline FROM zones WHERE id = $2),
          r AS (SELECT * FROM unnest($3::text[], $4::float8[]) AS r(type, radius_m))
     SELECT f.id, f.type, f.name, ST_Distance(z.g, ST_Transform(f.geom, $1::int)) AS "distanceM", ST_AsGeoJSON(f.geom, 7) AS point
     FROM z, facilities f JOIN r ON r.type = f.type
     WHERE f.geom && ST_Expand(z.outline, 0.03) AND ST_DWithin(z.g, ST_Transform(f.geom, $1::int), r.radius_m)
     ORDER BY 4, f.id`,
    [plane.srid, zoneId, FACILITY_CATALOGUE.map((t) => t.id), FACILITY_CATALOGUE.map((t) => t.maxWalkM)],
  );
  return rows.map((row) => ({
    type: 'Feature',
    geometry: JSON.parse(row.point) as Point,
    properties: { id: row.id, type: row.type, name: row.name, distanceM: Math.round(row.distanceM) },
  }));
}

export async function zoneDetail(ctx: ServiceContext<Queryable>, id: number): Promise<ZoneDetail> {
  const zone = await getZone(ctx, id);
  const plane = await metricPlaneOf(ctx.db, 'FROM zones z, LATERAL (SELECT z.outline AS geom) e WHERE z.id = $1', [id]);
  if (plane === null) return { zone, links: [], facilities: [] };
  const [links, facilities] = [await linkFeatures(ctx, zone.properties.estateIds, plane), await servingFacilities(ctx, id, plane)];
  return { zone, links, facilities };
}
