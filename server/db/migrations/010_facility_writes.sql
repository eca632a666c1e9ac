-- Issue 9: facilities are edited on the map and imported, like estates: each row carries a
-- version for optimistic writes, whether it exists or is only planned (a designer's saved what-if),
-- and where it came from.
ALTER TABLE facilities
  ADD COLUMN status text NOT NULL DEFAULT 'existing' CHECK (status IN ('existing', 'planned')),
  ADD COLUMN source text NOT NULL DEFAULT '',
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
