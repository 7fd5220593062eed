-- Up Migration
CREATE TABLE orgs (
  id text PRIMARY KEY,
  name text NOT NULL,
  currency text NOT NULL DEFAULT 'EUR',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE branches (
  id text NOT NULL,
  org_id text NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'UTC',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

-- Owners and back-office managers: people who sign in with email + password.
CREATE TABLE users (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'manager')),
  branch_ids text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE refresh_tokens (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES users(id),
  family_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE devices (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  branch_id text NOT NULL,
  name text NOT NULL,
  secret_hash text NOT NULL,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, branch_id) REFERENCES branches(org_id, id)
);

CREATE TABLE pairing_codes (
  code_hash text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  branch_id text NOT NULL,
  created_by text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, branch_id) REFERENCES branches(org_id, id)
);

-- Per device and collection: where its pull stands and how many conflicts it met, for sync health.
CREATE TABLE device_sync_state (
  device_id text NOT NULL REFERENCES devices(id),
  collection text NOT NULL,
  checkpoint_txid xid8,
  last_pull_at timestamptz,
  last_push_at timestamptz,
  pushed_rows bigint NOT NULL DEFAULT 0,
  conflicts bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (device_id, collection)
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id text NOT NULL,
  branch_id text,
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, at);

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every replicated document. txid is the writing transaction's id: rows are read in (txid, id)
-- order and only below the snapshot's xmin, so a reader never passes a row that has yet to commit.
CREATE TABLE documents (
  org_id text NOT NULL REFERENCES orgs(id),
  collection text NOT NULL,
  id text NOT NULL,
  branch_id text,
  -- Branches that may pull the document; NULL means every branch of the org.
  visible_to text[],
  data jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, collection, id)
);
CREATE INDEX documents_pull_idx ON documents (collection, org_id, txid, id);

-- Down Migration
DROP TABLE documents, signing_keys, audit_log, device_sync_state, pairing_codes, devices,
  refresh_tokens, users, branches, orgs;
