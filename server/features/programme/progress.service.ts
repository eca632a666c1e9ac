/**
 * Progress entries (POST/GET /api/progress): appended, never changed. An entry for a zone is one
 * entry per member, in one transaction, or none when any member refuses it. The estates' rows are
 * locked while their histories are checked, so concurrent appends to one estate queue up instead
 * of both passing the stage rule.
 */
import type { ProgressEntryAnswer } from '../../../core/contract/index.js';
import { problemMessage } from '../../../core/problems.js';
import {
  calendarDate,
  progressRefusal,
  type IsoDate,
  type ProgressEntry,
  type ProgressInput,
} from '../../../core/programme/progress-history.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { NotFoundError, RejectedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyProgrammeChange } from './programme-events.js';
import { loadStageCatalogue } from './stages.service.js';

export const ENTRY_COLUMNS = `p.id, p.estate_id AS "estateId", p.zone_id AS "zoneId", to_char(p.entry_date, 'YYYY-MM-DD') AS date,
  p.stage, p.progress_pct AS "progressPct", p.investment_done_yuan AS "investmentDoneYuan", p.note, p.corrects,
  p.author_name AS "authorName", to_char(p.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt"`;

/** Every entry (corrected ones too) of `estateIds`, or of every estate when null, recorded on or before `upTo` when given. */
export async function loadEntries(db: Queryable, estateIds: readonly number[] | null, upTo?: IsoDate): Promise<ProgressEntry[]> {
  // A correction dated after `upTo` still replaces its target (progress-history.ts), so corrections are always loaded.
  return db.query<ProgressEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM progress_entries p
     WHERE ($1::int[] IS NULL OR p.estate_id = ANY($1::int[]))
       AND ($2::date IS NULL OR p.entry_date <= $2::date OR p.corrects IS NOT NULL)
     ORDER BY p.entry_date, p.id`,
    [estateIds === null ? null : [...estateIds], upTo ?? null],
  );
}

/** The estates an entry goes to: the one estate, or the zone's members (404 when absent). */
async function targetEstates(db: Queryable, input: ProgressInput): Promise<{ id: number; name: string }[]> {
  if (input.estateId !== undefined) {
    const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM estates WHERE id = $1 FOR UPDATE', [input.estateId]);
    if (rows.length === 0) throw new NotFoundError(`estate ${input.estateId}`);
    return rows;
  }
  const zone = await db.query<{ id: number }>('SELECT id FROM zones WHERE id = $1', [input.zoneId!]);
  if (zone.length === 0) throw new NotFoundError(`zone ${input.zoneId!}`);
  return db.query<{ id: number; name: string }>(
    `SELECT e.id, e.name FROM estates e JOIN zone_estates ze ON ze.estate_id = e.id WHERE ze.zone_id = $1 ORDER BY e.id FOR UPDATE OF e`,
    [input.zoneId!],
  );
}

/** Appends the entry (one per zone member); 422 with the reason when a rule refuses it. */
export async function appendProgress(ctx: ServiceContext, input: ProgressInput): Promise<ProgressEntry[]> {
  const today = calendarDate(ctx.now());
  const candidate = {
    date: input.date,
    stage: input.stage,
    progressPct: input.progressPct,
    corrects: input.corrects ?? null,
    note: input.note,
  };
  return ctx.db.transaction(async (tx) => {
    const catalogue = await loadStageCatalogue(tx, 'FOR SHARE');
    const estates = await targetEstates(tx, input);
    const histories = await loadEntries(
      tx,
      estates.map((e) => e.id),
    );
    for (const estate of estates) {
      const refusal = progressRefusal(
        histories.filter((h) => h.estateId === estate.id),
        candidate,
        today,
        catalogue,
      );
      if (!refusal) continue;
      if (input.zoneId === undefined) throw new RejectedError(refusal.code, refusal.params);
      throw new RejectedError('progress_refused_for_member', {
        estateName: estate.name,
        reasonZh: problemMessage(refusal.code, refusal.params, 'zh'),
        reasonEn: problemMessage(refusal.code, refusal.params, 'en'),
      });
    }
    const author = ctx.actor;
    const entries = await tx.query<ProgressEntry>(
      `INSERT INTO progress_entries AS p (estate_id, zone_id, entry_date, stage, progress_pct, investment_done_yuan, note, corrects, author_id, author_name)
       SELECT id, $2, $3::date, $4, $5, $6, $7, $8, $9, $10 FROM unnest($1::int[]) AS id
       RETURNING ${ENTRY_COLUMNS}`,
      [
        estates.map((e) => e.id),
        input.zoneId ?? null,
        input.date,
        input.stage,
        input.progressPct,
        input.investmentDoneYuan ?? null,
        input.note,
        input.corrects ?? null,
        author?.id ?? null,
        author?.username ?? 'system',
      ],
    );
    for (const entry of entries)
      await recordAudit({ ...ctx, db: tx }, { action: 'create', entity: 'progress_entry', entityId: entry.id, before: null, after: entry });
    await notifyProgrammeChange(tx, { kind: 'progress', estateIds: estates.map((e) => e.id) }, ctx);
    return entries;
  });
}

/** The history of an estate, or of every member of a zone, oldest first, corrections included. */
export async function listProgress(ctx: ServiceContext, target: { estateId?: number; zoneId?: number }): Promise<ProgressEntryAnswer[]> {
  const exists = await ctx.db.query(
    target.estateId !== undefined ? 'SELECT 1 FROM estates WHERE id = $1' : 'SELECT 1 FROM zones WHERE id = $1',
    [target.estateId ?? target.zoneId!],
  );
  if (exists.length === 0) throw new NotFoundError(target.estateId !== undefined ? `estate ${target.estateId}` : `zone ${target.zoneId!}`);
  return ctx.db.query<ProgressEntryAnswer>(
    `SELECT ${ENTRY_COLUMNS}, e.name AS "estateName" FROM progress_entries p JOIN estates e ON e.id = p.estate_id
     WHERE ($1::int IS NOT NULL AND p.estate_id = $1) OR ($2::int IS NOT NULL AND p.estate_id IN (SELECT estate_id FROM zone_estates WHERE zone_id = $2))
     ORDER BY p.entry_date, p.id`,
    [target.estateId ?? null, target.zoneId ?? null],
  );
}
