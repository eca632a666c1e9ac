import { z } from 'zod';
import { COVERAGE_MODELS, COVERAGE_SCOPES } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { coverageOf } from './coverage.service.js';

const coverageQuery = z
  .object({
    scope: z.enum(COVERAGE_SCOPES, { error: `scope must be one of ${COVERAGE_SCOPES.join(', ')}` }),
    id: z.string().max(64, 'id is at most 64 characters').optional(),
    model: z.enum(COVERAGE_MODELS, { error: `model must be one of ${COVERAGE_MODELS.join(', ')}` }).default('euclidean'),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.scope === 'city') {
      if (query.id !== undefined) ctx.addIssue({ code: 'custom', message: 'scope=city takes no id', path: ['id'] });
    } else if (query.id === undefined) {
      ctx.addIssue({ code: 'custom', message: `scope=${query.scope} needs an id`, path: ['id'] });
    } else if (query.scope !== 'subdistrict' && !/^\d{1,9}$/.test(query.id)) {
      ctx.addIssue({ code: 'custom', message: `the ${query.scope} id must be a positive whole number`, path: ['id'] });
    }
  });

/** Life-circle coverage (生活圈) of estates, zones, sub-districts and the city. */
export function coverageRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/coverage', 'ledger.read', async (req, res, ctx) => {
    res.json(await coverageOf(ctx, coverageQuery.parse(req.query)));
  });
  return routes;
}
