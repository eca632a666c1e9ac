/**
 * Estate properties on write: read-only keys stripped (so a GET feature can be sent back), and
 * the unit codes a request names. The field rules themselves are core/estate-schema.ts.
 */
import { isRecord } from '../../../core/checks.js';
import { UNIT_CODE_FIELDS, type UnitCodeField } from '../../../core/estate-schema.js';
import { LEDGER_FIELDS } from '../../../core/ledger-fields.js';

/** Derived or stored-by-the-server properties: accepted in a body and ignored. */
const READ_ONLY = new Set<string>([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'importLayerId',
  ...LEDGER_FIELDS.filter((field) => field.source !== 'input').map((field) => field.key),
]);

/** The writable properties of a feature's `properties` (anything not an object counts as none). */
export function writableProperties(properties: unknown): Record<string, unknown> {
  if (!isRecord(properties)) return {};
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !READ_ONLY.has(key)));
}

/** The unit codes a request names explicitly (absent or null = fill from the location). */
export function givenUnitCodes(properties: Record<string, unknown>): Record<UnitCodeField, string | null> {
  const pick = (field: UnitCodeField): string | null => {
    const value = properties[field];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return { districtCode: pick('districtCode'), subdistrictCode: pick('subdistrictCode'), communityCode: pick('communityCode') };
}

export { UNIT_CODE_FIELDS, type UnitCodeField };
