-- Issue 11: a tiled map learns which estates changed stage after its tiles were cut by asking for
-- the entries appended since a cursor. The cursor was the largest entry id, but ids are handed out
-- when an entry is inserted, not when it commits: an entry still uncommitted when the cursor was
-- read, committing later under a lower id, was never named. Each entry now records the transaction
-- that appended it, and the cursor is the oldest transaction still open (`pg_snapshot_xmin`): every
-- entry from a transaction before it is committed (or gone) and in any tile cut after the cursor.
-- Rows already here get 0: they were all committed before this migration.
ALTER TABLE progress_entries ADD COLUMN appended_xid xid8 NOT NULL DEFAULT '0';
ALTER TABLE progress_entries ALTER COLUMN appended_xid SET DEFAULT pg_current_xact_id();
CREATE INDEX progress_entries_appended_xid ON progress_entries (appended_xid);
