import { z } from 'zod';
import { RENOVATION_CATEGORIES } from '../../../core/programme/renovation-items.js';
import { calendarDate, isoDateSchema, progressInputSchema } from '../../../core/programme/progress-history.js';
import { REPORTING_PERIODS } from '../../../core/programme/reporting-period.js';
import { stageDefinitionSchema } from '../../../core/programme/stages.js';
import { reading, type ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { idParam, unitParam } from '../../http/query-schemas.js';
import { MAX_DASHBOARD_ESTATE_IDS } from '../../../core/contract/index.js';
import { DashboardCache } from './dashboard-cache.js';
import { periodReport, VIEW_FORMATS, viewExport } from './period-report.service.js';
import { listPlans, planBodySchema, savePlan } from './plans.service.js';
import { ProgrammeEventHub } from './programme-events.js';
import { appendProgress, listProgress } from './progress.service.js';
import { getStageCatalogue, saveStageCatalogue, stagesBodySchema } from './stages.service.js';
import { sendFile } from '../../http/send-file.js';
import {
  addFunding,
  addItem,
  deleteFunding,
  deleteItem,
  fundingBodySchema,
  itemBodySchema,
  listFunding,
  listItems,
} from './project-rows.service.js';

const idText = z
  .string()
  .regex(/^\d{1,9}$/, 'an id is a whole number')
  .transform(Number);

/** `?estateId=` or `?zoneId=`, exactly one. */
const projectQuery = z
  .object({ estateId: idText.optional(), zoneId: idText.optional() })
  .strict()
  .refine((q) => (q.estateId === undefined) !== (q.zoneId === undefined), { message: 'give exactly one of estateId and zoneId' })
  .transform((q): { estateId: number } | { zoneId: number } =>
    q.estateId !== undefined ? { estateId: q.estateId } : { zoneId: q.zoneId! },
  );

/** A comma-separated list of values from `allowed`. */
function listParam<T extends string>(allowed: readonly T[], name: string) {
  return z
    .string()
    .transform((text) => text.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(allowed as [T, ...T[]], { error: `${name} takes ${allowed.join(', ')}` })));
}

const yearParam = z
  .string()
  .regex(/^\d{4}$/, 'year is four digits')
  .transform(Number);

const dashboardQuery = z
  .object({
    asOf: isoDateSchema.optional(),
    year: yearParam.optional(),
    planYear: yearParam.optional(),
    batch: z
      .string()
      .regex(/^\d{1,2}$/, 'batch is a number from 1 to 99')
      .transform(Number)
      .optional(),
    subdistrict: z
      .string()
      .transform((text) => text.split(',').filter((v) => v !== ''))
      .pipe(z.array(unitParam))
      .optional(),
    // Which stage ids exist is the catalogue's to say (the dashboard refuses an unknown one).
    stage: z
      .string()
      .transform((text) => text.split(',').filter((v) => v !== ''))
      .pipe(z.array(stageDefinitionSchema.shape.id))
      .optional(),
    category: listParam(RENOVATION_CATEGORIES, 'category').optional(),
    period: z.enum(REPORTING_PERIODS, { error: `period must be one of ${REPORTING_PERIODS.join(', ')}` }).optional(),
  })
  .strict();

/** GET /api/dashboard's own parameter: `estates=1,2,3` lists only those estates (`none`: no estate); the figures stay citywide. */
const dashboardEstatesQuery = z
  .object({
    estates: z
      .string()
      .transform((text) => (text === 'none' ? [] : text.split(',').filter((v) => v !== '')))
      .pipe(z.array(idText).max(MAX_DASHBOARD_ESTATE_IDS, `estates lists at most ${MAX_DASHBOARD_ESTATE_IDS} ids`))
      .optional(),
  })
  .passthrough();

/** The dashboard's query as the service takes it (shared with the period report). */
export function parseDashboardQuery(ctx: ServiceContext, query: unknown) {
  const q = dashboardQuery.parse(query);
  const asOf = q.asOf ?? calendarDate(ctx.now());
  return {
    asOf,
    year: q.year ?? Number(asOf.slice(0, 4)),
    period: q.period ?? ctx.settings.programme.reportingPeriod,
    filter: {
      planYear: q.planYear ?? null,
      batch: q.batch ?? null,
      subdistrictCodes: q.subdistrict ?? [],
      stages: q.stage ?? [],
      categories: q.category ?? [],
    },
  };
}

/** The programme: progress, plans, items, funding, the dashboard and its live events (docs/API.md → Programme). */
export function programmeRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  const events = new ProgrammeEventHub(base.db);
  const dashboards = new DashboardCache();

  routes.post('/progress', 'progress.write', async (req, res, ctx) => {
    res.status(201).json(await appendProgress(ctx, progressInputSchema.parse(req.body)));
  });
  routes.get('/progress', 'ledger.read', async (req, res, ctx) => {
    res.json(await listProgress(ctx, projectQuery.parse(req.query)));
  });
  routes.get('/dashboard', 'dashboard.read', async (req, res, ctx) => {
    const { estates, ...query } = dashboardEstatesQuery.parse(req.query);
    res.type('application/json').send(await dashboards.json(reading(ctx), parseDashboardQuery(ctx, query), estates ?? null));
  });
  routes.get('/reports/period', 'dashboard.read', async (req, res, ctx) => {
    const file = await periodReport(ctx, parseDashboardQuery(ctx, req.query));
    sendFile(res, file);
  });
  routes.get('/reports/view', 'dashboard.read', async (req, res, ctx) => {
    const { format, ...query } = z
      .object({ format: z.enum(VIEW_FORMATS, { error: `format must be one of ${VIEW_FORMATS.join(', ')}` }) })
      .passthrough()
      .parse(req.query);
    const file = await viewExport(ctx, parseDashboardQuery(ctx, query), format);
    sendFile(res, file);
  });
  routes.get('/events', 'dashboard.read', (req, res) => {
    z.object({}).strict().parse(req.query);
    res.status(200);
    res.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    events.open({ write: (chunk) => res.write(chunk), onClose: (listener) => res.on('close', listener) });
  });

  routes.get('/stages', 'ledger.read', async (req, res, ctx) => {
    z.object({}).strict().parse(req.query);
    res.json(await getStageCatalogue(ctx.db));
  });
  routes.put('/stages', 'stages.write', async (req, res, ctx) => {
    res.json(await saveStageCatalogue(ctx, stagesBodySchema.parse(req.body)));
  });

  routes.get('/plans', 'ledger.read', async (req, res, ctx) => {
    z.object({}).strict().parse(req.query);
    res.json(await listPlans(ctx));
  });
  routes.put('/plans/:year', 'progress.write', async (req, res, ctx) => {
    const { year } = z.object({ year: yearParam.pipe(z.number().min(2000).max(2100)) }).parse(req.params);
    res.json(await savePlan(ctx, year, planBodySchema.parse(req.body)));
  });

  routes.get('/items', 'ledger.read', async (req, res, ctx) => {
    res.json(await listItems(ctx, projectQuery.parse(req.query)));
  });
  routes.post('/items', 'progress.write', async (req, res, ctx) => {
    res.status(201).json(await addItem(ctx, itemBodySchema.parse(req.body)));
  });
  routes.delete('/items/:id', 'progress.write', async (req, res, ctx) => {
    await deleteItem(ctx, idParam.parse(req.params).id);
    res.status(204).end();
  });
  routes.get('/funding', 'ledger.read', async (req, res, ctx) => {
    res.json(await listFunding(ctx, projectQuery.parse(req.query)));
  });
  routes.post('/funding', 'progress.write', async (req, res, ctx) => {
    res.status(201).json(await addFunding(ctx, fundingBodySchema.parse(req.body)));
  });
  routes.delete('/funding/:id', 'progress.write', async (req, res, ctx) => {
    await deleteFunding(ctx, idParam.parse(req.params).id);
    res.status(204).end();
  });
  return routes;
}
