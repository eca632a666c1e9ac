-- Issue 11: each estate's stage today, kept as a row instead of looked up per estate in every vector
-- tile. It is the estate's latest progress entry that no correction replaced — the same rule as
-- core/programme/progress-history.ts, and "today" because no entry is dated in the future. Entries are
-- append-only, so an insert is the only change to follow; deleting an estate takes its row along.
CREATE TABLE estate_current_stage (
  estate_id integer PRIMARY KEY REFERENCES estates (id) ON DELETE CASCADE,
  entry_id integer NOT NULL,
  entry_date date NOT NULL,
  stage text NOT NULL
);

-- Recomputes the rows of `estate_ids` (every estate when NULL) from their histories.
CREATE FUNCTION estate_current_stage_refresh(estate_ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO estate_current_stage (estate_id, entry_id, entry_date, stage)
  SELECT DISTINCT ON (pe.estate_id) pe.estate_id, pe.id, pe.entry_date, pe.stage
  FROM progress_entries pe
  WHERE (estate_ids IS NULL OR pe.estate_id = ANY (estate_ids))
    AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = pe.id)
  ORDER BY pe.estate_id, pe.entry_date DESC, pe.id DESC
  ON CONFLICT (estate_id) DO UPDATE
    SET entry_id = EXCLUDED.entry_id, entry_date = EXCLUDED.entry_date, stage = EXCLUDED.stage;
$$;

-- Statement-level with the new rows as a table: a zone's entry (one per member) is one refresh.
-- The bulk loader disables it while it copies a whole history and refreshes every estate once after.
CREATE FUNCTION progress_entries_current_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM estate_current_stage_refresh((SELECT array_agg(DISTINCT estate_id) FROM new_entries));
  RETURN NULL;
END $$;
CREATE TRIGGER progress_entries_current_stage AFTER INSERT ON progress_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION progress_entries_current_stage();

SELECT estate_current_stage_refresh(NULL);
