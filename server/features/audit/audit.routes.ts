import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../core/contract/index.js';
import { toCsv } from '../../../core/io/csv.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { idParam, limitParamUpTo } from '../../http/query-schemas.js';
import { attachmentDisposition } from '../export/export.service.js';
import { estateHistory, listAudit } from './audit.service.js';

const PAGE_LIMIT = 1_000;
const EXPORT_LIMIT = 100_000;

/** A filter value PostgreSQL can compare (no NUL, no lone surrogate). */
const filterText = safeTextSchema(100, 1);
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be a date such as 2026-12-01 or an ISO timestamp',
  )
  .refine((text) => !Number.isNaN(Date.parse(text)), 'is not a real date');
const auditQuery = (maxLimit: number, defaultLimit: number) =>
  z
    .object({
      entity: filterText.optional(),
      entityId: filterText.optional(),
      actor: filterText.optional(),
      action: z.enum(AUDIT_ACTIONS).optional(),
      from: instant.optional(),
      to: instant.optional(),
      beforeId: z
        .string()
        .regex(/^\d{1,18}$/, 'beforeId must be an entry id')
        .optional(),
      limit: limitParamUpTo(maxLimit).default(defaultLimit),
    })
    .strict();

const historyQuery = z.object({ limit: limitParamUpTo(PAGE_LIMIT).default(200) }).strict();

const CSV_HEADER = [
  '编号 id',
  '时间 time',
  '用户 user',
  '角色 role',
  '操作 action',
  '对象 entity',
  '对象编号 entity id',
  '修改前 before',
  '修改后 after',
  '请求 request',
];

function auditCsv(entries: readonly AuditEntry[]): string {
  return toCsv(
    CSV_HEADER,
    entries.map((e) => [
      e.id,
      e.at,
      e.actorUsername,
      e.actorRole,
      e.action,
      e.entity,
      e.entityId,
      e.before ?? '',
      e.after ?? '',
      e.requestId ?? '',
    ]),
  );
}

/** GET /api/audit, /api/audit/export.csv (administrators) and /api/estates/:id/history (anyone who reads the ledger). */
export function auditRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.get('/audit', 'audit.read', async (req, res, ctx) => {
    res.json(await listAudit(ctx.db, auditQuery(PAGE_LIMIT, 200).parse(req.query)));
  });

  routes.get('/audit/export.csv', 'audit.read', async (req, res, ctx) => {
    const entries = await listAudit(ctx.db, auditQuery(EXPORT_LIMIT, EXPORT_LIMIT).parse(req.query));
    const date = ctx.now().toISOString().slice(0, 10);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', attachmentDisposition(`操作记录_${date}.csv`, `audit-trail_${date}.csv`));
    res.send(auditCsv(entries));
  });

  routes.get('/estates/:id/history', 'ledger.read', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const { limit } = historyQuery.parse(req.query);
    res.json(await estateHistory(ctx.db, id, limit));
  });

  return routes;
}
