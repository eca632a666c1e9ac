/**
 * The ledger's field rules, in one place for the server (the truth) and the client form
 * (immediate feedback). Land area is absent on purpose: PostGIS computes it from the polygon.
 */
import { z } from 'zod';
import { HAZARD_LEVELS, PROPERTY_TYPES } from './estate.js';

export const MIN_YEAR_BUILT = 1900;

/** Field rules that depend on today's date take it as a parameter so tests can pin it. */
export function estateFieldsSchema(currentYear: number = new Date().getFullYear()) {
  return z
    .object({
      code: z.string().trim().max(64, 'code: at most 64 characters').default(''),
      name: z.string().trim().min(1, 'name is required').max(200, 'name: at most 200 characters'),
      address: z.string().trim().max(500).default(''),
      districtCode: z.string().trim().min(1).max(64).nullable().optional(),
      subdistrictCode: z.string().trim().min(1).max(64).nullable().optional(),
      communityCode: z.string().trim().min(1).max(64).nullable().optional(),
      yearBuilt: z
        .number({ error: 'yearBuilt must be a number' })
        .int('yearBuilt must be a whole year')
        .min(MIN_YEAR_BUILT, `yearBuilt must be ${MIN_YEAR_BUILT} or later`)
        .max(currentYear, `yearBuilt cannot be after ${currentYear}`)
        .nullable()
        .default(null),
      buildings: z.number().int('buildings must be a whole number').min(0, 'buildings cannot be negative').default(0),
      households: z.number().int('households must be a whole number').min(0, 'households cannot be negative').default(0),
      floorAreaM2: z.number().min(0, 'floorAreaM2 cannot be negative').max(1e8).default(0),
      propertyType: z.enum(PROPERTY_TYPES).nullable().default(null),
      originalOwnerUnit: z.string().trim().max(200).default(''),
      hasPropertyManagement: z.boolean().default(false),
      hasOwnersCommittee: z.boolean().default(false),
      urgent: z.boolean().default(false),
      hazardLevel: z.enum(HAZARD_LEVELS).default('none'),
      willingnessPct: z
        .number()
        .min(0, 'willingnessPct must be between 0 and 100')
        .max(100, 'willingnessPct must be between 0 and 100')
        .nullable()
        .default(null),
      notes: z.string().max(5000).default(''),
      eligibilityOverride: z.boolean().nullable().default(null),
      eligibilityOverrideReason: z.string().trim().max(1000).nullable().default(null),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.eligibilityOverride !== null && !value.eligibilityOverrideReason) {
        ctx.addIssue({
          code: 'custom',
          path: ['eligibilityOverrideReason'],
          message: 'eligibilityOverrideReason is required when eligibility is overridden',
        });
      }
    });
}

/** The attributes of a new estate, after defaults. */
export type EstateFields = z.output<ReturnType<typeof estateFieldsSchema>>;
/** What a client may send: defaults may be left out. */
export type EstateFieldsInput = z.input<ReturnType<typeof estateFieldsSchema>>;
