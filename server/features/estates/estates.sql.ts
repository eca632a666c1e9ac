/**
 * The estates table's SQL, derived from the ledger registry (core/ledger-fields.ts): column lists,
 * the SELECT that names every column by its API key, and the casts that read fields out of JSON.
 * Table and column names come only from the registry, never from a request.
 */
import {
  INPUT_FIELDS,
  LEDGER_FIELDS,
  ledgerField,
  type LedgerField,
  type LedgerFieldKey,
  type LedgerValueKind,
} from '../../../core/ledger-fields.js';
import type { EstateFields } from '../../../core/estate-schema.js';
import type { SqlParam } from '../../db/index.js';

const SQL_CAST: Readonly<Record<LedgerValueKind, string>> = {
  text: '',
  propertyType: '',
  hazardLevel: '',
  integer: '::int',
  year: '::int',
  number: '::float8',
  percent: '::float8',
  boolean: '::boolean',
  booleanOrNull: '::boolean',
};

/** Eligibility: a planner's override, else built in or before the cut-off year (`$n`); an unknown year is not eligible. */
export function eligibleSql(cutoffParam: number, alias = 'e'): string {
  return `COALESCE(${alias}.eligibility_override, ${alias}.year_built <= $${cutoffParam}, false)`;
}

/** Columns of `estates` a planner writes, in registry order. */
export const INPUT_COLUMNS: readonly string[] = INPUT_FIELDS.map((field) => field.column);

/** The values of INPUT_COLUMNS for one record. */
export function inputParams(fields: EstateFields): SqlParam[] {
  return INPUT_FIELDS.map((field) => {
    const value: unknown = fields[field.key];
    return value === undefined ? null : (value as SqlParam);
  });
}

/** Each input field read from a JSON object `json` (e.g. `r.fields`), cast to its column's type, in INPUT_COLUMNS order. */
export function inputFromJsonSql(json: string): string {
  // An empty text is no text: unknown, as core/estate-schema.ts reads it.
  return INPUT_FIELDS.map((field) =>
    field.kind === 'text' ? `NULLIF(btrim(${json}->>'${field.key}'), '')` : `(${json}->>'${field.key}')${SQL_CAST[field.kind]}`,
  ).join(', ');
}

const UNIT_NAME_SQL: Readonly<Record<string, string>> = { district: 'd.name', subdistrict: 's.name', community: 'c.name' };

/** The unit table a unit field's name comes from, joined as in ESTATE_FROM. */
const UNIT_JOIN_SQL: Readonly<Record<string, string>> = {
  district: 'LEFT JOIN districts d ON d.code = e.district_code',
  subdistrict: 'LEFT JOIN subdistricts s ON s.code = e.subdistrict_code',
  community: 'LEFT JOIN communities c ON c.code = e.community_code',
};

/** One ledger field's value of estate `e` (unit names from the joins of ESTATE_FROM). `$cutoffParam` is the eligibility cut-off year. */
function fieldSql(field: LedgerField, cutoffParam: number): string {
  if (field.key === 'eligible') return eligibleSql(cutoffParam);
  if (field.source === 'unit') return UNIT_NAME_SQL[field.key] ?? 'NULL';
  return `e.${field.column}`;
}

/**
 * The SELECT list of an estate as the API sends it, every property aliased to its API key so rows
 * need no mapping. `$cutoffParam` is the eligibility cut-off year.
 */
export function estateSelectSql(cutoffParam: number): string {
  const fields = LEDGER_FIELDS.map((field) => `${fieldSql(field, cutoffParam)} AS "${field.key}"`);
  return [
    'e.id',
    'ST_AsGeoJSON(e.geom, 7)::json AS geometry',
    'e.district_code AS "districtCode"',
    'e.subdistrict_code AS "subdistrictCode"',
    'e.community_code AS "communityCode"',
    ...fields,
    'e.import_layer_id AS "importLayerId"',
    'e.version',
    'e.created_at AS "createdAt"',
    'e.updated_at AS "updatedAt"',
  ].join(',\n  ');
}

/**
 * A ledger field's value to sort estate `e` by, with the one join it needs (none for the
 * estate's own columns): a page is picked from the estates alone before the rest is joined.
 */
export function sortValueSql(key: LedgerFieldKey, cutoffParam: number): { value: string; join: string } {
  const field = ledgerField(key);
  return { value: fieldSql(field, cutoffParam), join: field.source === 'unit' ? (UNIT_JOIN_SQL[field.key] ?? '') : '' };
}

/** The joins that name an estate `e`'s district, sub-district and community. */
export const ESTATE_JOINS = Object.values(UNIT_JOIN_SQL).join('\n  ');

export const ESTATE_FROM = `
  FROM estates e
  ${ESTATE_JOINS}`;
