-- Issue 10: the administrator's stage list (core/programme/stages.ts). One row; `stages` NULL
-- means the default list of the code. Progress appends read the row FOR SHARE and an edit takes it
-- FOR UPDATE, so a stage cannot be removed while an entry using it is being appended.
CREATE TABLE stage_catalogue (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  stages jsonb CHECK (stages IS NULL OR jsonb_typeof(stages) = 'array'),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO stage_catalogue (singleton, stages) VALUES (true, NULL);

CREATE INDEX progress_entries_stage ON progress_entries (stage);
