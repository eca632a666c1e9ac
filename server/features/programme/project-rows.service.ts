/**
 * A project's renovation items (/api/items) and funding (/api/funding): rows of an estate or of a
 * zone, listed, added and removed, each write audited and announced to the dashboards.
 */
import { z } from 'zod';
import type { FundingRecord, RenovationItemRecord } from '../../../core/contract/index.js';
import { FUNDING_SOURCE_IDS } from '../../../core/programme/funding.js';
import { RENOVATION_ITEM_IDS, renovationItemType } from '../../../core/programme/renovation-items.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import { calendarDate, isoDateSchema, type IsoDate } from '../../../core/programme/progress-history.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { NotFoundError, RejectedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ProgrammeChange } from '../../../core/contract/index.js';
import { notifyProgrammeChange } from './programme-events.js';

const projectFields = {
  estateId: z.number().int().positive().optional(),
  zoneId: z.number().int().positive().optional(),
};
const oneProject = [
  (row: { estateId?: number | undefined; zoneId?: number | undefined }) => (row.estateId === undefined) !== (row.zoneId === undefined),
  { message: 'give exactly one of estateId and zoneId' },
] as const;
const yuan = z.number().finite().min(0).max(1e12);
/** The day the amount was planned or received (default today); the time replay counts a row from it. */
const recordedOn = isoDateSchema.optional();

export const itemBodySchema = z
  .object({
    ...projectFields,
    itemType: z.enum(RENOVATION_ITEM_IDS as [string, ...string[]], { error: `itemType must be one of ${RENOVATION_ITEM_IDS.join(', ')}` }),
    quantity: z.number().finite().positive('quantity must be above 0').max(1e9),
    /** Default: the catalogue's unit for the item. */
    unit: safeTextSchema(20).optional(),
    estimatedCostYuan: yuan,
    date: recordedOn,
    note: safeTextSchema(500).default(''),
  })
  .strict()
  .refine(...oneProject);

export const fundingBodySchema = z
  .object({
    ...projectFields,
    source: z.enum(FUNDING_SOURCE_IDS, { error: `source must be one of ${FUNDING_SOURCE_IDS.join(', ')}` }),
    plannedYuan: yuan,
    receivedYuan: yuan.default(0),
    date: recordedOn,
    note: safeTextSchema(500).default(''),
  })
  .strict()
  .refine(...oneProject);

const DATE_COLUMN = `to_char(recorded_on, 'YYYY-MM-DD') AS date`;

interface RowSpec {
  table: 'renovation_items' | 'funding';
  entity: 'renovation_item' | 'funding';
  kind: ProgrammeChange['kind'];
  columns: string;
}

const ITEMS: RowSpec = {
  table: 'renovation_items',
  entity: 'renovation_item',
  kind: 'items',
  columns: `id, estate_id AS "estateId", zone_id AS "zoneId", item_type AS "itemType", quantity, unit, estimated_cost_yuan AS "estimatedCostYuan", note, ${DATE_COLUMN}`,
};
const FUNDING: RowSpec = {
  table: 'funding',
  entity: 'funding',
  kind: 'funding',
  columns: `id, estate_id AS "estateId", zone_id AS "zoneId", source, planned_yuan AS "plannedYuan", received_yuan AS "receivedYuan", note, ${DATE_COLUMN}`,
};

async function checkProject(db: Queryable, project: { estateId?: number | undefined; zoneId?: number | undefined }): Promise<void> {
  const [sql, id, what] =
    project.estateId !== undefined
      ? ['SELECT 1 FROM estates WHERE id = $1', project.estateId, 'estate']
      : ['SELECT 1 FROM zones WHERE id = $1', project.zoneId!, 'zone'];
  if ((await db.query(sql, [id])).length === 0) throw new NotFoundError(`${what} ${id}`);
}

/** The estates a change touches: the estate, or the zone's members. */
async function touchedEstates(db: Queryable, row: { estateId: number | null; zoneId: number | null }): Promise<number[]> {
  if (row.estateId !== null) return [row.estateId];
  const members = await db.query<{ id: number }>('SELECT estate_id AS id FROM zone_estates WHERE zone_id = $1', [row.zoneId]);
  return members.map((m) => m.id);
}

async function listRows<R>(ctx: ServiceContext, spec: RowSpec, project: { estateId?: number; zoneId?: number }): Promise<R[]> {
  await checkProject(ctx.db, project);
  return ctx.db.query<R>(
    `SELECT ${spec.columns} FROM ${spec.table} WHERE ${project.estateId !== undefined ? 'estate_id' : 'zone_id'} = $1 ORDER BY recorded_on, id`,
    [project.estateId ?? project.zoneId!],
  );
}

async function insertRow<R extends { id: number; estateId: number | null; zoneId: number | null }>(
  ctx: ServiceContext,
  spec: RowSpec,
  project: { estateId?: number | undefined; zoneId?: number | undefined; date?: IsoDate | undefined },
  columns: readonly string[],
  values: readonly SqlParam[],
): Promise<R> {
  const today = calendarDate(ctx.now());
  const date = project.date ?? today;
  if (date > today) throw new RejectedError('record_date_future', { date, today });
  return ctx.db.transaction(async (tx) => {
    await checkProject(tx, project);
    const placeholders = columns.map((_, i) => `$${i + 4}`).join(', ');
    const [row] = await tx.query<R>(
      `INSERT INTO ${spec.table} (estate_id, zone_id, recorded_on, ${columns.join(', ')}) VALUES ($1, $2, $3::date, ${placeholders})
       RETURNING ${spec.columns}`,
      [project.estateId ?? null, project.zoneId ?? null, date, ...values],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    await recordAudit({ ...ctx, db: tx }, { action: 'create', entity: spec.entity, entityId: row.id, before: null, after: row });
    await notifyProgrammeChange(tx, { kind: spec.kind, estateIds: await touchedEstates(tx, row) }, ctx);
    return row;
  });
}

async function deleteRow(ctx: ServiceContext, spec: RowSpec, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number; estateId: number | null; zoneId: number | null }>(
      `DELETE FROM ${spec.table} WHERE id = $1 RETURNING ${spec.columns}`,
      [id],
    );
    if (!row) throw new NotFoundError(`${spec.entity} ${id}`);
    await recordAudit({ ...ctx, db: tx }, { action: 'delete', entity: spec.entity, entityId: id, before: row, after: null });
    await notifyProgrammeChange(tx, { kind: spec.kind, estateIds: await touchedEstates(tx, row) }, ctx);
  });
}

export const listItems = (ctx: ServiceContext, project: { estateId?: number; zoneId?: number }) =>
  listRows<RenovationItemRecord>(ctx, ITEMS, project);
export const listFunding = (ctx: ServiceContext, project: { estateId?: number; zoneId?: number }) =>
  listRows<FundingRecord>(ctx, FUNDING, project);
export const deleteItem = (ctx: ServiceContext, id: number) => deleteRow(ctx, ITEMS, id);
export const deleteFunding = (ctx: ServiceContext, id: number) => deleteRow(ctx, FUNDING, id);

export function addItem(ctx: ServiceContext, body: z.infer<typeof itemBodySchema>): Promise<RenovationItemRecord> {
  const unit = body.unit ?? renovationItemType(body.itemType)?.unit.zh ?? '';
  return insertRow(
    ctx,
    ITEMS,
    body,
    ['item_type', 'quantity', 'unit', 'estimated_cost_yuan', 'note'],
    [body.itemType, body.quantity, unit, body.estimatedCostYuan, body.note],
  );
}

export function addFunding(ctx: ServiceContext, body: z.infer<typeof fundingBodySchema>): Promise<FundingRecord> {
  return insertRow(
    ctx,
    FUNDING,
    body,
    ['source', 'planned_yuan', 'received_yuan', 'note'],
    [body.source, body.plannedYuan, body.receivedYuan, body.note],
  );
}
