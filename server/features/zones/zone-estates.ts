/**
 * Estates as the zone rules see them: their totals fields, sub-district, and outline packed in
 * the local metric plane for the neighbour relation (core/zones).
 */
import type { TotalledProperties } from '../../../core/estate-totals.js';
import { shapeFromWkb } from '../../../core/zones/packed-shapes.js';
import type { ZoneCandidateEstate } from '../../../core/zones/suggest-zones.js';
import type { LocalPlane } from '../../../core/zones/local-metric.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { totalledFieldsSql } from './zones.sql.js';

/** An estate as the suggestions see it: what the grouping and the totals need, nothing more. */
export interface CandidateEstate extends ZoneCandidateEstate, TotalledProperties {}

/** An estate as a zone's rules and detail see it: with the names their messages and lists show. */
export interface ZoneEstate extends CandidateEstate {
  name: string;
  subdistrictName: string | null;
}

type Row<Estate> = Omit<Estate, 'shape'> & { shape: Uint8Array };

async function loadEstates<Estate extends CandidateEstate>(
  db: Queryable,
  plane: LocalPlane,
  cutoffYear: number,
  namesSql: string,
  whereSql: string,
  whereParams: readonly SqlParam[],
): Promise<Estate[]> {
  const rows = await db.query<Row<Estate>>(
    `SELECT e.id, e.subdistrict_code AS "subdistrictCode", ${totalledFieldsSql(2)}, ${namesSql}
            ST_AsBinary(ST_Transform(e.geom, $1::int)) AS shape
     FROM estates e
     WHERE ${whereSql}
     ORDER BY e.id`,
    [plane.srid, cutoffYear, ...whereParams],
  );
  // In place: for a whole city, copying 10 000 rows into new objects costs more than reading them.
  for (const row of rows) (row as unknown as { shape: unknown }).shape = shapeFromWkb(row.shape);
  return rows as unknown as Estate[];
}

/**
 * The estates `whereSql` selects (over `estates e`; its parameters start at $3), measured in `plane`.
 * $1 is the plane, $2 the eligibility cut-off year.
 */
export function loadZoneEstates(
  db: Queryable,
  plane: LocalPlane,
  cutoffYear: number,
  whereSql: string,
  whereParams: readonly SqlParam[],
): Promise<ZoneEstate[]> {
  return loadEstates<ZoneEstate>(
    db,
    plane,
    cutoffYear,
    `e.name, (SELECT s.name FROM subdistricts s WHERE s.code = e.subdistrict_code) AS "subdistrictName",`,
    whereSql,
    whereParams,
  );
}

/** The same without names: what the city-wide suggestions load (names cost a third of the time). */
export function loadCandidateEstates(
  db: Queryable,
  plane: LocalPlane,
  cutoffYear: number,
  whereSql: string,
  whereParams: readonly SqlParam[],
): Promise<CandidateEstate[]> {
  return loadEstates<CandidateEstate>(db, plane, cutoffYear, '', whereSql, whereParams);
}
