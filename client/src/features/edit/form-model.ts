/**
 * The attribute form's model: form values ↔ the write properties of docs/API.md, checked with
 * the same zod schema the server runs (core/estate-schema.ts), issues mapped to form fields.
 */
import { estateFieldsSchema, type EstateFieldsInput } from '../../../../core/estate-schema';
import { resolveEligibility, type HazardLevel, type PropertyType } from '../../../../core/estate';
import type { EstateApiProperties } from '../../api';

/** 按年份 (follow the cut-off year) / 纳入 (include) / 不纳入 (exclude). */
export const ELIGIBILITY_CHOICES = ['rule', 'include', 'exclude'] as const;
export type EligibilityChoice = (typeof ELIGIBILITY_CHOICES)[number];

export interface EstateFormValues {
  code: string;
  name: string;
  address: string;
  /** null = let the server fill it from the polygon's location */
  subdistrictCode: string | null;
  communityCode: string | null;
  yearBuilt: number | null;
  buildings: number | null;
  households: number | null;
  floorAreaM2: number | null;
  propertyType: PropertyType | null;
  originalOwnerUnit: string;
  hasPropertyManagement: boolean;
  hasOwnersCommittee: boolean;
  urgent: boolean;
  hazardLevel: HazardLevel;
  willingnessPct: number | null;
  notes: string;
  eligibility: EligibilityChoice;
  eligibilityOverrideReason: string;
}

export type FormField = keyof EstateFormValues;

export const EMPTY_FORM_VALUES: EstateFormValues = {
  code: '',
  name: '',
  address: '',
  subdistrictCode: null,
  communityCode: null,
  yearBuilt: null,
  buildings: null,
  households: null,
  floorAreaM2: null,
  propertyType: null,
  originalOwnerUnit: '',
  hasPropertyManagement: false,
  hasOwnersCommittee: false,
  urgent: false,
  hazardLevel: 'none',
  willingnessPct: null,
  notes: '',
  eligibility: 'rule',
  eligibilityOverrideReason: '',
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
  return {
    code: p.code,
    name: p.name,
    address: p.address,
    subdistrictCode: p.subdistrictCode,
    communityCode: p.communityCode,
    yearBuilt: p.yearBuilt,
    buildings: p.buildings,
    households: p.households,
    floorAreaM2: p.floorAreaM2,
    propertyType: p.propertyType,
    originalOwnerUnit: p.originalOwnerUnit,
    hasPropertyManagement: p.hasPropertyManagement,
    hasOwnersCommittee: p.hasOwnersCommittee,
    urgent: p.urgent,
    hazardLevel: p.hazardLevel,
    willingnessPct: p.willingnessPct,
    notes: p.notes,
    eligibility: choiceOf(p.eligibilityOverride),
    eligibilityOverrideReason: p.eligibilityOverrideReason ?? '',
  };
}

/**
 * Write properties of the form values. Empty counts are 0 (the ledger's blank cell); empty
 * sub-district/community are left out so the server fills them from the polygon's location.
 */
export function writePropertiesOf(values: EstateFormValues): EstateFieldsInput {
  const override = overrideOf(values.eligibility);
  const properties: EstateFieldsInput = {
    code: values.code,
    name: values.name,
    address: values.address,
    yearBuilt: values.yearBuilt,
    buildings: values.buildings ?? 0,
    households: values.households ?? 0,
    floorAreaM2: values.floorAreaM2 ?? 0,
    propertyType: values.propertyType,
    originalOwnerUnit: values.originalOwnerUnit,
    hasPropertyManagement: values.hasPropertyManagement,
    hasOwnersCommittee: values.hasOwnersCommittee,
    urgent: values.urgent,
    hazardLevel: values.hazardLevel,
    willingnessPct: values.willingnessPct,
    notes: values.notes,
    eligibilityOverride: override,
    eligibilityOverrideReason: override === null ? null : values.eligibilityOverrideReason.trim() || null,
  };
  if (values.subdistrictCode) properties.subdistrictCode = values.subdistrictCode;
  if (values.communityCode) properties.communityCode = values.communityCode;
  return properties;
}

/** The form field a schema path or a server message refers to. */
export function formFieldOf(key: string): FormField | null {
  if (key === 'eligibilityOverride') return 'eligibility';
  return key in EMPTY_FORM_VALUES ? (key as FormField) : null;
}

export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * Runs the ledger's field rules on the form values; one message per field (the first issue).
 * @example validateFormValues({ ...EMPTY_FORM_VALUES, name: '' }, 2026) // { name: 'name is required' }
 */
export function validateFormValues(values: EstateFormValues, currentYear: number = new Date().getFullYear()): FieldErrors {
  const result = estateFieldsSchema(currentYear).safeParse(writePropertiesOf(values));
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    const field = typeof key === 'string' ? formFieldOf(key) : null;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The field a server message names ("yearBuilt must be …" → yearBuilt), if any. */
export function fieldNamedIn(message: string): FormField | null {
  const match = /\b(eligibilityOverrideReason|eligibilityOverride|[a-z][A-Za-z0-9]*)\b/g;
  for (const [word] of message.matchAll(match)) {
    const field = formFieldOf(word);
    if (field) return field;
  }
  return null;
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
