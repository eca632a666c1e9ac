import type { MultiPolygon } from 'geojson';
import type { Bbox } from '../../core/bbox.js';
import type { EstateApiFeature, EstateSummary } from '../../core/api-contract.js';
import type { HazardLevel, PropertyType } from '../../core/estate.js';
import type { Queryable, SqlParam } from '../db/index.js';
import { NotFoundError, ValidationError } from '../errors.js';

export interface EstateFilter {
  bbox?: Bbox | undefined;
  /** District code or name. */
  district?: string | undefined;
  /** Sub-district code or name. */
  subdistrict?: string | undefined;
}

interface EstateRow {
  id: number;
  geometry: MultiPolygon;
  code: string | null;
  name: string;
  address: string;
  district_code: string | null;
  subdistrict_code: string | null;
  community_code: string | null;
  district: string | null;
  subdistrict: string | null;
  community: string | null;
  year_built: number | null;
  buildings: number;
  households: number;
  floor_area_m2: number;
  land_area_m2: number;
  property_type: PropertyType | null;
  original_owner_unit: string;
  has_property_management: boolean;
  has_owners_committee: boolean;
  urgent: boolean;
  hazard_level: HazardLevel;
  willingness_pct: number | null;
  notes: string;
  eligible: boolean;
  eligibility_override: boolean | null;
  eligibility_override_reason: string | null;
  import_layer_id: number | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const ESTATE_COLUMNS = `
  e.id, ST_AsGeoJSON(e.geom, 7)::json AS geometry, e.code, e.name, e.address,
  e.district_code, e.subdistrict_code, e.community_code,
  d.name AS district, s.name AS subdistrict, c.name AS community,
  e.year_built, e.buildings, e.households, e.floor_area_m2, e.land_area_m2,
  e.property_type, e.original_owner_unit, e.has_property_management, e.has_owners_committee,
  e.urgent, e.hazard_level, e.willingness_pct, e.notes,
  COALESCE(e.eligibility_override, e.year_built <= $1, false) AS eligible,
  e.eligibility_override, e.eligibility_override_reason, e.import_layer_id,
  e.version, e.created_at, e.updated_at`;

const ESTATE_FROM = `
  FROM estates e
  LEFT JOIN districts d ON d.code = e.district_code
  LEFT JOIN subdistricts s ON s.code = e.subdistrict_code
  LEFT JOIN communities c ON c.code = e.community_code`;

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toFeature(row: EstateRow): EstateApiFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: row.geometry,
    properties: {
      id: row.id,
      code: row.code ?? '',
      name: row.name,
      address: row.address,
      district: row.district ?? '',
      subdistrict: row.subdistrict ?? '',
      community: row.community ?? '',
      districtCode: row.district_code,
      subdistrictCode: row.subdistrict_code,
      communityCode: row.community_code,
      yearBuilt: row.year_built,
      buildings: row.buildings,
      households: row.households,
      floorAreaM2: row.floor_area_m2,
      landAreaM2: Math.round(row.land_area_m2 * 100) / 100,
      propertyType: row.property_type ?? 'mixed',
      originalOwnerUnit: row.original_owner_unit,
      hasPropertyManagement: row.has_property_management,
      hasOwnersCommittee: row.has_owners_committee,
      urgent: row.urgent,
      hazardLevel: row.hazard_level,
      willingnessPct: row.willingness_pct,
      notes: row.notes,
      eligible: row.eligible,
      eligibilityOverride: row.eligibility_override,
      eligibilityOverrideReason: row.eligibility_override_reason,
      importLayerId: row.import_layer_id,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    },
  };
}

/**
 * Builds the WHERE clause of a filter, with parameters numbered after `firstParams`.
 * District and sub-district are looked up first so an unknown value is a 400, not an empty map.
 */
async function filterClause(
  db: Queryable,
  filter: EstateFilter,
  firstParams: SqlParam[],
): Promise<{ where: string; params: SqlParam[] }> {
  const params = [...firstParams];
  const conditions: string[] = [];
  if (filter.district !== undefined) {
    const code = await resolveUnitCode(db, 'districts', 'district', filter.district);
    params.push(code);
    conditions.push(`e.district_code = $${params.length}`);
  }
  if (filter.subdistrict !== undefined) {
    const code = await resolveUnitCode(db, 'subdistricts', 'subdistrict', filter.subdistrict);
    params.push(code);
    conditions.push(`e.subdistrict_code = $${params.length}`);
  }
  if (filter.bbox !== undefined) {
    const n = params.length;
    params.push(...filter.bbox);
    conditions.push(`e.geom && ST_MakeEnvelope($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, 4326)`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

const UNIT_TABLES = { districts: 'districts', subdistricts: 'subdistricts' } as const;

async function resolveUnitCode(
  db: Queryable,
  table: keyof typeof UNIT_TABLES,
  label: string,
  codeOrName: string,
): Promise<string> {
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM ${UNIT_TABLES[table]} WHERE code = $1 OR name = $1 ORDER BY code = $1 DESC LIMIT 1`,
    [codeOrName],
  );
  const row = rows[0];
  if (!row) throw new ValidationError(`${label}: unknown ${label} "${codeOrName}" (give its code or name)`);
  return row.code;
}

export async function listEstates(
  db: Queryable,
  filter: EstateFilter & { limit?: number | undefined },
  eligibilityCutoffYear: number,
): Promise<EstateApiFeature[]> {
  const { where, params } = await filterClause(db, filter, [eligibilityCutoffYear]);
  let limitSql = '';
  if (filter.limit !== undefined) {
    params.push(filter.limit);
    limitSql = `LIMIT $${params.length}`;
  }
  const rows = await db.query<EstateRow>(`SELECT ${ESTATE_COLUMNS} ${ESTATE_FROM} ${where} ORDER BY e.id ${limitSql}`, params);
  return rows.map(toFeature);
}

export async function getEstate(db: Queryable, id: number, eligibilityCutoffYear: number): Promise<EstateApiFeature> {
  const rows = await db.query<EstateRow>(`SELECT ${ESTATE_COLUMNS} ${ESTATE_FROM} WHERE e.id = $2`, [
    eligibilityCutoffYear,
    id,
  ]);
  const row = rows[0];
  if (!row) throw new NotFoundError(`estate ${id} does not exist`);
  return toFeature(row);
}

export async function summarizeEstates(
  db: Queryable,
  filter: EstateFilter,
  eligibilityCutoffYear: number,
): Promise<EstateSummary> {
  const { where, params } = await filterClause(db, filter, [eligibilityCutoffYear]);
  const rows = await db.query<{
    estates: number;
    households: number;
    floor_area_m2: number;
    buildings: number;
    land_area_m2: number;
    eligible: number;
    urgent: number;
  }>(
    `SELECT count(*)::int AS estates,
            COALESCE(sum(e.households), 0)::float8 AS households,
            COALESCE(sum(e.floor_area_m2), 0)::float8 AS floor_area_m2,
            COALESCE(sum(e.buildings), 0)::float8 AS buildings,
            COALESCE(sum(e.land_area_m2), 0)::float8 AS land_area_m2,
            (count(*) FILTER (WHERE COALESCE(e.eligibility_override, e.year_built <= $1, false)))::int AS eligible,
            (count(*) FILTER (WHERE e.urgent))::int AS urgent
     FROM estates e ${where}`,
    params,
  );
  const row = rows[0];
  if (!row) throw new Error('summary query returned no row');
  return {
    estates: row.estates,
    households: row.households,
    floorAreaM2: row.floor_area_m2,
    buildings: row.buildings,
    landAreaM2: Math.round(row.land_area_m2),
    eligible: row.eligible,
    urgent: row.urgent,
  };
}
