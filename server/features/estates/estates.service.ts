/**
 * Reading the estate ledger: list, one estate, and the totals of a filter. Every property comes
 * aliased to its API key from estates.sql.ts, so rows are features without mapping.
 */
import type { MultiPolygon } from 'geojson';
import {
  SUMMED_FIELDS,
  type EstateApiFeature,
  type EstateApiProperties,
  type EstateFilter,
  type EstateSummary,
  type LedgerSort,
} from '../../../core/contract/index.js';
import { ledgerField, type YesNo } from '../../../core/ledger-fields.js';
import { shorterListing, type EstateIdListing } from '../../../core/estate-id-listing.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { InvalidError, NotFoundError } from '../../domain-errors.js';
import { eligibleSql, ESTATE_FROM, ESTATE_JOINS, estateSelectSql, sortValueSql } from './estates.sql.js';

type EstateRow = Omit<EstateApiProperties, 'createdAt' | 'updatedAt'> & {
  geometry: MultiPolygon;
  createdAt: Date | string;
  updatedAt: Date | string;
};

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toFeature({ geometry, ...row }: EstateRow): EstateApiFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry,
    properties: {
      ...row,
      landAreaM2: Math.round(row.landAreaM2 * 100) / 100,
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt),
    },
  };
}

/** The WHERE clause of a filter (none when it restricts nothing), with parameters numbered after `firstParams`. */
async function filterClause(db: Queryable, filter: EstateFilter, firstParams: SqlParam[]): Promise<{ where: string; params: SqlParam[] }> {
  const { conditions, params } = await filterConditions(db, filter, firstParams);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * A filter's conditions on estate `e`, with parameters numbered after `firstParams`.
 * District and sub-district are looked up first so an unknown value is a 400, not an empty map.
 */
async function filterConditions(
  db: Queryable,
  filter: EstateFilter,
  firstParams: SqlParam[],
): Promise<{ conditions: string[]; params: SqlParam[] }> {
  const params = [...firstParams];
  const conditions: string[] = [];
  if (filter.district !== undefined) {
    params.push(await resolveUnitCode(db, 'districts', 'district', filter.district));
    conditions.push(`e.district_code = $${params.length}`);
  }
  if (filter.subdistrict !== undefined) {
    params.push(await resolveUnitCode(db, 'subdistricts', 'subdistrict', filter.subdistrict));
    conditions.push(`e.subdistrict_code = $${params.length}`);
  }
  if (filter.bbox !== undefined) {
    const n = params.length;
    params.push(...filter.bbox);
    conditions.push(`e.geom && ST_MakeEnvelope($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, 4326)`);
  }
  conditions.push(...atlasFilterConditions(filter, params));
  return { conditions, params };
}

/**
 * GET /api/estates/matching: which estates of the whole ledger the filter keeps, as the shorter
 * list (those kept, or those it leaves out). A map drawn from tiles fades by it what its tiles
 * cannot tell, such as the text search over names, codes and addresses.
 */
export async function matchingEstates(ctx: ServiceContext<Queryable>, filter: EstateFilter): Promise<EstateIdListing> {
  const { conditions, params } = await filterConditions(ctx.db, filter, [ctx.settings.eligibilityCutoffYear]);
  const passes = conditions.length > 0 ? `(${conditions.join(' AND ')})` : 'true';
  // A condition on an unknown value is null, and a null leaves the estate out, as in the list.
  // `$1` (the eligibility cut-off) is bound whether or not a condition reads it, so it is named once here.
  // One scan gathers both sides; the core decides which is shorter.
  const [sides] = await ctx.db.query<{ kept: number[] | null; faded: number[] | null }>(
    `SELECT array_agg(e.id) FILTER (WHERE ${passes} IS TRUE) AS kept, array_agg(e.id) FILTER (WHERE ${passes} IS NOT TRUE) AS faded
       FROM estates e WHERE $1::int IS NOT NULL`,
    params,
  );
  return shorterListing(sides?.kept ?? [], sides?.faded ?? []);
}

/** A yes/no list as the one value it allows, or null when it allows both or is empty. */
function onlyValue(selected: readonly YesNo[] | undefined): boolean | null {
  const unique = new Set(selected ?? []);
  return unique.size === 1 ? unique.has('yes') : null;
}

/**
 * The atlas filter's rules (client/src/state/atlas-filter.ts `passes`) in SQL, appending their
 * parameters; `$1` is the eligibility cut-off year.
 */
function atlasFilterConditions(filter: EstateFilter, params: SqlParam[]): string[] {
  const conditions: string[] = [];
  const add = (value: SqlParam, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  if (filter.subdistrictCodes && filter.subdistrictCodes.length > 0)
    conditions.push(`coalesce(e.subdistrict_code, '') = ANY (${add([...filter.subdistrictCodes], 'text[]')})`);
  const eligible = onlyValue(filter.eligible);
  if (eligible !== null) conditions.push(`${eligibleSql(1)} = ${add(eligible, 'boolean')}`);
  const urgent = onlyValue(filter.urgent);
  if (urgent !== null) conditions.push(`coalesce(e.urgent, false) = ${add(urgent, 'boolean')}`);
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    // An unknown year (null, or 0 from older rows) passes no range.
    conditions.push('e.year_built > 0');
    if (filter.yearFrom !== undefined) conditions.push(`e.year_built >= ${add(filter.yearFrom, 'int')}`);
    if (filter.yearTo !== undefined) conditions.push(`e.year_built <= ${add(filter.yearTo, 'int')}`);
  }
  const needle = filter.search?.trim().toLowerCase() ?? '';
  if (needle !== '') {
    const text = add(needle, 'text');
    conditions.push(`(${['e.name', 'e.code', 'e.address'].map((c) => `strpos(lower(coalesce(${c}, '')), ${text}) > 0`).join(' OR ')})`);
  }
  return conditions;
}

const UNIT_TABLES = { districts: 'districts', subdistricts: 'subdistricts' } as const;

async function resolveUnitCode(db: Queryable, table: keyof typeof UNIT_TABLES, field: string, codeOrName: string): Promise<string> {
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM ${UNIT_TABLES[table]} WHERE code = $1 OR name = $1 ORDER BY code = $1 DESC LIMIT 1`,
    [codeOrName],
  );
  const row = rows[0];
  if (!row)
    throw new InvalidError([
      {
        field,
        code: 'unknown_unit',
        params: { field, code: codeOrName },
        message: `${field}: unknown ${field} "${codeOrName}" (give its code or name)`,
      },
    ]);
  return row.code;
}

/** A page of the ledger: the rows skipped and at most how many follow, in a ledger field's order (by id when none). */
export interface LedgerPage {
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: LedgerSort | undefined;
}

/** GET /api/estates */
export async function listEstates(ctx: ServiceContext<Queryable>, filter: EstateFilter & LedgerPage): Promise<EstateApiFeature[]> {
  const { where, params } = await filterClause(ctx.db, filter, [ctx.settings.eligibilityCutoffYear]);
  let pageSql = '';
  if (filter.limit !== undefined) {
    params.push(filter.limit);
    pageSql += ` LIMIT $${params.length}`;
  }
  if (filter.offset !== undefined) {
    params.push(filter.offset);
    pageSql += ` OFFSET $${params.length}`;
  }
  if (!filter.sort) {
    const rows = await ctx.db.query<EstateRow>(`SELECT ${estateSelectSql(1)} ${ESTATE_FROM} ${where} ORDER BY e.id${pageSql}`, params);
    return rows.map(toFeature);
  }
  // The page is picked from the estates alone (and the one unit table a unit name needs), then
  // joined and encoded: 200 000 estates sort in a third of the time the whole join takes.
  const { value, join } = sortValueSql(filter.sort.key, 1);
  const direction = filter.sort.order === 'descend' ? 'DESC' : 'ASC';
  const rows = await ctx.db.query<EstateRow>(
    `WITH page AS (
       SELECT e.id, ${value} AS sort_value FROM estates e ${join} ${where}
       ORDER BY sort_value ${direction} NULLS LAST, e.id${pageSql})
     SELECT ${estateSelectSql(1)} FROM page p JOIN estates e ON e.id = p.id
       ${ESTATE_JOINS}
     ORDER BY p.sort_value ${direction} NULLS LAST, p.id`,
    params,
  );
  return rows.map(toFeature);
}

/** The estates with the given ids, ordered by id; ids that do not exist are left out. */
export async function listEstatesById(ctx: ServiceContext<Queryable>, ids: readonly number[]): Promise<EstateApiFeature[]> {
  const rows = await ctx.db.query<EstateRow>(`SELECT ${estateSelectSql(1)} ${ESTATE_FROM} WHERE e.id = ANY($2::int[]) ORDER BY e.id`, [
    ctx.settings.eligibilityCutoffYear,
    ids,
  ]);
  return rows.map(toFeature);
}

/** GET /api/estates/:id */
export async function getEstate(ctx: ServiceContext<Queryable>, id: number): Promise<EstateApiFeature> {
  const [row] = await ctx.db.query<EstateRow>(`SELECT ${estateSelectSql(1)} ${ESTATE_FROM} WHERE e.id = $2`, [
    ctx.settings.eligibilityCutoffYear,
    id,
  ]);
  if (!row) throw new NotFoundError(`estate ${id}`);
  return toFeature(row);
}

/** GET /api/summary: sums over known values, with how many estates lack each one. */
export async function summarizeEstates(ctx: ServiceContext<Queryable>, filter: EstateFilter): Promise<EstateSummary> {
  const { where, params } = await filterClause(ctx.db, filter, [ctx.settings.eligibilityCutoffYear]);
  const sums = SUMMED_FIELDS.map((key) => {
    const column = ledgerField(key).column;
    return `COALESCE(sum(e.${column}), 0)::float8 AS "${key}", (count(*) FILTER (WHERE e.${column} IS NULL))::int AS "${key}Unknown"`;
  });
  const [row] = await ctx.db.query<Record<string, number>>(
    `SELECT count(*)::int AS estates, ${sums.join(', ')},
            COALESCE(sum(e.land_area_m2), 0)::float8 AS "landAreaM2",
            (count(*) FILTER (WHERE ${eligibleSql(1)}))::int AS eligible,
            (count(*) FILTER (WHERE e.urgent))::int AS urgent
     FROM estates e ${where}`,
    params,
  );
  if (!row) throw new Error('summary query returned no row');
  const value = (key: string): number => row[key] ?? 0;
  return {
    estates: value('estates'),
    households: value('households'),
    floorAreaM2: value('floorAreaM2'),
    buildings: value('buildings'),
    landAreaM2: Math.round(value('landAreaM2')),
    eligible: value('eligible'),
    urgent: value('urgent'),
    unknown: { households: value('householdsUnknown'), floorAreaM2: value('floorAreaM2Unknown'), buildings: value('buildingsUnknown') },
  };
}
