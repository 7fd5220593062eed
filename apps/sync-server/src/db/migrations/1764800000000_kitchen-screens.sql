-- Up Migration
-- A device may be a kitchen screen (issue 16): it reads the branch's orders and may only add
-- kitchen bumps to them, for its stations (none listed: every station, an expo screen).
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check CHECK (kind IN ('till', 'hub', 'kitchen'));
ALTER TABLE devices ADD COLUMN kitchen_stations jsonb NOT NULL DEFAULT '[]'::jsonb;

-- Down Migration
ALTER TABLE devices DROP COLUMN kitchen_stations;
DELETE FROM devices WHERE kind = 'kitchen';
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check CHECK (kind IN ('till', 'hub'));
