/**
 * Estate properties on write: read-only keys stripped (so a GET feature can be sent back),
 * then the ledger field rules of core/estate-schema.ts.
 */
import type { z } from 'zod';
import { estateFieldsSchema, type EstateFields } from '../../core/estate-schema.js';

/** Derived or stored-by-the-server properties: accepted in a body and ignored. */
export const READ_ONLY_PROPERTY_KEYS = [
  'id',
  'landAreaM2',
  'eligible',
  'version',
  'createdAt',
  'updatedAt',
  'district',
  'subdistrict',
  'community',
  'importLayerId',
] as const;

const READ_ONLY = new Set<string>(READ_ONLY_PROPERTY_KEYS);

export const UNIT_CODE_FIELDS = ['districtCode', 'subdistrictCode', 'communityCode'] as const;
export type UnitCodeField = (typeof UNIT_CODE_FIELDS)[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The writable properties of a feature's `properties` (anything not an object counts as none). */
export function writableProperties(properties: unknown): Record<string, unknown> {
  if (!isRecord(properties)) return {};
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !READ_ONLY.has(key)));
}

export interface FieldIssue {
  /** The property at fault, '' when the whole record is. */
  field: string;
  message: string;
}

export type FieldsResult = { ok: true; value: EstateFields } | { ok: false; issues: FieldIssue[] };

function toIssue(issue: z.core.$ZodIssue, properties: Record<string, unknown>): FieldIssue {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return { field: issue.keys[0] ?? '', message: `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${keys}` };
  }
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && field !== '' && properties[field] === undefined) {
    return { field, message: `${field} is required` };
  }
  const message = field === '' || issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
  return { field, message };
}

// Building a zod schema costs far more than using it; an import parses thousands of rows.
const schemaByYear = new Map<number, ReturnType<typeof estateFieldsSchema>>();

function schemaFor(currentYear: number): ReturnType<typeof estateFieldsSchema> {
  let schema = schemaByYear.get(currentYear);
  if (!schema) {
    schema = estateFieldsSchema(currentYear);
    schemaByYear.set(currentYear, schema);
  }
  return schema;
}

/** Applies the ledger field rules to writable properties. */
export function parseEstateFields(properties: Record<string, unknown>, currentYear: number): FieldsResult {
  const parsed = schemaFor(currentYear).safeParse(properties);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => toIssue(issue, properties)) };
}

/** One sentence naming every bad field, for a 400 message. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => issue.message).join('; ');
}

/** The unit codes a request names explicitly (absent or null = fill from the location). */
export function givenUnitCodes(properties: Record<string, unknown>): Record<UnitCodeField, string | null> {
  const pick = (field: UnitCodeField): string | null => {
    const value = properties[field];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return { districtCode: pick('districtCode'), subdistrictCode: pick('subdistrictCode'), communityCode: pick('communityCode') };
}
