/**
 * Annual plans (年度计划, /api/plans): a year's targets and the estates in it with their batch.
 * Saving a plan replaces its targets and members in one transaction; a zone in a plan puts all
 * its members in the same batch.
 */
import { z } from 'zod';
import type { PlanRecord } from '../../../core/contract/index.js';
import { isoDateSchema } from '../../../core/programme/progress-history.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { ConflictError, NotFoundError, RejectedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyProgrammeChange } from './programme-events.js';

const count = z.number().int().min(0).nullable().default(null);
const amount = z.number().finite().min(0).nullable().default(null);

export const planBodySchema = z
  .object({
    name: safeTextSchema(200).default(''),
    targetEstates: count,
    targetHouseholds: count,
    targetFloorAreaM2: amount,
    targetInvestmentYuan: amount,
    targetProgressPct: z.number().min(0).max(100).nullable().default(null),
    targetProgressDate: isoDateSchema.nullable().default(null),
    /** The version edited; absent when creating the year's plan. */
    version: z.number().int().min(1).optional(),
    estates: z
      .array(z.object({ estateId: z.number().int().positive(), batch: z.number().int().min(1).max(99) }).strict())
      .max(100_000)
      .default([]),
    zones: z
      .array(z.object({ zoneId: z.number().int().positive(), batch: z.number().int().min(1).max(99) }).strict())
      .max(10_000)
      .default([]),
  })
  .strict();
export type PlanBody = z.infer<typeof planBodySchema>;

const PLAN_COLUMNS = `year, name, target_estates AS "targetEstates", target_households AS "targetHouseholds",
  target_floor_area_m2 AS "targetFloorAreaM2", target_investment_yuan AS "targetInvestmentYuan",
  target_progress_pct AS "targetProgressPct", to_char(target_progress_date, 'YYYY-MM-DD') AS "targetProgressDate", version`;

export async function getPlan(db: Queryable, year: number): Promise<PlanRecord | null> {
  const [plan] = await db.query<Omit<PlanRecord, 'estates'>>(`SELECT ${PLAN_COLUMNS} FROM annual_plans WHERE year = $1`, [year]);
  if (!plan) return null;
  const estates = await db.query<{ estateId: number; batch: number }>(
    'SELECT estate_id AS "estateId", batch FROM plan_estates WHERE year = $1 ORDER BY batch, estate_id',
    [year],
  );
  return { ...plan, estates };
}

export async function listPlans(ctx: ServiceContext): Promise<PlanRecord[]> {
  const years = await ctx.db.query<{ year: number }>('SELECT year FROM annual_plans ORDER BY year');
  const plans = await Promise.all(years.map(({ year }) => getPlan(ctx.db, year)));
  return plans.filter((plan): plan is PlanRecord => plan !== null);
}

/** Creates or replaces the plan of `year`; 409 when it changed since `version`, 422 when an estate is in another year's plan. */
export async function savePlan(ctx: ServiceContext, year: number, body: PlanBody): Promise<PlanRecord> {
  return ctx.db.transaction(async (tx) => {
    const before = await getPlan(tx, year);
    if (before && body.version !== before.version)
      throw new ConflictError('plan_version_conflict', { sentVersion: body.version ?? 0, currentVersion: before.version });
    const zoneMembers = await tx.query<{ zoneId: number; estateId: number }>(
      'SELECT zone_id AS "zoneId", estate_id AS "estateId" FROM zone_estates WHERE zone_id = ANY($1::int[])',
      [body.zones.map((z) => z.zoneId)],
    );
    const missingZone = body.zones.find((z) => !zoneMembers.some((m) => m.zoneId === z.zoneId));
    if (missingZone) throw new NotFoundError(`zone ${missingZone.zoneId}`);
    const batchOf = new Map(body.estates.map((e) => [e.estateId, e.batch]));
    for (const zone of body.zones) for (const m of zoneMembers.filter((m) => m.zoneId === zone.zoneId)) batchOf.set(m.estateId, zone.batch);
    const ids = [...batchOf.keys()];
    const known = await tx.query<{ id: number }>('SELECT id FROM estates WHERE id = ANY($1::int[])', [ids]);
    const unknown = ids.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0) throw new RejectedError('unknown_estates', { ids: unknown.slice(0, 20).join(', ') });
    const elsewhere = await tx.query<{ estateId: number; year: number }>(
      'SELECT estate_id AS "estateId", year FROM plan_estates WHERE estate_id = ANY($1::int[]) AND year <> $2',
      [ids, year],
    );
    if (elsewhere.length > 0)
      throw new RejectedError('estate_in_other_plan', { ids: elsewhere.map((e) => `${e.estateId} (${e.year})`).join(', ') });

    await tx.query(
      `INSERT INTO annual_plans (year, name, target_estates, target_households, target_floor_area_m2, target_investment_yuan, target_progress_pct, target_progress_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date)
       ON CONFLICT (year) DO UPDATE SET name = EXCLUDED.name, target_estates = EXCLUDED.target_estates,
         target_households = EXCLUDED.target_households, target_floor_area_m2 = EXCLUDED.target_floor_area_m2,
         target_investment_yuan = EXCLUDED.target_investment_yuan, target_progress_pct = EXCLUDED.target_progress_pct,
         target_progress_date = EXCLUDED.target_progress_date, version = annual_plans.version + 1, updated_at = now()`,
      [
        year,
        body.name,
        body.targetEstates,
        body.targetHouseholds,
        body.targetFloorAreaM2,
        body.targetInvestmentYuan,
        body.targetProgressPct,
        body.targetProgressDate,
      ],
    );
    await tx.query('DELETE FROM plan_estates WHERE year = $1', [year]);
    await tx.query(
      'INSERT INTO plan_estates (year, estate_id, batch) SELECT $1, id, batch FROM unnest($2::int[], $3::int[]) AS t(id, batch)',
      [year, ids, ids.map((id) => batchOf.get(id)!)],
    );
    const after = (await getPlan(tx, year))!;
    await recordAudit({ ...ctx, db: tx }, { action: before ? 'update' : 'create', entity: 'annual_plan', entityId: year, before, after });
    await notifyProgrammeChange(tx, { kind: 'plan', estateIds: ids }, ctx);
    return after;
  });
}
