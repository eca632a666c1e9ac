-- Issue 11: an estate's stage on a day from its history — the latest entry on or before the day
-- not replaced by a correction (core/programme/progress-history.ts). Tiles and the tiled map's
-- stage list read the kept state (migrations 015, 016) and fall back to this only for a day before
-- that state's entry (a replayed day, a clock set back). As a subquery in every tile statement it
-- was planned with each tile, and planning then cost as much as cutting a z16 tile; as a function
-- it is planned only when it runs.
CREATE FUNCTION estate_stage_on(estate integer, day date) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT pe.stage FROM progress_entries pe
  WHERE pe.estate_id = estate AND pe.entry_date <= day
    AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = pe.id)
  ORDER BY pe.entry_date DESC, pe.id DESC
  LIMIT 1
$$;
