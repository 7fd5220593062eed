-- Up Migration
-- Used only by a branch hub: documents the central server refused (a 4xx naming the row) that
-- the hub's up scan stepped over so that every later document still goes up. One is pushed again
-- when the hub's copy changes (the scan meets it again); while it is here, the hub counts it as
-- unsynced in its heartbeat and logs why it was refused.
CREATE TABLE hub_refused (
  collection text NOT NULL,
  id text NOT NULL,
  message text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);

-- Down Migration
DROP TABLE hub_refused;
