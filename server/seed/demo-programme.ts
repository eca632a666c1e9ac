/**
 * Loads the demo city's renovation programme (data/programme-history.ts) into the tables of
 * migration 011, in the demo city's transaction, after its estates.
 */
import { demoProgramme } from '../../data/programme-history.js';
import type { Executor } from '../db/index.js';

/** The demo city is surveyed against the national cut-off (国办发〔2020〕23号: built before the end of 2000): 70 eligible. */
const DEMO_CUTOFF_YEAR = 2000;

export async function insertDemoProgramme(tx: Executor, seed: number): Promise<{ entries: number; plans: number }> {
  const eligible = await tx.query<{ id: number; households: number; floorAreaM2: number; buildings: number; urgent: boolean }>(
    `SELECT id, households, floor_area_m2 AS "floorAreaM2", buildings, urgent FROM estates WHERE year_built <= $1 ORDER BY code, id`,
    [DEMO_CUTOFF_YEAR],
  );
  const programme = demoProgramme(eligible, seed);
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
    await tx.query(
      `INSERT INTO plan_estates (year, estate_id, batch) SELECT $1, (m->>'estateId')::int, (m->>'batch')::int FROM json_array_elements($2::json) AS m`,
      [plan.year, JSON.stringify(plan.estates)],
    );
  }
  // Entries get ids 1…n in list order (the tables were just truncated), so a correction names its target by index + 1.
  await tx.query(
    `INSERT INTO progress_entries (id, estate_id, entry_date, stage, progress_pct, investment_done_yuan, note, corrects, author_id, author_name)
     OVERRIDING SYSTEM VALUE
     SELECT n, (e->>'estateId')::int, (e->>'date')::date, e->>'stage', (e->>'progressPct')::float8, (e->>'investmentDoneYuan')::float8,
            e->>'note', (e->>'corrects')::int + 1, u.id, e->>'author'
     FROM json_array_elements($1::json) WITH ORDINALITY AS t(e, n) LEFT JOIN users u ON u.username = e->>'author'
     ORDER BY n`,
    [JSON.stringify(programme.entries)],
  );
  await tx.query(`SELECT setval(pg_get_serial_sequence('progress_entries', 'id'), GREATEST((SELECT max(id) FROM progress_entries), 1))`);
  await tx.query(
    `INSERT INTO renovation_items (estate_id, item_type, quantity, unit, estimated_cost_yuan, recorded_on)
     SELECT (i->>'estateId')::int, i->>'itemType', (i->>'quantity')::float8, i->>'unit', (i->>'estimatedCostYuan')::float8, (i->>'date')::date
     FROM json_array_elements($1::json) AS i`,
    [JSON.stringify(programme.items)],
  );
  await tx.query(
    `INSERT INTO funding (estate_id, source, planned_yuan, received_yuan, recorded_on)
     SELECT (f->>'estateId')::int, f->>'source', (f->>'plannedYuan')::float8, (f->>'receivedYuan')::float8, (f->>'date')::date
     FROM json_array_elements($1::json) AS f`,
    [JSON.stringify(programme.funding)],
  );
  return { entries: programme.entries.length, plans: programme.plans.length };
}
