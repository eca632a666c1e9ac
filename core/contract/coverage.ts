/**
 * The wire format of the life-circle routes (docs/API.md → Coverage): GET /api/coverage,
 * GET /api/facility-types and PUT /api/facility-types/:id.
 */
import { z } from 'zod';
import { FACILITY_TYPE_IDS, LIFE_CIRCLE_TIERS } from '../facility-catalogue.js';

export const COVERAGE_SCOPES = ['estate', 'zone', 'subdistrict', 'city'] as const;
export type CoverageScope = (typeof COVERAGE_SCOPES)[number];

/** Distance models: straight-line on the ellipsoid, or walking along the road network (the default when there are roads). */
export const COVERAGE_MODELS = ['euclidean', 'network'] as const;
export type CoverageModel = (typeof COVERAGE_MODELS)[number];

const typeIdSchema = z.enum(FACILITY_TYPE_IDS as [string, ...string[]]);
const tierSchema = z.enum(LIFE_CIRCLE_TIERS);

export const coverageTypeSchema = z.object({ id: typeIdSchema, tier: tierSchema, radiusM: z.number(), counted: z.boolean() });

/** GET /api/facility-types: the catalogue as the analysis uses it, with the standard's radius beside each. */
export const facilityTypesResponseSchema = z.object({
  types: z.array(coverageTypeSchema.extend({ defaultRadiusM: z.number(), radiusSource: z.enum(['standard', 'tier-default']) })),
});
export type FacilityTypesResponse = z.infer<typeof facilityTypesResponseSchema>;

const typeCoverageSchema = z.object({
  distanceM: z.number().nullable(),
  radiusM: z.number(),
  covered: z.boolean(),
  /** The nearest facility of the type, null when there is none. */
  facilityId: z.number().nullable(),
});

const shareSchema = z.object({ households: z.number(), coveredHouseholds: z.number() });

export const estateCoverageSchema = z.object({
  id: z.number(),
  name: z.string(),
  origin: z.enum(['gates', 'boundary']),
  households: z.number(),
  gaps: z.array(typeIdSchema),
  scorePct: z.number(),
  types: z.partialRecord(typeIdSchema, typeCoverageSchema),
});

export const coverageResponseSchema = z.object({
  scope: z.object({ kind: z.enum(COVERAGE_SCOPES), id: z.string().nullable() }),
  model: z.enum(COVERAGE_MODELS),
  types: z.array(coverageTypeSchema),
  estates: z.array(estateCoverageSchema),
  /** For a zone: the members pooled (a type is covered when any member reaches it). */
  zone: z
    .object({
      households: z.number(),
      gaps: z.array(typeIdSchema),
      scorePct: z.number(),
      types: z.partialRecord(typeIdSchema, typeCoverageSchema),
    })
    .nullable(),
  shares: z.partialRecord(typeIdSchema, shareSchema),
  tiers: z.partialRecord(tierSchema, shareSchema),
});

export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

/** GET /api/coverage/sites: up to K sites for one more facility of a type, best first (greedy maximal covering). */
export const siteAnswerSchema = z.object({
  type: typeIdSchema,
  model: z.enum(COVERAGE_MODELS),
  radiusM: z.number(),
  candidates: z.number(),
  households: z.number(),
  coveredHouseholds: z.number(),
  sites: z.array(
    z.object({
      lng: z.number(),
      lat: z.number(),
      /** Households newly covered by this pick, after the picks before it. */
      households: z.number(),
      estateIds: z.array(z.number()),
    }),
  ),
});
export type SiteAnswer = z.infer<typeof siteAnswerSchema>;
