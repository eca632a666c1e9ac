-- Issue 10, continued: the administrator's stage list (core/programme/stages.ts). One row; `stages` NULL
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

-- Items and funding are dated (the day an amount was planned or received), so the time replay shows
-- the money as it stood on any past date. A changed amount is a new dated row; removing a row
-- removes a mistake.
ALTER TABLE renovation_items ADD COLUMN recorded_on date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE funding ADD COLUMN recorded_on date NOT NULL DEFAULT CURRENT_DATE;

DROP VIEW estate_item_shares;
CREATE VIEW estate_item_shares AS
  SELECT estate_id, item_type, quantity, estimated_cost_yuan, recorded_on FROM renovation_items WHERE estate_id IS NOT NULL
  UNION ALL
  SELECT s.estate_id, i.item_type, i.quantity * s.share, i.estimated_cost_yuan * s.share, i.recorded_on
  FROM renovation_items i JOIN zone_member_shares s ON s.zone_id = i.zone_id;

DROP VIEW estate_funding_shares;
CREATE VIEW estate_funding_shares AS
  SELECT estate_id, source, planned_yuan, received_yuan, recorded_on FROM funding WHERE estate_id IS NOT NULL
  UNION ALL
  SELECT s.estate_id, f.source, f.planned_yuan * s.share, f.received_yuan * s.share, f.recorded_on
  FROM funding f JOIN zone_member_shares s ON s.zone_id = f.zone_id;
