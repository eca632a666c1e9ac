-- Issue 11: the dashboard's answers are shared under the same data version as the tiles (migration
-- 013), so the version now also moves with what only the dashboard reads: plans and their members,
-- renovation items, funding and sub-district names. A tile's ETag changes with them too, which costs
-- a tile request, never a wrong tile.
CREATE TRIGGER annual_plans_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON annual_plans
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER plan_estates_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_estates
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER renovation_items_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON renovation_items
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER funding_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
CREATE TRIGGER subdistricts_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subdistricts
  FOR EACH STATEMENT EXECUTE FUNCTION tile_data_changed();
