-- Up Migration
-- Failed owner/manager sign-ins per email (lower-cased), whether or not an account has that
-- email, so a lockout does not reveal which emails exist. Shared by every instance, kept across
-- restarts; a successful sign-in deletes the row.
CREATE TABLE sign_in_failures (
  email_key text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  last_failure_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE sign_in_failures;
