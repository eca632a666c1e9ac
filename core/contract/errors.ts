/** The one shape of every error answer (docs/API.md → Errors). */
import { z } from 'zod';
import type { ProblemParams } from '../problems.js';

/** Every error answer: `{ error: ApiErrorBody }`, `code` from core/problems.ts, `params` to word it in either language. */
export interface ApiErrorBody {
  code: string;
  message: string;
  params?: ProblemParams;
  details?: unknown;
}

/** How the client reads `{ error: ApiErrorBody }`. */
export const apiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    details: z.unknown().optional(),
  }),
});
