import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { polygonLabelPoint } from '../../../core/geometry/label-points.js';
import type { Bbox } from '../../../core/geometry/bbox.js';
import type { EstateSource, FacilityCounts } from '../../../core/contract/index.js';
import type { Queryable, SqlParam } from '../../db/index.js';

/** Rows that carry their geometry as GeoJSON in `geometry` and everything else as properties. */
type GeoRow = { id: number; geometry: Geometry | null } & Record<string, unknown>;

export function toFeatureCollection<R extends GeoRow>(rows: R[]): FeatureCollection<Geometry | null> {
  return {
    type: 'FeatureCollection',
    features: rows.map(({ id, geometry, ...properties }): Feature<Geometry | null> => ({ type: 'Feature', id, geometry, properties })),
  };
}

function bboxCondition(bbox: Bbox | undefined, params: SqlParam[]): string | null {
  if (!bbox) return null;
  const n = params.length;
  params.push(...bbox);
  return `geom && ST_MakeEnvelope($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, 4326)`;
}

function whereOf(conditions: (string | null)[]): string {
  const present = conditions.filter((c): c is string => c !== null);
  return present.length > 0 ? `WHERE ${present.join(' AND ')}` : '';
}

export async function listFacilities(db: Queryable, filter: { type?: string | undefined; bbox?: Bbox | undefined }) {
  const params: SqlParam[] = [];
  let typeCondition: string | null = null;
  if (filter.type !== undefined) {
    params.push(filter.type);
    typeCondition = `type = $${params.length}`;
  }
  const where = whereOf([typeCondition, bboxCondition(filter.bbox, params)]);
  const rows = await db.query<GeoRow>(
    `SELECT id, ST_AsGeoJSON(geom, 7)::json AS geometry, type, name, status, source, version FROM facilities ${where} ORDER BY id`,
    params,
  );
  return toFeatureCollection(rows);
}

/** GET /api/facilities/counts: one count per type present, planned ones included (the legend counts what the map draws). */
export async function countFacilities(db: Queryable): Promise<FacilityCounts> {
  const rows = await db.query<{ type: string; count: number }>('SELECT type, count(*)::int AS count FROM facilities GROUP BY type');
  return { byType: Object.fromEntries(rows.map((r) => [r.type, r.count])) };
}

export async function listRoads(db: Queryable, filter: { bbox?: Bbox | undefined }) {
  const params: SqlParam[] = [];
  const where = whereOf([bboxCondition(filter.bbox, params)]);
  const rows = await db.query<GeoRow>(
    `SELECT id, ST_AsGeoJSON(geom, 7)::json AS geometry, name, road_class AS "roadClass" FROM roads ${where} ORDER BY id`,
    params,
  );
  return toFeatureCollection(rows);
}

/**
 * Sub-districts with their estate counts, so the filter list can say how much each holds, each with
 * its box (GeoJSON `bbox`, to frame it) and the point its name is drawn at (`labelPoint`). Without
 * their outlines (`null`) for a map that draws the boundaries from tiles: a province's are megabytes.
 */
export async function listSubdistricts(db: Queryable, { geometry }: { geometry?: 'none' | undefined } = {}) {
  const rows = await db.query<GeoRow & { geometry: Polygon | MultiPolygon }>(
    // The id its tile features carry (migration 022), so one sub-district is one id everywhere.
    `SELECT s.id, ST_AsGeoJSON(s.geom, 7)::json AS geometry,
            s.code, s.name, d.name AS district, s.district_code AS "districtCode",
            count(e.id)::int AS estates, COALESCE(sum(e.households), 0)::int AS households
     FROM subdistricts s
     JOIN districts d ON d.code = s.district_code
     LEFT JOIN estates e ON e.subdistrict_code = s.code
     GROUP BY s.code, s.id, s.name, s.geom, d.name, s.district_code
     ORDER BY s.code`,
  );
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(({ id, geometry: outline, ...properties }) => ({
      type: 'Feature' as const,
      id,
      // Placed here, on the whole outline, so a map without the outlines names and frames them alike.
      bbox: bbox(outline) as [number, number, number, number],
      geometry: geometry === 'none' ? null : outline,
      properties: { ...properties, labelPoint: polygonLabelPoint(outline) },
    })),
  };
}

/**
 * Communities by code. Without their geometry (`null`, an unlocated GeoJSON feature) for a map that
 * draws the boundaries from tiles and needs only the names for its forms: a province's outlines are
 * megabytes.
 */
export async function listCommunities(db: Queryable, { geometry }: { geometry?: 'none' | undefined } = {}) {
  const rows = await db.query<GeoRow>(
    // The id its tile features carry (migration 021), so one community is one id everywhere.
    `SELECT id, ${geometry === 'none' ? 'NULL' : 'ST_AsGeoJSON(geom, 7)::json'} AS geometry,
            code, name, subdistrict_code AS "subdistrictCode"
     FROM communities ORDER BY code`,
  );
  return toFeatureCollection(rows);
}

export async function listWaterAreas(db: Queryable) {
  const rows = await db.query<GeoRow>(`SELECT id, ST_AsGeoJSON(geom, 7)::json AS geometry, name, kind FROM water_areas ORDER BY id`);
  return toFeatureCollection(rows);
}

export async function postgisVersion(db: Queryable): Promise<string> {
  const rows = await db.query<{ version: string }>('SELECT postgis_lib_version() AS version');
  const row = rows[0];
  if (!row) throw new Error('postgis_lib_version() returned no row');
  return row.version;
}

/** How the map should get the estates (core/contract/layers.ts `estateSource`): one count and two ranges over the ledger. */
export async function estateSource(db: Queryable, tilesFromEstates: number): Promise<EstateSource> {
  const [row] = await db.query<{
    estates: number;
    year_min: number | null;
    year_max: number | null;
    hh_min: number | null;
    hh_max: number | null;
  }>(
    `SELECT count(*)::int AS estates, min(year_built) AS year_min, max(year_built) AS year_max,
            min(households) AS hh_min, max(households) AS hh_max
       FROM estates`,
  );
  const estates = row?.estates ?? 0;
  const range = (min: number | null | undefined, max: number | null | undefined): [number, number] | null =>
    min === null || min === undefined || max === null || max === undefined ? null : [min, max];
  return {
    kind: estates >= tilesFromEstates ? 'tiles' : 'collection',
    estates,
    yearBuilt: range(row?.year_min, row?.year_max),
    households: range(row?.hh_min, row?.hh_max),
  };
}
