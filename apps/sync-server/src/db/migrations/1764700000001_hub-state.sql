-- Up Migration
-- Used only by a server running as a branch hub (`comanda-server hub`), in its own database.
-- Its identity at the central server (a device of kind 'hub') and the JWKS it last fetched, so a
-- hub restarted while the internet is down still verifies its tills.
CREATE TABLE hub_identity (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  upstream text NOT NULL,
  device_id text NOT NULL,
  device_secret text NOT NULL,
  org_id text NOT NULL,
  branch_id text NOT NULL,
  jwks jsonb,
  paired_at timestamptz NOT NULL DEFAULT now()
);

-- Where replication with the central server stands, per direction and collection: 'up' is a
-- checkpoint in this database (the last local change pushed), 'down' one of the central server
-- (the last document pulled). Saved in the transaction that applies the batch: exactly once.
CREATE TABLE hub_checkpoints (
  direction text NOT NULL CHECK (direction IN ('up', 'down')),
  collection text NOT NULL,
  txid text NOT NULL,
  id text NOT NULL,
  PRIMARY KEY (direction, collection)
);

-- The central server's state of each document as the hub last saw it: the assumedMasterState of
-- the hub's next push of that document (compare-and-set against the central server).
CREATE TABLE hub_upstream_masters (
  collection text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);

-- Down Migration
DROP TABLE hub_upstream_masters, hub_checkpoints, hub_identity;
