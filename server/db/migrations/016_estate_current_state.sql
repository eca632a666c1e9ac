-- Issue 11: the kept row of migration 015 holds an estate's whole state today, not only its stage,
-- so the dashboard reads 200 000 estates' states without deriving them from the history on every
-- request. The state follows core/programme/progress-history.ts (`statesAsOf`): the latest entry by
-- date then id that no correction replaced, with the latest investment reported (0 when none).
ALTER TABLE estate_current_stage RENAME TO estate_current_state;
ALTER TABLE estate_current_state
  ADD COLUMN progress_pct double precision NOT NULL DEFAULT 0,
  ADD COLUMN investment_done_yuan double precision NOT NULL DEFAULT 0;

DROP TRIGGER progress_entries_current_stage ON progress_entries;
DROP FUNCTION progress_entries_current_stage();
DROP FUNCTION estate_current_stage_refresh(integer[]);

-- Recomputes the rows of `estate_ids` (every estate when NULL) from their histories: one sort of the
-- entries, latest first per estate; the investment is the first reported in that order.
CREATE FUNCTION estate_current_state_refresh(estate_ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO estate_current_state (estate_id, entry_id, entry_date, stage, progress_pct, investment_done_yuan)
  SELECT estate_id, id, entry_date, stage, progress_pct, coalesce(investment, 0)
  FROM (
    SELECT pe.estate_id, pe.id, pe.entry_date, pe.stage, pe.progress_pct,
           row_number() OVER latest_first AS n,
           (array_agg(pe.investment_done_yuan) FILTER (WHERE pe.investment_done_yuan IS NOT NULL) OVER whole)[1] AS investment
    FROM progress_entries pe
    WHERE (estate_ids IS NULL OR pe.estate_id = ANY (estate_ids))
      AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = pe.id)
    WINDOW latest_first AS (PARTITION BY pe.estate_id ORDER BY pe.entry_date DESC, pe.id DESC),
           whole AS (latest_first ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ) ranked
  WHERE n = 1
  ON CONFLICT (estate_id) DO UPDATE
    SET entry_id = EXCLUDED.entry_id, entry_date = EXCLUDED.entry_date, stage = EXCLUDED.stage,
        progress_pct = EXCLUDED.progress_pct, investment_done_yuan = EXCLUDED.investment_done_yuan;
$$;

-- As in 015: statement-level, with the new rows as a table; the bulk loader disables it and refreshes once.
CREATE FUNCTION progress_entries_current_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM estate_current_state_refresh((SELECT array_agg(DISTINCT estate_id) FROM new_entries));
  RETURN NULL;
END $$;
CREATE TRIGGER progress_entries_current_state AFTER INSERT ON progress_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION progress_entries_current_state();

SELECT estate_current_state_refresh(NULL);
