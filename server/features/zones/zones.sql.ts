/**
 * SQL of the zone feature: the member fields the totals read (aliased to their API keys), the
 * local metric plane of a set of estates, and the outline (zone_outline(), migration 007).
 */
import type { MultiPolygon } from 'geojson';
import { ledgerField } from '../../../core/ledger-fields.js';
import { localPlane, type LocalPlane } from '../../../core/zones/local-metric.js';
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

/** The closed outline of the estates `ids` measured in `plane` (zone_outline(), migration 007). */
export async function computedOutline(db: Queryable, ids: readonly number[], plane: LocalPlane, gapM: number): Promise<MultiPolygon> {
  const [row] = await db.query<{ outline: MultiPolygon | string }>(
    `SELECT ST_AsGeoJSON(ST_Transform(zone_outline(array_agg(ST_Transform(e.geom, $2::int) ORDER BY e.id), $3), 4326), 15)::json AS outline FROM estates e WHERE e.id = ANY($1::int[])`,
    [ids, plane.srid, gapM],
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
