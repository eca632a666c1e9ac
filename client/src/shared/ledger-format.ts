/**
 * Ledger values and labels as the UI shows them, derived from the registry (core/ledger-fields.ts):
 * a field added there is labelled and formatted here with no other edit. An unknown value is "—".
 */
import {
  HAZARD_LEVEL_LABELS,
  PROPERTY_TYPE_LABELS,
  YES_NO_LABELS,
  ledgerField,
  type LedgerField,
  type LedgerFieldKey,
} from '../../../core/ledger-fields';
import { formatNumber } from './format';
import type { Language } from './i18n/languages';

/** What the UI shows for a value the ledger does not know. */
export const UNKNOWN_VALUE = '—';

/** Fraction digits a numeric field is shown with. */
function digitsOf(field: LedgerField): number {
  return field.kind === 'number' && field.key !== 'floorAreaM2' && field.key !== 'landAreaM2' ? 1 : 0;
}

/**
 * One value of a field in the UI language: numbers with separators, years plain, yes/no and
 * categories by their labels, "—" for unknown.
 * @example formatLedgerValue('propertyType', 'housing_reform', 'zh') // '房改房'
 */
export function formatLedgerValue(key: LedgerFieldKey, value: unknown, language: Language): string {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return UNKNOWN_VALUE;
  const field = ledgerField(key);
  switch (field.kind) {
    case 'boolean':
    case 'booleanOrNull':
      return YES_NO_LABELS[value === true ? 'yes' : 'no'][language];
    case 'propertyType':
      return PROPERTY_TYPE_LABELS[value as keyof typeof PROPERTY_TYPE_LABELS]?.[language] ?? String(value);
    case 'hazardLevel':
      return HAZARD_LEVEL_LABELS[value as keyof typeof HAZARD_LEVEL_LABELS]?.[language] ?? String(value);
    case 'year':
      return String(value);
    case 'integer':
    case 'number':
    case 'percent':
      return typeof value === 'number' ? formatNumber(value, language, digitsOf(field)) : String(value);
    case 'text':
      return String(value);
  }
}
