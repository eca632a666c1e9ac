import { z } from 'zod';
import { COVERAGE_MODELS, COVERAGE_SCOPES } from '../../../core/contract/index.js';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { RADIUS_BOUNDS_M } from '../../../core/coverage/coverage-types.js';
import { FACILITY_TYPE_IDS, type FacilityTypeId } from '../../../core/facility-catalogue.js';
import { noQuery } from '../../http/query-schemas.js';
import { coverageOf } from './coverage.service.js';
import { listFacilityTypes, updateFacilityType } from './facility-types.service.js';
import { suggestSites } from './site-suggestion.service.js';
import { gapReport, GAP_REPORT_FORMATS } from './gap-report.service.js';
import { addEstateGate, deleteEstateGate, listEstateGates } from './estate-gates.service.js';
import { gateFeatureSchema } from '../../../core/facilities/facility-record.js';
import { idParam } from '../../http/query-schemas.js';
import { sendFile } from '../../http/send-file.js';

/** Whether planned facilities count as if built (the default leaves them out: coverage as it is today). */
const plannedParam = z
  .enum(['include', 'exclude'], { error: 'planned must be include or exclude' })
  .default('exclude')
  .transform((value) => value === 'include');

const coverageFields = {
  scope: z.enum(COVERAGE_SCOPES, { error: `scope must be one of ${COVERAGE_SCOPES.join(', ')}` }),
  id: z.string().max(64, 'id is at most 64 characters').optional(),
  model: z.enum(COVERAGE_MODELS, { error: `model must be one of ${COVERAGE_MODELS.join(', ')}` }).optional(),
  planned: plannedParam,
};

/** A scope's id: none for the city, a number for an estate or zone, a code for a sub-district. */
function checkScopeId(query: { scope: (typeof COVERAGE_SCOPES)[number]; id?: string | undefined }, ctx: z.RefinementCtx): void {
  if (query.scope === 'city') {
    if (query.id !== undefined) ctx.addIssue({ code: 'custom', message: 'scope=city takes no id', path: ['id'] });
  } else if (query.id === undefined) {
    ctx.addIssue({ code: 'custom', message: `scope=${query.scope} needs an id`, path: ['id'] });
  } else if (query.scope !== 'subdistrict' && !/^\d{1,9}$/.test(query.id)) {
    ctx.addIssue({ code: 'custom', message: `the ${query.scope} id must be a positive whole number`, path: ['id'] });
  }
}

const coverageQuery = z.object(coverageFields).strict().superRefine(checkScopeId);

/** The gap report takes the coverage query and a file format. */
const reportQuery = z
  .object({ ...coverageFields, format: z.enum(GAP_REPORT_FORMATS, { error: `format must be one of ${GAP_REPORT_FORMATS.join(', ')}` }) })
  .strict()
  .superRefine(checkScopeId);

const typeParam = z.object({
  id: z.enum(FACILITY_TYPE_IDS as [FacilityTypeId, ...FacilityTypeId[]], {
    error: (issue) => `unknown facility type "${String(issue.input)}"; expected one of ${FACILITY_TYPE_IDS.join(', ')}`,
  }),
});

const typeChangeBody = z
  .object({
    radiusM: z
      .number({ error: 'radiusM (metres) is required' })
      .min(RADIUS_BOUNDS_M.min, `radiusM must be at least ${RADIUS_BOUNDS_M.min} m`)
      .max(RADIUS_BOUNDS_M.max, `radiusM must be at most ${RADIUS_BOUNDS_M.max} m`),
    counted: z.boolean({ error: 'counted (true or false) is required' }),
  })
  .strict();

/** Up to this many suggested sites at once: a designer compares a handful, not a city's worth. */
const MAX_SITES = 20;

const siteQuery = z
  .object({
    type: typeParam.shape.id,
    k: z
      .string()
      .regex(/^\d{1,2}$/, 'k must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'k must be at least 1').max(MAX_SITES, `k must be at most ${MAX_SITES}`))
      .default(5),
    model: z.enum(COVERAGE_MODELS, { error: `model must be one of ${COVERAGE_MODELS.join(', ')}` }).optional(),
    planned: plannedParam,
  })
  .strict();

const gateParams = idParam.extend({ gateId: idParam.shape.id });

/** Life-circle coverage (生活圈) of estates, zones, sub-districts and the city. */
export function coverageRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/coverage', 'ledger.read', async (req, res, ctx) => {
    res.json(await coverageOf(reading(ctx), coverageQuery.parse(req.query)));
  });
  routes.get('/coverage/report', 'ledger.read', async (req, res, ctx) => {
    const { format, ...query } = reportQuery.parse(req.query);
    const file = await gapReport(ctx, query, format);
    sendFile(res, file);
  });
  routes.get('/coverage/sites', 'analysis.run', async (req, res, ctx) => {
    res.json(await suggestSites(ctx, siteQuery.parse(req.query)));
  });
  routes.get('/estate-gates', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listEstateGates(ctx.db));
  });
  routes.post('/estates/:id/gates', 'ledger.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    res.status(201).json(await addEstateGate(ctx, id, gateFeatureSchema.parse(req.body)));
  });
  routes.get('/estates/:id/gates', 'ledger.read', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    res.json(await listEstateGates(ctx.db, id));
  });
  routes.delete('/estates/:id/gates/:gateId', 'ledger.write', async (req, res, ctx) => {
    const { id, gateId } = gateParams.parse(req.params);
    await deleteEstateGate(ctx, id, gateId);
    res.status(204).end();
  });
  routes.get('/facility-types', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listFacilityTypes(ctx.db));
  });
  routes.put('/facility-types/:id', 'catalogue.write', async (req, res, ctx) => {
    const { id } = typeParam.parse(req.params);
    res.json(await updateFacilityType(ctx, id, typeChangeBody.parse(req.body)));
  });
  return routes;
}
