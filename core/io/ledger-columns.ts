/**
 * The columns of the survey ledger (调查摸底情况统计表), in its order: what the XLSX/CSV export
 * writes and what the import's field matching recognises. One list for both directions, so an
 * exported file always reads back.
 */
import type { EstateApiProperties } from '../contract/index.js';
import {
  HAZARD_LEVEL_LABELS,
  LEDGER_FIELDS,
  PROPERTY_TYPE_LABELS,
  YES_NO_LABELS,
  type LedgerFieldDef,
  type LedgerFieldKey,
} from '../ledger-fields.js';

export { HAZARD_LEVEL_LABELS, PROPERTY_TYPE_LABELS } from '../ledger-fields.js';
export type { LedgerFieldKey, LedgerValueKind } from '../ledger-fields.js';

/** A ledger column of the files: a field of the registry with its header in both languages. */
export type LedgerColumn = LedgerFieldDef & {
  key: LedgerFieldKey;
  zh: string;
  en: string;
  /** Whether an import writes it: land area and eligibility are derived, unit names informational. */
  importable: boolean;
};

/** The columns of the survey ledger files, in the registry's order (core/ledger-fields.ts). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = LEDGER_FIELDS.map((field) => ({
  ...field,
  zh: field.label.zh,
  en: field.label.en,
  importable: field.source === 'input',
}));

/** The fields an import writes (estate-schema names), in ledger order. */
export const IMPORTABLE_FIELDS: readonly LedgerFieldKey[] = LEDGER_COLUMNS.filter((c) => c.importable).map((c) => c.key);

/**
 * The zone (片区) an estate belongs to, as a column of the files: written by the export after the
 * ledger's own columns, matched by the import, which groups the file's estates into zones by it.
 * It is not an estate field — a zone is its own record (server/features/zones) — so it lives here,
 * beside the other file-only columns, and not in the field registry (which feeds the estate form
 * and the estate PATCH).
 */
export const ZONE_COLUMN = {
  key: 'zone',
  zh: '片区',
  en: 'Zone',
  aliases: ['片区名称', '所属片区', '改造片区', 'zone', 'zone name'],
  widthChars: 16,
} as const;

/** What a source column can be mapped to on import: a ledger field or the zone. */
export type ImportColumnKey = LedgerFieldKey | typeof ZONE_COLUMN.key;

/**
 * The header of an import target in one language.
 * @example importColumnLabel('zone', 'zh') // '片区'; importColumnLabel('households', 'en') // 'Households'
 */
export function importColumnLabel(key: ImportColumnKey, language: 'zh' | 'en'): string {
  return key === ZONE_COLUMN.key ? ZONE_COLUMN[language] : ledgerColumn(key)[language];
}

/** Headers of the geometry column in our exports; `GEOMETRY_COLUMN_ALIASES` are what the import recognises. */
export const WKT_COLUMN_HEADER = { zh: '空间信息(WKT)', en: 'Geometry (WKT)' } as const;
export const GEOMETRY_COLUMN_ALIASES: readonly string[] = [
  'wkt',
  'geometry',
  'geom',
  'the_geom',
  'shape',
  '几何',
  '空间信息',
  '几何信息',
  '坐标',
  'geometry wkt',
  'wkt geometry',
];

/** A row number column (序号) that the export writes first and the import ignores. */
export const SEQUENCE_COLUMN_HEADER = { zh: '序号', en: 'No.' } as const;

/** The column of a key. */
export function ledgerColumn(key: LedgerFieldKey): LedgerColumn {
  const column = LEDGER_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`"${key}" is not a ledger column; see LEDGER_FIELDS in core/ledger-fields.ts.`);
  return column;
}

/** A cell as the export writes it: numbers stay numbers, labels in the chosen language, '' for nothing. */
export type LedgerCell = string | number;

/**
 * One estate's cell for a column, as a planner reads it in Excel (是/否, 房改房, B级 …), by the
 * field's kind; an unknown value is an empty cell. The import (map-rows.ts) reads every one back.
 * @example ledgerCellValue(ledgerColumn('propertyType'), estate.properties) // '房改房'
 */
export function ledgerCellValue(
  column: Pick<LedgerFieldDef, 'kind'> & { key: LedgerFieldKey },
  estate: EstateApiProperties,
  language: 'zh' | 'en' = 'zh',
): LedgerCell {
  const value: unknown = estate[column.key];
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'boolean':
    case 'booleanOrNull':
      return YES_NO_LABELS[value === true ? 'yes' : 'no'][language];
    case 'propertyType':
      return PROPERTY_TYPE_LABELS[value as keyof typeof PROPERTY_TYPE_LABELS][language];
    case 'hazardLevel':
      return HAZARD_LEVEL_LABELS[value as keyof typeof HAZARD_LEVEL_LABELS][language];
    default:
      return typeof value === 'number' || typeof value === 'string' ? value : '';
  }
}
