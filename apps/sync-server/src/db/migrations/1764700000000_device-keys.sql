-- Up Migration
-- ES256 key pairs that sign device and hub tokens (decision 0012). Only the central server holds
-- the private keys; the public halves are published as a JWKS so a branch hub can verify the
-- tokens of its tills without being able to mint one. The newest unretired key signs; every
-- unretired key verifies (rotation: add a key, wait a token lifetime, retire the old one).
CREATE TABLE device_signing_keys (
  kid text PRIMARY KEY,
  private_key text NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- A paired device is a till or a branch hub (which replicates for the branch's tills).
ALTER TABLE devices ADD COLUMN kind text NOT NULL DEFAULT 'till' CHECK (kind IN ('till', 'hub'));

-- Down Migration
ALTER TABLE devices DROP COLUMN kind;
DROP TABLE device_signing_keys;
