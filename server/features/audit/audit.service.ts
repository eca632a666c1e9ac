/**
 * The audit trail: who changed what, when, with the values before and after. Every write service
 * records its entries through `recordAudit` with the transaction it writes in, so the entry and the
 * change commit together or not at all; the table refuses UPDATE and DELETE (migration 005).
 */
import type { AuditAction, AuditEntry, AuditQuery } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';

export interface AuditChange {
  action: AuditAction;
  entity: string;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

/** Writes outside a request (first start creating the administrator) are the system's. */
const SYSTEM = { id: null, username: 'system', role: 'system' } as const;

/** Who the entry names: the signed-in user, or the system outside requests (every write route runs signed in). */
function actorOf(ctx: ServiceContext<Queryable>): { id: number | null; username: string; role: string } {
  return ctx.actor ?? SYSTEM;
}

/** Appends one entry in the caller's transaction (`ctx.db`). */
export async function recordAudit(ctx: ServiceContext<Queryable>, change: AuditChange): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.query(
    `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [
      actor.id,
      actor.username,
      actor.role,
      change.action,
      change.entity,
      String(change.entityId),
      change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
      change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
      ctx.requestId,
    ],
  );
}

/** An estate as the trail keeps it (all stored columns + GeoJSON geometry), or null when absent. */
export async function estateAuditRecord(db: Queryable, id: number): Promise<unknown> {
  const [row] = await db.query<{ record: unknown }>('SELECT estate_audit_record(e) AS record FROM estates e WHERE e.id = $1', [id]);
  return row?.record ?? null;
}

/**
 * One `create` entry per estate of an import layer, in one statement (an import may hold 10 000
 * estates), plus the layer's own entry.
 */
export async function recordImportAudit(ctx: ServiceContext<Queryable>, layerId: number, layer: unknown): Promise<void> {
  const actor = actorOf(ctx);
  await recordAudit(ctx, { action: 'import', entity: 'import_layer', entityId: layerId, before: null, after: layer });
  await ctx.db.query(
    `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity, entity_id, before, after, request_id)
     SELECT $1, $2, $3, 'create', 'estate', e.id::text, NULL, estate_audit_record(e), $4
       FROM estates e WHERE e.import_layer_id = $5 ORDER BY e.id`,
    [actor.id, actor.username, actor.role, ctx.requestId, layerId],
  );
}

const ENTRY_COLUMNS = `id::text AS id, at, actor_id AS "actorId", actor_username AS "actorUsername", actor_role AS "actorRole",
  action, entity, entity_id AS "entityId", before, after, request_id AS "requestId"`;

interface EntryRow extends Omit<AuditEntry, 'at'> {
  at: Date | string;
}

function toEntry(row: EntryRow): AuditEntry {
  return { ...row, at: new Date(row.at).toISOString() };
}

/** The filter as SQL conditions with their parameters. */
function whereOf(query: AuditQuery): { where: string; params: SqlParam[] } {
  const conditions: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: (n: string) => string, value: SqlParam): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.entity !== undefined) add((n) => `entity = ${n}`, query.entity);
  if (query.entityId !== undefined) add((n) => `entity_id = ${n}`, query.entityId);
  if (query.actor !== undefined) add((n) => `actor_username = ${n}`, query.actor);
  if (query.action !== undefined) add((n) => `action = ${n}`, query.action);
  if (query.from !== undefined) add((n) => `at >= ${n}::timestamptz`, query.from);
  if (query.to !== undefined) add((n) => `at < ${n}::timestamptz`, query.to);
  if (query.beforeId !== undefined) add((n) => `id < ${n}::bigint`, query.beforeId);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Entries matching the filter, newest first, at most `limit`; `beforeId` pages further back. */
export async function listAudit(db: Queryable, query: AuditQuery & { limit: number }): Promise<AuditEntry[]> {
  const { where, params } = whereOf(query);
  const rows = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT $${params.length + 1}`, [
    ...params,
    query.limit,
  ]);
  return rows.map(toEntry);
}

/** An estate's history, newest first. */
export function estateHistory(db: Queryable, id: number, limit: number): Promise<AuditEntry[]> {
  return listAudit(db, { entity: 'estate', entityId: String(id), limit });
}
