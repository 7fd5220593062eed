-- Up Migration
-- A device may be a customer ready board (issue 16): it only reads the branch's orders.
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check CHECK (kind IN ('till', 'hub', 'kitchen', 'board'));

-- Down Migration
DELETE FROM devices WHERE kind = 'board';
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check CHECK (kind IN ('till', 'hub', 'kitchen'));
