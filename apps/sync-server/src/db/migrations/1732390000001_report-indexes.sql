-- Up Migration
-- Reports select an org's orders and shifts by business day (YYYY-MM-DD in the branch's time zone).
CREATE INDEX documents_business_day_idx ON documents (org_id, collection, branch_id, (data ->> 'businessDay'))
  WHERE collection IN ('orders', 'shifts');

-- Down Migration
DROP INDEX documents_business_day_idx;
