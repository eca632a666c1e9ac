import { z } from 'zod';
import { safeTextSchema } from '../../core/safe-text.js';
import { YES_NO } from '../../core/ledger-fields.js';
import { parseBbox, type Bbox } from '../../core/geometry/bbox.js';
import { FACILITY_TYPE_IDS, isFacilityTypeId } from '../../core/facility-catalogue.js';
import { parseLedgerSort, type LedgerSort } from '../../core/contract/index.js';

export const bboxParam = z.string().transform((text, ctx): Bbox => {
  const parsed = parseBbox(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.value;
});

export const MAX_LIMIT = 1_000_000;

/** A `limit` query value: a whole number from 1 to `max`. */
export function limitParamUpTo(max: number) {
  return z
    .string()
    .regex(/^\d+$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(max, `limit must be at most ${max}`));
}

const limitParam = limitParamUpTo(MAX_LIMIT);

/** A unit name filter. A NUL would make PostgreSQL throw (500); a lone surrogate is no name a unit can have. */
export const unitParam = safeTextSchema(100, 1);

/** A comma-separated list of `item`s, at most `maxItems`. */
function listParam<O>(item: z.ZodType<O, string>, maxItems: number) {
  return z
    .string()
    .transform((text) => text.split(','))
    .pipe(z.array(item).max(maxItems));
}

const yesNoParam = listParam(z.enum(YES_NO, { error: 'takes yes, no or both, comma-separated' }), 2);

const yearParam = z
  .string()
  .regex(/^\d{1,4}$/, 'is a year')
  .transform(Number);

/** Filters shared by /api/estates and /api/summary. Unknown parameters are rejected so typos don't silently widen a query. */
export const estateFilterQuery = z
  .object({
    bbox: bboxParam.optional(),
    district: unitParam.optional(),
    subdistrict: unitParam.optional(),
    // The atlas filter (core/contract/estates.ts EstateFilter); '' among the codes is "no sub-district".
    subdistrictCodes: listParam(z.string().max(100), 1000).optional(),
    eligible: yesNoParam.optional(),
    urgent: yesNoParam.optional(),
    yearFrom: yearParam.optional(),
    yearTo: yearParam.optional(),
    search: safeTextSchema(200, 1).optional(),
  })
  .strict();

/** An `offset` query value: how many rows a page skips, a whole number from 0. */
const offsetParam = z
  .string()
  .regex(/^\d{1,9}$/, 'offset must be a whole number (rows to skip)')
  .transform(Number);

/** A ledger field key, with a leading '-' for descending (core/contract/estates.ts LedgerSort). */
const ledgerSortQueryParam = z.string().transform((text, ctx): LedgerSort => {
  const sort = parseLedgerSort(text);
  if (!sort) {
    ctx.addIssue({
      code: 'custom',
      message: `sort must be a ledger field key, with a leading - for descending (e.g. -households), not "${text}"`,
    });
    return z.NEVER;
  }
  return sort;
});

/** GET /api/estates: the filters, and a page of the ledger (`sort`, `offset`, `limit`). */
export const estateListQuery = estateFilterQuery
  .extend({ limit: limitParam.optional(), offset: offsetParam.optional(), sort: ledgerSortQueryParam.optional() })
  .strict();

export const facilityQuery = z
  .object({
    bbox: bboxParam.optional(),
    type: z
      .string()
      .refine(isFacilityTypeId, {
        error: (issue) => `unknown facility type "${String(issue.input)}"; expected one of ${FACILITY_TYPE_IDS.join(', ')}`,
      })
      .optional(),
  })
  .strict();

export const bboxOnlyQuery = z.object({ bbox: bboxParam.optional() }).strict();

export const noQuery = z.object({}).strict();

/** GET /api/communities and /api/subdistricts: `geometry=none` leaves the outlines out (a tiled map draws them from tiles). */
export const outlineQuery = z
  .object({ geometry: z.enum(['none'], { error: 'geometry can only be none (leave the outlines out)' }).optional() })
  .strict();

export const idParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, 'the id must be a positive whole number')
    .transform(Number),
});

/** `?version=n` of a DELETE: the version the caller is deleting (optimistic concurrency). */
export const deleteVersionQuery = z
  .object({
    version: z
      .string({ error: 'version (the version you are deleting) is required' })
      .regex(/^\d{1,9}$/, 'version must be a positive whole number')
      .transform(Number),
  })
  .strict();
