/**
 * SQL of the zone feature: the member fields the totals read (aliased to their API keys), the
 * local metric plane of a set of estates, and the outline (zone_outline(), migration 008).
 */
import type { MultiPolygon } from 'geojson';
import { ledgerField } from '../../../core/ledger-fields.js';
import { zoneBridges } from '../../../core/zones/link-bridges.js';
import { localPlane, type LocalPlane } from '../../../core/zones/local-metric.js';
import type { MetricShape } from '../../../core/zones/metric-shape.js';
import { neighbourLinks } from '../../../core/zones/neighbour-graph.js';
import { holeFillRadiusM } from '../../../core/zones/zone-outline.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { eligibleSql } from '../estates/estates.sql.js';

const column = (key: 'households' | 'floorAreaM2' | 'buildings' | 'landAreaM2' | 'urgent'): string => `e.${ledgerField(key).column}`;

/** The fields estateTotals() sums, from estates `e`; `$cutoffParam` is the eligibility cut-off year. */
export function totalledFieldsSql(cutoffParam: number): string {
  return [
    `${column('households')} AS households`,
    `${column('floorAreaM2')} AS "floorAreaM2"`,
    `${column('buildings')} AS buildings`,
    `${column('landAreaM2')} AS "landAreaM2"`,
    `${eligibleSql(cutoffParam)} AS eligible`,
    `${column('urgent')} AS urgent`,
  ].join(', ');
}

/** The local metric plane centred on the estates `fromWhereSql` selects (`FROM estates e WHERE …`). */
export async function metricPlaneOf(db: Queryable, fromWhereSql: string, params: readonly SqlParam[]): Promise<LocalPlane | null> {
  const [row] = await db.query<{ lng: number | null; lat: number | null }>(
    `SELECT (ST_XMin(x) + ST_XMax(x)) / 2 AS lng, (ST_YMin(x) + ST_YMax(x)) / 2 AS lat
     FROM (SELECT ST_Extent(e.geom) AS x ${fromWhereSql}) s`,
    params,
  );
  if (!row || row.lng === null || row.lat === null) return null;
  return localPlane(row.lng, row.lat);
}

/** An estate as the outline needs it: its id, and its shape in the plane the outline is computed in. */
export interface OutlineMember {
  id: number;
  shape: MetricShape;
}

/**
 * The outline of `members` (measured in `plane`) computed by PostGIS: zone_outline() of the
 * estates and of their bridges (core/zones/link-bridges.ts), in WGS84.
 */
export async function computedOutline(
  db: Queryable,
  members: readonly OutlineMember[],
  plane: LocalPlane,
  gapM: number,
): Promise<MultiPolygon> {
  const shapes = members.map((m) => m.shape);
  const bridges = zoneBridges(shapes, neighbourLinks(shapes, gapM), gapM).map((ring) =>
    JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
  );
  const [row] = await db.query<{ outline: MultiPolygon | string }>(
    `SELECT ST_AsGeoJSON(ST_Transform(zone_outline(
              ARRAY(SELECT ST_Transform(e.geom, $2::int) FROM estates e WHERE e.id = ANY($1::int[]) ORDER BY e.id),
              ARRAY(SELECT ST_SetSRID(ST_GeomFromGeoJSON(b), $2::int) FROM unnest($3::text[]) AS b),
              $4), 4326), 15)::json AS outline`,
    [members.map((m) => m.id), plane.srid, bridges, holeFillRadiusM(gapM)],
  );
  const outline = row?.outline;
  if (!outline) throw new Error('zone_outline gave no outline');
  return typeof outline === 'string' ? (JSON.parse(outline) as MultiPolygon) : outline;
}

/** The zone as its audit entries keep it (zone_audit_record(), migration 007). */
export async function zoneAuditRecord(db: Queryable, id: number): Promise<unknown> {
  const [row] = await db.query<{ record: unknown }>('SELECT zone_audit_record(z) AS record FROM zones z WHERE z.id = $1', [id]);
  return row?.record ?? null;
}
