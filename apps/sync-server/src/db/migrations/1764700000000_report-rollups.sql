-- Up Migration
-- Sales report rollups, maintained in the transaction that writes an order (src/reports/rollups.ts):
-- per branch, business day (period 'day', `business_day` YYYY-MM-DD) and business month (period
-- 'month', YYYY-MM: a year's report reads 12 rows per key, not 365), dimension and key, the sum of
-- every stored order's contribution as the core's aggregations compute it. `contributors` counts the orders adding to the row, so a row
-- exists for a report exactly when the full scan would show it. Integer minor units throughout.
CREATE TABLE report_rollups (
  org_id text NOT NULL,
  branch_id text NOT NULL,
  dimension text NOT NULL,
  period text NOT NULL CHECK (period IN ('day', 'month')),
  business_day text NOT NULL,
  key text NOT NULL,
  label text NOT NULL,
  quantity bigint NOT NULL,
  orders bigint NOT NULL,
  gross bigint NOT NULL,
  tax bigint NOT NULL,
  net bigint NOT NULL,
  contributors bigint NOT NULL,
  PRIMARY KEY (org_id, dimension, period, branch_id, business_day, key)
);

-- The time zone a branch's rollups were built in (hours and days are local). A branch without a
-- row, or whose zone changed since, has its rollups rebuilt from its documents before a report
-- reads them; pushes meanwhile leave them alone. This is also the backfill of existing data.
CREATE TABLE report_rollup_state (
  org_id text NOT NULL,
  branch_id text NOT NULL,
  time_zone text NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, branch_id)
);

-- Down Migration
DROP TABLE report_rollup_state, report_rollups;
