/**
 * Shape checks of API answers with the response schemas of core/contract/, so a wrong answer
 * fails with a message saying which endpoint sent what, instead of an undefined deep inside a map layer.
 */
import type { z } from 'zod';
import type { Check } from '../../../core/checks';
import {
  apiTokenListSchema,
  atlasConfigSchema,
  tileSourcesSchema,
  tileStagesSchema,
  estateIdListingSchema,
  facilityCountsSchema,
  auditListSchema,
  createdApiTokenSchema,
  estateSummarySchema,
  featureCollectionSchema,
  estateFeatureSchema,
  featureSchema,
  programmeChangeSchema,
  sessionSchema,
  signInOptionsSchema,
  userListSchema,
  userSchema,
} from '../../../core/contract/index';

function guard<S extends z.ZodType>(schema: S): Check<z.output<S>> {
  return (value): value is z.output<S> => schema.safeParse(value).success;
}

export const isFeatureCollection = guard(featureCollectionSchema);
export const isFeature = guard(featureSchema);
/** An estate as the estate routes answer it: located, with its id, name and version. */
export const isEstateFeature = guard(estateFeatureSchema);
export const isSummary = guard(estateSummarySchema);
export const isProgrammeChange = guard(programmeChangeSchema);
export const isAtlasConfig = guard(atlasConfigSchema);
export const isTileSources = guard(tileSourcesSchema);
export const isTileStages = guard(tileStagesSchema);
export const isEstateIdListing = guard(estateIdListingSchema);
export const isFacilityCounts = guard(facilityCountsSchema);
export const isSession = guard(sessionSchema);
export const isSignInOptions = guard(signInOptionsSchema);
export const isUser = guard(userSchema);
export const isUserList = guard(userListSchema);
export const isApiTokenList = guard(apiTokenListSchema);
export const isCreatedApiToken = guard(createdApiTokenSchema);
export const isAuditList = guard(auditListSchema);
