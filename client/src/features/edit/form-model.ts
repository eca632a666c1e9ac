/**
 * The attribute form's model, derived from the ledger registry (core/ledger-fields.ts): form values
 * ↔ the write properties of docs/API.md, checked with the same rules the server runs
 * (core/estate-schema.ts). An empty control is an unknown value (null), never a 0.
 */
import { parseEstateFields, type EstateFieldsInput } from '../../../../core/estate-schema';
import { resolveEligibility } from '../../../../core/estate';
import { INPUT_FIELDS, type InputField, type LedgerInputValues } from '../../../../core/ledger-fields';
import { problemMessage } from '../../../../core/problems';
import type { EstateApiProperties } from '../../api';
import type { Language } from '../../shared/i18n/languages';

/** 按年份 (follow the cut-off year) / 纳入 (include) / 不纳入 (exclude). */
export const ELIGIBILITY_CHOICES = ['rule', 'include', 'exclude'] as const;
export type EligibilityChoice = (typeof ELIGIBILITY_CHOICES)[number];

/** The override pair is one select (rule / include / exclude) and its reason, not two plain controls. */
const OVERRIDE_KEYS = new Set<string>(['eligibilityOverride', 'eligibilityOverrideReason']);

/** The registry's input fields the form shows as one control each, in ledger order. */
export const FORM_LEDGER_FIELDS: readonly InputField[] = INPUT_FIELDS.filter((field) => !OVERRIDE_KEYS.has(field.key));

export type EstateFormValues = Omit<LedgerInputValues, 'eligibilityOverride'> & {
  /** null = let the server fill it from the polygon's location */
  subdistrictCode: string | null;
  communityCode: string | null;
  eligibility: EligibilityChoice;
};

export type FormField = keyof EstateFormValues;

function emptyLedgerValues(): Omit<LedgerInputValues, 'eligibilityOverride'> {
  const values: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) if (field.key !== 'eligibilityOverride') values[field.key] = 'required' in field ? '' : null;
  return values as Omit<LedgerInputValues, 'eligibilityOverride'>;
}

export const EMPTY_FORM_VALUES: EstateFormValues = {
  ...emptyLedgerValues(),
  subdistrictCode: null,
  communityCode: null,
  eligibility: 'rule',
};

function choiceOf(override: boolean | null): EligibilityChoice {
  if (override === null) return 'rule';
  return override ? 'include' : 'exclude';
}

function overrideOf(choice: EligibilityChoice): boolean | null {
  if (choice === 'rule') return null;
  return choice === 'include';
}

/** The form's starting values: an existing estate's, or empty ones for a new estate. */
export function formValuesOf(p: EstateApiProperties | null): EstateFormValues {
  if (!p) return EMPTY_FORM_VALUES;
  const values: Record<string, unknown> = { ...EMPTY_FORM_VALUES };
  for (const field of INPUT_FIELDS) values[field.key] = p[field.key];
  delete values.eligibilityOverride;
  return {
    ...(values as EstateFormValues),
    subdistrictCode: p.subdistrictCode,
    communityCode: p.communityCode,
    eligibility: choiceOf(p.eligibilityOverride),
  };
}

/**
 * Write properties of the form values: every ledger field (null when unknown); empty
 * sub-district/community are left out so the server fills them from the polygon's location.
 */
export function writePropertiesOf(values: EstateFormValues): EstateFieldsInput {
  const override = overrideOf(values.eligibility);
  const properties: Record<string, unknown> = {};
  for (const field of FORM_LEDGER_FIELDS) {
    const value = values[field.key as keyof EstateFormValues];
    properties[field.key] = typeof value === 'string' && !('required' in field) && value.trim() === '' ? null : value;
  }
  properties.eligibilityOverride = override;
  properties.eligibilityOverrideReason = override === null ? null : values.eligibilityOverrideReason?.trim() || null;
  if (values.subdistrictCode) properties.subdistrictCode = values.subdistrictCode;
  if (values.communityCode) properties.communityCode = values.communityCode;
  return properties as EstateFieldsInput;
}

/** The form field a schema path or a server message refers to. */
export function formFieldOf(key: string): FormField | null {
  if (key === 'eligibilityOverride') return 'eligibility';
  return key in EMPTY_FORM_VALUES ? (key as FormField) : null;
}

export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * Runs the ledger's field rules on the form values; one message per field (the first issue),
 * worded in the UI language from the rule's code (core/problems.ts).
 * @example validateFormValues({ ...EMPTY_FORM_VALUES, name: '' }, 2026, 'zh') // { name: '小区名称为必填项' }
 */
export function validateFormValues(
  values: EstateFormValues,
  currentYear: number = new Date().getFullYear(),
  language: Language = 'en',
): FieldErrors {
  const result = parseEstateFields(writePropertiesOf(values) as Record<string, unknown>, currentYear);
  if (result.ok) return {};
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const field = formFieldOf(issue.field);
    if (field && !errors[field]) errors[field] = problemMessage(issue.code, issue.params, language, issue.message);
  }
  return errors;
}

/** Write properties whose value differs from the stored estate's: what a PATCH sends. */
export function changedProperties(before: EstateApiProperties, after: EstateFieldsInput): Partial<EstateFieldsInput> {
  const changed: Partial<EstateFieldsInput> = {};
  const target = changed as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    const old: unknown = (before as unknown as Record<string, unknown>)[key];
    if (value !== undefined && value !== old) target[key] = value;
  }
  return changed;
}

/** Eligibility as the rule gives it (for "follows the cut-off year" next to the select). */
export function ruleEligibility(yearBuilt: number | null, cutoffYear: number): boolean {
  return resolveEligibility(yearBuilt, null, cutoffYear);
}
