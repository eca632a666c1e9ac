/**
 * The ledger's field rules, derived from the registry (core/ledger-fields.ts), in one place for
 * the server (the truth) and the client form and import preview (immediate feedback). Land area
 * and eligibility are absent on purpose: PostGIS derives them.
 *
 * A value left out is unknown: it becomes null, never a 0 or a default category.
 */
import { z } from 'zod';
import { INPUT_FIELDS, type LedgerInputValues, type RuleContext } from './ledger-fields.js';
import type { FieldProblemCode, ProblemParams } from './problems.js';
import { problemMessage } from './problems.js';
import { safeTextSchema } from './safe-text.js';

/** Unit codes a write may name; absent or null = placed by the polygon's location. */
export const UNIT_CODE_FIELDS = ['districtCode', 'subdistrictCode', 'communityCode'] as const;
export type UnitCodeField = (typeof UNIT_CODE_FIELDS)[number];

/** Text fields: surrounding blanks trimmed, an empty text is no text (null). */
function emptyToNull(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? null : value;
}

function buildShape(context: RuleContext): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of INPUT_FIELDS) {
    const rule: z.ZodType = field.rule(context);
    shape[field.key] =
      'required' in field ? rule : z.preprocess(field.kind === 'text' ? emptyToNull : (v) => v, rule.nullable().default(null));
  }
  const unitCode = safeTextSchema(64, 1).nullable().optional();
  for (const key of UNIT_CODE_FIELDS) shape[key] = unitCode;
  return shape;
}

/** Field rules that depend on today's date take it as a parameter so tests can pin it. */
export function estateFieldsSchema(currentYear: number = new Date().getFullYear()) {
  return z
    .object(buildShape({ currentYear }))
    .strict()
    .superRefine((value, ctx) => {
      if (value.eligibilityOverride !== null && value.eligibilityOverride !== undefined && !value.eligibilityOverrideReason) {
        ctx.addIssue({
          code: 'custom',
          path: ['eligibilityOverrideReason'],
          params: { problem: 'reason_required' },
          message: 'reason_required',
        });
      }
    });
}

/** The attributes of an estate after the rules: every input field, null when unknown. */
export type EstateFields = LedgerInputValues & {
  districtCode?: string | null;
  subdistrictCode?: string | null;
  communityCode?: string | null;
};
/** What a client may send: any field may be left out (then it is unknown). */
export type EstateFieldsInput = Partial<EstateFields> & { name: string };

/** One broken field rule: the field, a problem code of core/problems.ts with its params, and the English message. */
export interface FieldIssue {
  /** The property at fault, '' when the whole record is. */
  field: string;
  code: FieldProblemCode;
  params: ProblemParams;
  message: string;
}

function issueParams(
  issue: z.core.$ZodIssue,
  field: string,
  input: Record<string, unknown>,
): { code: FieldProblemCode; params: ProblemParams } {
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'unknown_property', params: { keys: issue.keys.join(', ') } };
    case 'invalid_type':
      if (issue.expected === 'int') return { code: 'not_integer', params: { field } };
      if (input[field] === undefined || (issue.expected === 'string' && input[field] === null))
        return { code: 'required', params: { field } };
      return { code: 'wrong_type', params: { field, expected: issue.expected } };
    case 'too_small':
      if (issue.origin === 'string') return { code: 'required', params: { field } };
      return { code: 'too_small', params: { field, minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too_long', params: { field, maximum: Number(issue.maximum) } };
      return { code: 'too_big', params: { field, maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'not_one_of', params: { field, values: issue.values.map(String).join(', ') } };
    case 'custom':
      if (issue.params?.problem === 'unsafe_text') return { code: 'unsafe_text', params: { field } };
      return { code: 'reason_required', params: { field } };
    default:
      return { code: 'wrong_type', params: { field, expected: issue.code } };
  }
}

/**
 * A zod issue of the ledger schema as a FieldIssue with a problem code.
 * @example toFieldIssue(issue, { yearBuilt: 1800 }) // { field: 'yearBuilt', code: 'too_small', params: { field: 'yearBuilt', minimum: 1900 }, … }
 */
export function toFieldIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): FieldIssue {
  const field = issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : issue.path.map(String).join('.');
  const { code, params } = issueParams(issue, field, input);
  // API users read the property name; the wording after it is the one the UI shows.
  const text = problemMessage(code, params, 'en');
  return { field, code, params, message: field === '' ? text : `${field}: ${text}` };
}

export type FieldsResult = { ok: true; value: EstateFields } | { ok: false; issues: FieldIssue[] };

// Building a zod schema costs far more than using it; an import parses thousands of rows.
const schemaByYear = new Map<number, ReturnType<typeof estateFieldsSchema>>();

/**
 * Applies the ledger field rules to a record's writable properties.
 * @example parseEstateFields({ name: '柳东小区', households: -1 }, 2026) // { ok: false, issues: [{ field: 'households', code: 'too_small', … }] }
 */
export function parseEstateFields(properties: Record<string, unknown>, currentYear: number = new Date().getFullYear()): FieldsResult {
  let schema = schemaByYear.get(currentYear);
  if (!schema) {
    schema = estateFieldsSchema(currentYear);
    schemaByYear.set(currentYear, schema);
  }
  const parsed = schema.safeParse(properties);
  if (parsed.success) return { ok: true, value: parsed.data as EstateFields };
  return { ok: false, issues: parsed.error.issues.map((issue) => toFieldIssue(issue, properties)) };
}
