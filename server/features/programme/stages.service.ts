/**
 * The stage catalogue (GET/PUT /api/stages): the administrator's stage list, or the default of
 * core/programme/stages.ts while none was saved. Appends read it FOR SHARE and an edit takes it
 * FOR UPDATE (migration 012), so a stage in use is never removed under a concurrent append.
 */
import { z } from 'zod';
import type { StageCatalogueRecord } from '../../../core/contract/index.js';
import {
  DEFAULT_STAGES,
  stageDefinitionSchema,
  stageListRefusal,
  StageCatalogue,
  type StageDefinition,
} from '../../../core/programme/stages.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { ConflictError, RejectedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyProgrammeChange } from './programme-events.js';

export const stagesBodySchema = z
  .object({
    stages: z.array(stageDefinitionSchema).max(50),
    /** The version edited (409 when it changed since). */
    version: z.number().int().min(1),
  })
  .strict();
export type StagesBody = z.infer<typeof stagesBodySchema>;

interface CatalogueRow {
  stages: StageDefinition[] | null;
  version: number;
}

async function catalogueRow(db: Queryable, lock: '' | 'FOR SHARE' | 'FOR UPDATE'): Promise<CatalogueRow> {
  const [row] = await db.query<CatalogueRow>(`SELECT stages, version FROM stage_catalogue ${lock}`);
  return row ?? { stages: null, version: 1 };
}

/**
 * The stage list in force. Inside a write transaction pass `lock: 'FOR SHARE'` so the list cannot
 * change before the transaction commits.
 */
export async function loadStageCatalogue(db: Queryable, lock: '' | 'FOR SHARE' = ''): Promise<StageCatalogue> {
  const row = await catalogueRow(db, lock);
  return new StageCatalogue(row.stages ?? DEFAULT_STAGES);
}

async function stagesInUse(db: Queryable): Promise<{ stage: string; entries: number }[]> {
  return db.query<{ stage: string; entries: number }>(
    'SELECT stage, count(*)::int AS entries FROM progress_entries GROUP BY stage ORDER BY stage',
  );
}

export async function getStageCatalogue(db: Queryable): Promise<StageCatalogueRecord> {
  const [row, inUse] = await Promise.all([catalogueRow(db, ''), stagesInUse(db)]);
  return { stages: [...(row.stages ?? DEFAULT_STAGES)], version: row.version, inUse: inUse.map((u) => u.stage) };
}

/**
 * Replaces the stage list: 409 when it changed since `version`, 422 when the list breaks a rule of
 * stageListRefusal or drops a stage that progress entries use.
 */
export async function saveStageCatalogue(ctx: ServiceContext, body: StagesBody): Promise<StageCatalogueRecord> {
  const refusal = stageListRefusal(body.stages);
  if (refusal) throw new RejectedError(refusal.code, refusal.params);
  return ctx.db.transaction(async (tx) => {
    const before = await catalogueRow(tx, 'FOR UPDATE');
    if (body.version !== before.version)
      throw new ConflictError('stages_version_conflict', { sentVersion: body.version, currentVersion: before.version });
    const kept = new Set(body.stages.map((s) => s.id));
    const dropped = (await stagesInUse(tx)).find((u) => !kept.has(u.stage));
    if (dropped) throw new RejectedError('stage_in_use', { stage: dropped.stage, entries: dropped.entries });
    await tx.query('UPDATE stage_catalogue SET stages = $1::jsonb, version = version + 1, updated_at = now()', [
      JSON.stringify(body.stages),
    ]);
    const after = await getStageCatalogue(tx);
    await recordAudit(
      { ...ctx, db: tx },
      { action: 'update', entity: 'stage_catalogue', entityId: 'stages', before: before.stages ?? DEFAULT_STAGES, after: after.stages },
    );
    await notifyProgrammeChange(tx, { kind: 'stages', estateIds: [] }, ctx);
    return after;
  });
}
