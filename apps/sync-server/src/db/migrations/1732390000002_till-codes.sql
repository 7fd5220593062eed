-- Up Migration
-- Each till of a branch gets the next index at pairing; its code (core's tillCode: A, B, … ZZ)
-- prefixes its ticket numbers, so two tills of a branch never print the same ticket on one day.
-- Indexes are never reused (a revoked till's tickets of the day keep their code).
ALTER TABLE devices ADD COLUMN till_index integer;
UPDATE devices d SET till_index = n.i
  FROM (SELECT id, row_number() OVER (PARTITION BY org_id, branch_id ORDER BY created_at, id) - 1 AS i FROM devices) n
  WHERE n.id = d.id;
ALTER TABLE devices ALTER COLUMN till_index SET NOT NULL;
CREATE UNIQUE INDEX devices_branch_till_index ON devices (org_id, branch_id, till_index);

-- Down Migration
DROP INDEX devices_branch_till_index;
ALTER TABLE devices DROP COLUMN till_index;
