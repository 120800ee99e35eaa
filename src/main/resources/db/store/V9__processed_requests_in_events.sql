-- A processed or duplicate request's record lives in its events row from here on: the pipeline writes
-- one row per processed event instead of an events row and a requests row (5 B-trees fewer per event).
-- states holds the request's timed states as the requests row did; a NULL states means the record is in
-- requests (rows stored before this migration, and FAILED requests re-run to PROCESSED, whose history
-- the requests row keeps). requests keeps REJECTED and FAILED requests.
ALTER TABLE events ADD COLUMN webhook_id TEXT;
ALTER TABLE events ADD COLUMN states TEXT;
-- The request log lists newest first by receipt (optionally by event name); these serve its events half.
CREATE INDEX events_by_receipt ON events (org_id, received_at, request_id) WHERE states IS NOT NULL;
CREATE INDEX events_by_event_receipt ON events (org_id, event_name, received_at, request_id) WHERE states IS NOT NULL;
