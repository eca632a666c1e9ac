/**
 * Source columns → ledger fields, matched from the headers planners actually use
 * (小区名称/name, 户数/households, 建筑面积（㎡）/floor area …). The wizard shows the result and
 * lets the planner change it.
 */
import { GEOMETRY_COLUMN_ALIASES, LEDGER_COLUMNS, SEQUENCE_COLUMN_HEADER, ZONE_COLUMN, type ImportColumnKey } from './ledger-columns.js';

export { IMPORTABLE_FIELDS } from './ledger-columns.js';

/** Unit suffixes that say nothing about which field a column is. */
const TRAILING_UNIT = /(m2|㎡|平方米|平米|%|pct|percent)$/u;
/** Bracketed notes or units: (㎡), （m2）, [户], 【必填】. NFKC has already turned full-width brackets into ASCII. */
const BRACKETED = /[([【{][^)\]】}]*[)\]】}]/gu;
/** Spaces, separators and punctuation (ASCII and CJK) that vary between spreadsheets. */
const SEPARATORS = /[\s_\-./\\:：、,，·*#'"“”‘’]+/gu;

/**
 * A header in canonical form for comparison: NFKC (full-width → half-width, ㎡ → m2), lower case,
 * bracketed units and separators removed, a trailing unit dropped.
 * @example normalizeHeader(' 建筑面积（㎡） ') // '建筑面积'; normalizeHeader('Floor_Area (m2)') // 'floorarea'
 */
export function normalizeHeader(header: string): string {
  const folded = header.normalize('NFKC').toLowerCase().replace(BRACKETED, '').replace(SEPARATORS, '');
  const withoutUnit = folded.replace(TRAILING_UNIT, '');
  return withoutUnit === '' ? folded : withoutUnit;
}

interface AliasEntry {
  key: ImportColumnKey;
  alias: string;
}

function buildAliasIndex(): AliasEntry[] {
  const entries: AliasEntry[] = [];
  for (const column of LEDGER_COLUMNS) {
    for (const text of [column.zh, column.en, column.key, ...column.aliases]) {
      entries.push({ key: column.key, alias: normalizeHeader(text) });
    }
  }
  for (const text of [ZONE_COLUMN.zh, ZONE_COLUMN.en, ...ZONE_COLUMN.aliases])
    entries.push({ key: ZONE_COLUMN.key, alias: normalizeHeader(text) });
  return entries;
}

const ALIAS_INDEX = buildAliasIndex();
const IGNORED_HEADERS = new Set(
  [...GEOMETRY_COLUMN_ALIASES, SEQUENCE_COLUMN_HEADER.zh, SEQUENCE_COLUMN_HEADER.en, 'no', 'fid', 'objectid', 'id'].map(normalizeHeader),
);
/** A header containing a longer alias (≥ 3 characters) still matches it, e.g. 楼栋数量（栋）. */
const MIN_CONTAINED_ALIAS_LENGTH = 3;

/**
 * Matches each source header to a ledger field or the zone column (片区), or null. Exact matches (after
 * {@link normalizeHeader}) win over headers that merely contain an alias; each field is used at
 * most once, by the first header that claims it.
 * @example autoMatchFields(['小区名称', '户数', 'Floor area (m²)', 'foo'])
 * // { 小区名称: 'name', 户数: 'households', 'Floor area (m²)': 'floorAreaM2', foo: null }
 */
export function autoMatchFields(headers: readonly string[]): Record<string, ImportColumnKey | null> {
  const result: Record<string, ImportColumnKey | null> = {};
  const used = new Set<ImportColumnKey>();
  const normalized = headers.map(normalizeHeader);
  for (const header of headers) result[header] = null;

  headers.forEach((header, i) => {
    const norm = normalized[i] ?? '';
    if (IGNORED_HEADERS.has(norm)) return;
    const entry = ALIAS_INDEX.find((e) => e.alias === norm && !used.has(e.key));
    if (entry && result[header] === null) {
      result[header] = entry.key;
      used.add(entry.key);
    }
  });

  headers.forEach((header, i) => {
    const norm = normalized[i] ?? '';
    if (result[header] !== null || IGNORED_HEADERS.has(norm)) return;
    let best: AliasEntry | undefined;
    for (const entry of ALIAS_INDEX) {
      if (used.has(entry.key) || entry.alias.length < MIN_CONTAINED_ALIAS_LENGTH || !norm.includes(entry.alias)) continue;
      if (!best || entry.alias.length > best.alias.length) best = entry;
    }
    if (best) {
      result[header] = best.key;
      used.add(best.key);
    }
  });
  return result;
}

/** Whether a header names a geometry (WKT) column. */
export function isGeometryHeader(header: string): boolean {
  return GEOMETRY_COLUMN_ALIASES.some((alias) => normalizeHeader(alias) === normalizeHeader(header));
}
