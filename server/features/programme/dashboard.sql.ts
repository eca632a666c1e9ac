/**
 * The dashboard's reads, derived in the database so that a city of 200 000 estates sends one row
 * per estate and a few totals, not its whole history (4 million rows) to be derived in JavaScript.
 *
 * An estate's state on a date follows core/programme/progress-history.ts (`statesAsOf`): its latest
 * entry by date then id, on or before the date, that no correction replaced (a correction dated
 * later still replaces its target); its investment to date is the latest one reported. The
 * over-time series follows `progressOverTime`. Both read rows the database keeps as entries are
 * appended (migrations 016 and 017). tests/api/dashboard-derivation.api.test.ts holds both to those
 * functions on histories with corrections and same-day entries.
 */
import type { ProgrammeEstate } from '../../../core/programme/programme-figures.js';
import type { IsoDate } from '../../../core/programme/progress-history.js';
import { RENOVATION_CATEGORIES, RENOVATION_ITEM_TYPES, type RenovationCategory } from '../../../core/programme/renovation-items.js';
import type { StageId } from '../../../core/programme/stages.js';
import type { Queryable } from '../../db/index.js';

/** One estate with its plan, its state on the date and on the day before the period, and its items to date. */
export interface EstateFactsRow extends ProgrammeEstate {
  batch: number | null;
  /** Null without a counting entry (the estate is in DEFAULT_STAGE). */
  stage: StageId | null;
  progressPct: number | null;
  since: IsoDate | null;
  entryId: number | null;
  investmentDoneYuan: number;
  stageBefore: StageId | null;
  /** The categories of the items recorded on or before the date (a zone's items count for each member). */
  categories: RenovationCategory[];
}

// An estate's item categories travel as one integer: bit i for RENOVATION_CATEGORIES[i].
const ITEM_TYPE_IDS = RENOVATION_ITEM_TYPES.map((t) => t.id);
const ITEM_TYPE_BITS = RENOVATION_ITEM_TYPES.map((t) => 1 << RENOVATION_CATEGORIES.indexOf(t.category));
const categoryLists = new Map<number, RenovationCategory[]>();
/** One list per combination of bits, shared: 200 000 estates need a few dozen lists, not 200 000. */
function categoriesOfBits(bits: number): RenovationCategory[] {
  let list = categoryLists.get(bits);
  if (!list) categoryLists.set(bits, (list = RENOVATION_CATEGORIES.filter((_, i) => (bits & (1 << i)) !== 0)));
  return list;
}

/** The latest entry of estate `e.id` that counts on `date` (a parameter): `ORDER BY … LIMIT 1` on the (estate, date) index. */
const latestCounting = (date: string, extra = '') => `
  FROM progress_entries p
  WHERE p.estate_id = e.id AND p.entry_date <= ${date} ${extra}
    AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = p.id)
  ORDER BY p.entry_date DESC, p.id DESC LIMIT 1`;

/**
 * Every estate, in id order, as of `asOf`, with its stage on `before` too. An estate's kept state
 * (migration 016) is its state on any date from its entry's date on, as no entry counting later
 * exists; only an estate with an entry after the date (a replayed day, the day before a period)
 * looks its state up in its history.
 */
export async function loadEstateFacts(db: Queryable, asOf: IsoDate, before: IsoDate): Promise<EstateFactsRow[]> {
  // Two statements, so a server runs them side by side.
  const [estates, items] = await Promise.all([
    db.query<Omit<EstateFactsRow, 'categories' | 'plannedInvestmentYuan'>>(
      `SELECT e.id, e.households, e.floor_area_m2 AS "floorAreaM2", e.buildings, e.subdistrict_code AS "subdistrictCode",
              pe.year AS "planYear", pe.batch,
              s.stage, s.progress_pct AS "progressPct", to_char(s.since, 'YYYY-MM-DD') AS since, s.entry_id AS "entryId",
              coalesce(s.investment, 0) AS "investmentDoneYuan",
              CASE WHEN k.entry_date IS NULL OR k.entry_date <= $2::date THEN k.stage
                   ELSE (SELECT p.stage ${latestCounting('$2::date')}) END AS "stageBefore"
       FROM estates e
       LEFT JOIN plan_estates pe ON pe.estate_id = e.id
       LEFT JOIN estate_current_state k ON k.estate_id = e.id
       LEFT JOIN LATERAL (
         SELECT k.stage, k.progress_pct, k.entry_date AS since, k.entry_id, k.investment_done_yuan AS investment
         WHERE k.entry_date <= $1::date
         UNION ALL
         (SELECT p.stage, p.progress_pct, p.entry_date, p.id,
                 (SELECT p.investment_done_yuan ${latestCounting('$1::date', 'AND p.investment_done_yuan IS NOT NULL')})
          ${latestCounting('$1::date', 'AND k.entry_date > $1::date')})
       ) s ON true
       ORDER BY e.id`,
      [asOf, before],
    ),
    db.query<{ estateId: number; categoryBits: number; costYuan: number }>(
      `SELECT s.estate_id AS "estateId", coalesce(bit_or(t.bit), 0) AS "categoryBits", sum(s.estimated_cost_yuan)::float8 AS "costYuan"
       FROM estate_item_shares s LEFT JOIN unnest($2::text[], $3::int[]) AS t(item_type, bit) ON t.item_type = s.item_type
       WHERE s.recorded_on <= $1::date
       GROUP BY s.estate_id`,
      [asOf, ITEM_TYPE_IDS, ITEM_TYPE_BITS],
    ),
  ]);
  const itemsOf = new Map(items.map((i) => [i.estateId, i]));
  // Completed in place: copying 200 000 rows with a spread cost more than parsing them.
  const rows = estates as EstateFactsRow[];
  for (const row of rows) {
    const own = itemsOf.get(row.id);
    row.categories = categoriesOfBits(own?.categoryBits ?? 0);
    row.plannedInvestmentYuan = own?.costYuan ?? 0;
  }
  return rows;
}

/** Item totals per type and funding per source of `estateIds` (every estate when null), recorded on or before `asOf`. */
export async function loadMatchedTotals(db: Queryable, asOf: IsoDate, estateIds: readonly number[] | null) {
  const ids = estateIds === null ? null : [...estateIds];
  const [items, funding] = await Promise.all([
    db.query<{ itemType: string; items: number; quantity: number; costYuan: number }>(
      `SELECT item_type AS "itemType", count(*)::int AS items, sum(quantity)::float8 AS quantity, sum(estimated_cost_yuan)::float8 AS "costYuan"
       FROM estate_item_shares
       WHERE recorded_on <= $1::date AND ($2::int[] IS NULL OR estate_id = ANY ($2::int[]))
       GROUP BY item_type ORDER BY item_type`,
      [asOf, ids],
    ),
    db.query<{ source: string; plannedYuan: number; receivedYuan: number }>(
      `SELECT source, sum(planned_yuan)::float8 AS "plannedYuan", sum(received_yuan)::float8 AS "receivedYuan"
       FROM estate_funding_shares
       WHERE recorded_on <= $1::date AND ($2::int[] IS NULL OR estate_id = ANY ($2::int[]))
       GROUP BY source ORDER BY source`,
      [asOf, ids],
    ),
  ]);
  return { items, funding };
}

/** What the over-time series counts: which stages are started and completed, and the stage of an estate without history. */
export interface StageClasses {
  started: readonly StageId[];
  completed: readonly StageId[];
  defaultStage: StageId;
}

/**
 * For each of `dates` (each on or before `asOf`), how many of `estateIds` (every estate when null)
 * entered a started or completed stage since they had no history, less those that left one: the
 * change over the estates' stages without history. Each entry that changed its estate's stage (kept
 * by migration 017) adds the difference against the stage before it (or the default stage), summed
 * per day, then up to each date.
 */
export function loadStageCountChanges(
  db: Queryable,
  asOf: IsoDate,
  dates: readonly IsoDate[],
  estateIds: readonly number[] | null,
  classes: StageClasses,
): Promise<{ date: IsoDate; started: number; completed: number; completedHouseholds: number }[]> {
  return db.query(
    `WITH changes AS (
       SELECT c.entry_date, c.estate_id,
              (c.stage = ANY ($4::text[]))::int - (coalesce(c.previous_stage, $6::text) = ANY ($4::text[]))::int AS started,
              (c.stage = ANY ($5::text[]))::int - (coalesce(c.previous_stage, $6::text) = ANY ($5::text[]))::int AS completed
       FROM estate_stage_changes c
       WHERE c.entry_date <= $1::date AND ($3::int[] IS NULL OR c.estate_id = ANY ($3::int[]))),
     daily AS (
       SELECT c.entry_date AS day, sum(c.started) AS started, sum(c.completed) AS completed,
              sum(c.completed * e.households) AS completed_households
       FROM changes c JOIN estates e ON e.id = c.estate_id
       WHERE c.started <> 0 OR c.completed <> 0
       GROUP BY c.entry_date)
     SELECT to_char(m.day, 'YYYY-MM-DD') AS date, coalesce(sum(d.started), 0)::int AS started,
            coalesce(sum(d.completed), 0)::int AS completed, coalesce(sum(d.completed_households), 0)::int AS "completedHouseholds"
     FROM unnest($2::date[]) AS m(day) LEFT JOIN daily d ON d.day <= m.day
     GROUP BY m.day ORDER BY m.day`,
    [asOf, [...dates], estateIds === null ? null : [...estateIds], [...classes.started], [...classes.completed], classes.defaultStage],
  );
}

/** The first date of the history the dashboard reads on `asOf` (null without any). */
export async function loadHistoryFrom(db: Queryable, asOf: IsoDate): Promise<IsoDate | null> {
  // As loadEntries reads it: entries on or before the date, and every correction.
  const [row] = await db.query<{ from: IsoDate | null }>(
    `SELECT to_char(min(entry_date), 'YYYY-MM-DD') AS "from" FROM progress_entries WHERE entry_date <= $1::date OR corrects IS NOT NULL`,
    [asOf],
  );
  return row?.from ?? null;
}

/** The names of `estateIds`. */
export async function loadEstateNames(db: Queryable, estateIds: readonly number[]): Promise<Map<number, string>> {
  if (estateIds.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM estates WHERE id = ANY ($1::int[])', [[...estateIds]]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
