-- Issue 11: vector tiles are cached under one data version, bumped by the commit of any transaction
-- that changed what a tile draws (estates, their zones and progress, facilities). The bump happens
-- at commit (a deferred trigger), so the version row is locked only for the instant of the commit:
-- no write waits on another's whole transaction, and two writers cannot deadlock over it. A reader
-- sees the new version in the same snapshot as the new rows, on the primary and on a replica alike.
CREATE TABLE tile_data_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL DEFAULT 1
);
INSERT INTO tile_data_version DEFAULT VALUES;

-- One row per open transaction that changed tile data, removed again by its own commit trigger.
CREATE TABLE tile_data_pending (txid bigint PRIMARY KEY);

-- Statement-level, so a 200 000-row import costs one call, not one per row; the transaction-local
-- setting makes every statement after the first a no-op.
CREATE FUNCTION tile_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('atlas.tile_data_changed', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('atlas.tile_data_changed', 'on', true);
    INSERT INTO tile_data_pending VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION tile_data_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tile_data_version SET version = version + 1;
  DELETE FROM tile_data_pending WHERE txid = NEW.txid;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER tile_data_bump AFTER INSERT ON tile_data_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tile_data_bump();

CREATE TRIGGER estates_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON estates
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER zones_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zones
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER zone_estates_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zone_estates
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER facilities_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facilities
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER progress_entries_tile_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_entries
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER stage_catalogue_tile_data AFTER UPDATE ON stage_catalogue
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
