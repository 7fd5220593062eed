-- Up Migration
-- A pairing code may be made for one kind of device (the back office's pairing dialog: till,
-- kitchen screen, ready board, hub); NULL: any kind, as before.
ALTER TABLE pairing_codes ADD COLUMN device_kind text
  CHECK (device_kind IS NULL OR device_kind IN ('till', 'hub', 'kitchen', 'board'));

-- Down Migration
ALTER TABLE pairing_codes DROP COLUMN device_kind;
