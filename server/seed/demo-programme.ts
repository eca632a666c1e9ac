/**
 * Loads the demo city's renovation programme (data/programme-history.ts) into the tables of
 * migration 011, in the demo city's transaction, after its estates.
 */
import { demoProgramme } from '../../data/programme-history.js';
import { type CopyValue, type Executor, withIndexesBuiltAfter } from '../db/index.js';

/** The demo city is surveyed against the national cut-off (国办发〔2020〕23号: built before the end of 2000): 70 eligible. */
const DEMO_CUTOFF_YEAR = 2000;

/** Rows per COPY of the programme's tables, so progress moves on a 200 000-estate city. */
const COPY_BATCH_ROWS = 50_000;

async function copyInBatches<T>(
  tx: Executor,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  row: (item: T, index: number) => CopyValue[],
  advance: (rows: number) => void,
): Promise<void> {
  await withIndexesBuiltAfter(tx, table, async () => {
    for (let start = 0; start < items.length; start += COPY_BATCH_ROWS) {
      const batch = items.slice(start, start + COPY_BATCH_ROWS);
      await tx.copyRows(
        table,
        columns,
        batch.map((item, k) => row(item, start + k)),
      );
      advance(batch.length);
    }
  });
}

export async function insertDemoProgramme(
  tx: Executor,
  seed: number,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ entries: number; plans: number }> {
  const eligible = await tx.query<{ id: number; households: number; floorAreaM2: number; buildings: number; urgent: boolean }>(
    `SELECT id, households, floor_area_m2 AS "floorAreaM2", buildings, urgent FROM estates WHERE year_built <= $1 ORDER BY code, id`,
    [DEMO_CUTOFF_YEAR],
  );
  const programme = demoProgramme(eligible, seed);
  const authors = new Map(
    (await tx.query<{ id: number; username: string }>('SELECT id, username FROM users')).map((u) => [u.username, u.id] as const),
  );
  const members = programme.plans.flatMap((plan) => plan.estates.map((m) => ({ year: plan.year, ...m })));
  const total = members.length + programme.entries.length + programme.items.length + programme.funding.length;
  let done = 0;
  const advance = (rows: number): void => {
    done += rows;
    onProgress(done, total);
  };
  onProgress(0, total);

  for (const plan of programme.plans) {
    await tx.query(
      `INSERT INTO annual_plans (year, name, target_estates, target_households, target_floor_area_m2, target_investment_yuan, target_progress_pct, target_progress_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date)`,
      [
        plan.year,
        plan.name,
        plan.targetEstates,
        plan.targetHouseholds,
        plan.targetFloorAreaM2,
        plan.targetInvestmentYuan,
        plan.targetProgressPct,
        plan.targetProgressDate,
      ],
    );
  }
  await copyInBatches(tx, 'plan_estates', ['year', 'estate_id', 'batch'], members, (m) => [m.year, m.estateId, m.batch], advance);
  // Entries get ids 1…n in list order (the tables were just truncated; COPY keeps the given ids), so a
  // correction names its target by index + 1.
  // The whole history at once: each estate's kept state and stage changes are computed once after it, not per batch.
  await tx.exec('ALTER TABLE progress_entries DISABLE TRIGGER progress_entries_current_state');
  await copyInBatches(
    tx,
    'progress_entries',
    ['id', 'estate_id', 'entry_date', 'stage', 'progress_pct', 'investment_done_yuan', 'note', 'corrects', 'author_id', 'author_name'],
    programme.entries,
    (e, index) => [
      index + 1,
      e.estateId,
      e.date,
      e.stage,
      e.progressPct,
      e.investmentDoneYuan,
      e.note,
      e.corrects === null ? null : e.corrects + 1,
      authors.get(e.author) ?? null,
      e.author,
    ],
    advance,
  );
  await tx.exec('ALTER TABLE progress_entries ENABLE TRIGGER progress_entries_current_state');
  await tx.query('SELECT estate_current_state_refresh(NULL), estate_stage_changes_refresh(NULL)');
  await tx.query(`SELECT setval(pg_get_serial_sequence('progress_entries', 'id'), GREATEST((SELECT max(id) FROM progress_entries), 1))`);
  await copyInBatches(
    tx,
    'renovation_items',
    ['estate_id', 'item_type', 'quantity', 'unit', 'estimated_cost_yuan', 'recorded_on'],
    programme.items,
    (i) => [i.estateId, i.itemType, i.quantity, i.unit, i.estimatedCostYuan, i.date],
    advance,
  );
  await copyInBatches(
    tx,
    'funding',
    ['estate_id', 'source', 'planned_yuan', 'received_yuan', 'recorded_on'],
    programme.funding,
    (f) => [f.estateId, f.source, f.plannedYuan, f.receivedYuan, f.date],
    advance,
  );
  return { entries: programme.entries.length, plans: programme.plans.length };
}
