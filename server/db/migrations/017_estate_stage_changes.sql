-- Issue 11: the dashboard's over-time chart counts, up to each month end, the estates that entered or
-- left a started or completed stage. Derived from the history on every request, that sorts every
-- entry (1.3 million for 200 000 estates); kept here, it reads only the entries that changed an
-- estate's stage. An entry's previous stage is that of its estate's counting entry before it (by date
-- then id; NULL for the first), which no later entry can change, so the rows dated on or before a day
-- are that day's changes. A correction re-derives its estate's rows, as it does the kept state (016).
CREATE TABLE estate_stage_changes (
  entry_id integer PRIMARY KEY REFERENCES progress_entries (id) ON DELETE CASCADE,
  estate_id integer NOT NULL REFERENCES estates (id) ON DELETE CASCADE,
  entry_date date NOT NULL,
  stage text NOT NULL,
  -- NULL for the estate's first counting entry: the default stage is core's to name (DEFAULT_STAGE).
  previous_stage text
);
CREATE INDEX estate_stage_changes_estate_idx ON estate_stage_changes (estate_id);

-- Recomputes the rows of `estate_ids` (every estate when NULL) from their histories.
CREATE FUNCTION estate_stage_changes_refresh(estate_ids integer[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM estate_stage_changes WHERE estate_ids IS NULL OR estate_id = ANY (estate_ids);
  INSERT INTO estate_stage_changes (entry_id, estate_id, entry_date, stage, previous_stage)
  SELECT id, estate_id, entry_date, stage, previous_stage
  FROM (
    SELECT pe.id, pe.estate_id, pe.entry_date, pe.stage,
           lag(pe.stage) OVER (PARTITION BY pe.estate_id ORDER BY pe.entry_date, pe.id) AS previous_stage
    FROM progress_entries pe
    WHERE (estate_ids IS NULL OR pe.estate_id = ANY (estate_ids))
      AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = pe.id)
  ) steps
  WHERE previous_stage IS DISTINCT FROM stage;
$$;

-- The one statement trigger of 016 now keeps both.
CREATE OR REPLACE FUNCTION progress_entries_current_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched integer[] := (SELECT array_agg(DISTINCT estate_id) FROM new_entries);
BEGIN
  PERFORM estate_current_state_refresh(touched);
  PERFORM estate_stage_changes_refresh(touched);
  RETURN NULL;
END $$;

SELECT estate_stage_changes_refresh(NULL);
