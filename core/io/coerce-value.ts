/**
 * Cell values from planners' spreadsheets → ledger values: '1995年' → 1995, '是' → true,
 * '房改房' → 'housing_reform', '85%' → 85, '12,345.6' → 12345.6. Reads back everything the
 * export writes (ledger-columns.ts → ledgerCellValue).
 */
import type { HazardLevel, PropertyType } from '../estate.js';
import { HAZARD_LEVEL_LABELS, PROPERTY_TYPE_LABELS, type LedgerValueKind } from './ledger-columns.js';

export type CoercedValue = string | number | boolean | null;

/** `empty`: the cell is blank, leave the field to its default. */
export type CoerceResult = { ok: true; value: CoercedValue } | { ok: false; reason: string } | { ok: 'empty' };

const TRUE_WORDS = new Set(['是', '有', '已成立', '成立', '有物业', 'y', 'yes', 'true', 't', '1', '√', '✓', '✔', '纳入', '包含']);
const FALSE_WORDS = new Set(['否', '无', '没有', '未成立', '无物业', 'n', 'no', 'false', 'f', '0', '×', '✗', '不纳入', '排除', '不']);

const PROPERTY_TYPE_WORDS: Record<string, PropertyType> = {
  房改房: 'housing_reform',
  公房: 'housing_reform',
  单位自管: 'unit_managed',
  单位自管房: 'unit_managed',
  自管房: 'unit_managed',
  单位房: 'unit_managed',
  商品房: 'commercial',
  商品住宅: 'commercial',
  混合: 'mixed',
  混合产权: 'mixed',
  其他: 'mixed',
};
for (const [type, labels] of Object.entries(PROPERTY_TYPE_LABELS)) {
  PROPERTY_TYPE_WORDS[type] = type as PropertyType;
  PROPERTY_TYPE_WORDS[labels.zh] = type as PropertyType;
  PROPERTY_TYPE_WORDS[labels.en.toLowerCase()] = type as PropertyType;
}

const HAZARD_WORDS: Record<string, HazardLevel> = { 无: 'none', none: 'none', '-': 'none', 否: 'none', a: 'none', a级: 'none' };
for (const [level, labels] of Object.entries(HAZARD_LEVEL_LABELS)) {
  HAZARD_WORDS[level.toLowerCase()] = level as HazardLevel;
  HAZARD_WORDS[labels.zh.toLowerCase()] = level as HazardLevel;
}

function text(raw: unknown): string {
  if (raw instanceof Date) return raw.toISOString();
  return String(raw).normalize('NFKC').trim();
}

/**
 * A number from a cell: numbers pass, strings lose thousands separators, spaces and a trailing unit
 * (户, 栋, 幢, ㎡, m2, 平方米, %).
 * @example parseNumberCell('12,345.6㎡') // 12345.6
 */
export function parseNumberCell(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const cleaned = text(raw)
    .replace(/[,\s]/gu, '')
    .replace(/(户|栋|幢|座|个|m2|平方米|平米|%)$/iu, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/iu.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * A construction year from '1995', 1995, '1995年', '1995-06', '1995/6/1', a Date or '90年代' (→ 1990).
 * @example parseYearCell('1995年') // 1995
 */
export function parseYearCell(raw: unknown): number | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.getFullYear();
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const value = text(raw);
  const fourDigits = /^(\d{4})(?:\s*年(?:代)?|[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\.0+)?(?:\s*年?)$/u.exec(value);
  if (fourDigits?.[1]) return Number(fourDigits[1]);
  const decade = /^(\d{2})年代$/u.exec(value);
  if (decade?.[1]) return 1900 + Number(decade[1]);
  return null;
}

/**
 * One cell as the value of a ledger field of the given kind.
 * @example coerceLedgerValue('boolean', '有') // { ok: true, value: true }
 */
export function coerceLedgerValue(kind: LedgerValueKind, raw: unknown): CoerceResult {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return kind === 'booleanOrNull' || kind === 'percent' || kind === 'year' ? { ok: true, value: null } : { ok: 'empty' };
  }
  switch (kind) {
    case 'text':
      return { ok: true, value: raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim() };
    case 'integer':
    case 'number':
    case 'percent': {
      const value = parseNumberCell(raw);
      return value === null ? { ok: false, reason: `"${text(raw)}" is not a number` } : { ok: true, value };
    }
    case 'year': {
      const value = parseYearCell(raw);
      return value === null ? { ok: false, reason: `"${text(raw)}" is not a year` } : { ok: true, value };
    }
    case 'boolean':
    case 'booleanOrNull': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = text(raw).toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: `"${text(raw)}" is not yes/no (是/否)` };
    }
    case 'propertyType': {
      const value = PROPERTY_TYPE_WORDS[text(raw).toLowerCase()] ?? PROPERTY_TYPE_WORDS[text(raw)];
      return value ? { ok: true, value } : { ok: false, reason: `"${text(raw)}" is not one of 房改房/单位自管/商品房/混合` };
    }
    case 'hazardLevel': {
      const value = HAZARD_WORDS[text(raw).toLowerCase()];
      return value ? { ok: true, value } : { ok: false, reason: `"${text(raw)}" is not a hazard level (无/B/C/D)` };
    }
  }
}
