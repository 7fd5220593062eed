-- Up Migration
-- What each till last reported about itself (unsynced orders, print queue, printers, version):
-- the server cannot see these, the back office shows them as reported.
ALTER TABLE devices ADD COLUMN heartbeat jsonb, ADD COLUMN heartbeat_at timestamptz;

-- Down Migration
ALTER TABLE devices DROP COLUMN heartbeat, DROP COLUMN heartbeat_at;
