/**
 * Estates as the zone rules see them: their totals fields, sub-district, and outline packed in
 * the local metric plane for the neighbour relation (core/zones).
 */
import type { MultiPolygon } from 'geojson';
import type { TotalledProperties } from '../../../core/estate-totals.js';
import { packRings } from '../../../core/zones/metric-shape.js';
import type { ZoneCandidateEstate } from '../../../core/zones/suggest-zones.js';
import type { LocalPlane } from '../../../core/zones/local-metric.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { totalledFieldsSql } from './zones.sql.js';

export interface ZoneEstate extends ZoneCandidateEstate, TotalledProperties {
  name: string;
  subdistrictName: string | null;
}

interface ZoneEstateRow extends TotalledProperties {
  id: number;
  name: string;
  subdistrictCode: string | null;
  subdistrictName: string | null;
  shape: string;
}

function ringsOf(geometry: MultiPolygon): number[][][] {
  return geometry.coordinates.flat();
}

/**
 * The estates `whereSql` selects (over `estates e`; its parameters start at $3), measured in `plane`.
 * $1 is the plane, $2 the eligibility cut-off year.
 */
export async function loadZoneEstates(
  db: Queryable,
  plane: LocalPlane,
  cutoffYear: number,
  whereSql: string,
  whereParams: readonly SqlParam[],
): Promise<ZoneEstate[]> {
  const rows = await db.query<ZoneEstateRow>(
    `SELECT e.id, e.name, e.subdistrict_code AS "subdistrictCode", s.name AS "subdistrictName", ${totalledFieldsSql(2)},
            ST_AsGeoJSON(ST_Transform(e.geom, $1::int), 3, 0) AS shape
     FROM estates e LEFT JOIN subdistricts s ON s.code = e.subdistrict_code
     WHERE ${whereSql}
     ORDER BY e.id`,
    [plane.srid, cutoffYear, ...whereParams],
  );
  return rows.map(({ shape, ...row }) => ({ ...row, shape: packRings(ringsOf(JSON.parse(shape) as MultiPolygon)) }));
}
